"""Unpack an uploaded ZIP without trusting it.

A member is refused, with its reason, when its path is absolute, climbs out with `..`
or is too deep; when it is a symbolic link, encrypted, or itself an archive; when it
is larger, or compresses better, than the limits allow, or would push the archive's
total over its limit. Every other member goes on. Members are written under generated
names, so no member name is ever used as a path, and sizes are counted while
inflating: the declared sizes in the ZIP directory are not believed.
"""

from __future__ import annotations

import re
import stat
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from core.errors import ErrorCode
from core.settings import Settings
from ingest.intake import Rejected

CHUNK = 1 << 20
RATIO_FLOOR = 1 << 20  # members below 1 MiB may compress as well as they like
ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
_DRIVE = re.compile(r"^[A-Za-z]:")


@dataclass(frozen=True, slots=True)
class ZipLimits:
    max_members: int = 10000
    max_total: int = 4096 << 20
    max_member: int = 200 << 20
    max_ratio: int = 200
    max_depth: int = 16

    @classmethod
    def from_settings(cls, s: Settings) -> ZipLimits:
        return cls(
            max_members=s.zip_max_members,
            max_total=s.zip_max_total_mb << 20,
            max_member=s.max_upload_mb << 20,
            max_ratio=s.zip_max_ratio,
            max_depth=s.zip_max_depth,
        )


@dataclass(frozen=True, slots=True)
class Member:
    name: str  # the member's path inside the archive, as the sender wrote it
    path: Path  # where it was unpacked


def is_zip_archive(path: Path) -> bool:
    """A ZIP that is an archive of files, not a DOCX (which is a ZIP too)."""
    with path.open("rb") as f:
        head = f.read(4)
    if head not in ZIP_MAGIC:
        return False
    try:
        with zipfile.ZipFile(path) as zf:
            return "word/document.xml" not in zf.namelist()
    except (zipfile.BadZipFile, OSError):
        return True  # a broken ZIP: unpacking reports why


def member_name(info: zipfile.ZipInfo) -> str:
    """The name as written: ZIPs from Windows tools without the UTF-8 flag are in cp866."""
    name = info.filename
    if not info.flag_bits & 0x800:
        raw = name.encode("cp437", errors="replace")
        try:
            name = raw.decode("utf-8")
        except UnicodeDecodeError:
            name = raw.decode("cp866", errors="replace")
    return name.replace("\\", "/")


def path_problem(name: str, max_depth: int) -> str | None:
    if name.startswith("/") or _DRIVE.match(name):
        return "абсолютный путь"
    parts = PurePosixPath(name).parts
    if any(p == ".." for p in parts):
        return "путь выходит за пределы архива («..»)"
    if len(parts) - 1 > max_depth:
        return f"слишком глубокая вложенность папок (больше {max_depth})"
    return None


def _is_link(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


def _hidden(name: str) -> bool:
    """Dot files and macOS resource forks, skipped like hidden files of a folder upload."""
    parts = [p for p in PurePosixPath(name).parts if p not in (".", "..")]
    return any(p.startswith(".") for p in parts) or "__MACOSX" in parts


class _Budget:
    def __init__(self, limits: ZipLimits) -> None:
        self.limits = limits
        self.total = 0


def _check(info: zipfile.ZipInfo, name: str, budget: _Budget) -> tuple[str, str] | None:
    lim = budget.limits
    if problem := path_problem(name, lim.max_depth):
        return ErrorCode.UNSAFE_PATH, f"Небезопасный путь в архиве: {problem}"
    if _is_link(info):
        return ErrorCode.LINK, "Символическая ссылка в архиве не принимается"
    if info.flag_bits & 0x1:
        return ErrorCode.BAD_ARCHIVE, "Файл в архиве зашифрован"
    if info.file_size > lim.max_member:
        return ErrorCode.TOO_LARGE, (
            f"Файл больше допустимого размера ({info.file_size >> 20} "
            f"МиБ > {lim.max_member >> 20} МиБ)"
        )
    if info.file_size > RATIO_FLOOR and info.file_size > lim.max_ratio * max(info.compress_size, 1):
        return ErrorCode.ZIP_BOMB, (f"Подозрение на ZIP-бомбу: сжатие больше {lim.max_ratio}:1")
    if budget.total + info.file_size > lim.max_total:
        return ErrorCode.ZIP_BOMB, (
            f"Превышен общий объём распакованного архива ({lim.max_total >> 20} МиБ)"
        )
    return None


def stored_spans(zf: zipfile.ZipFile, archive_size: int) -> dict[int, int]:
    """Bytes each member really occupies in the archive (header offset → distance to the
    next member's header or the central directory): a bound on its compressed data that a
    lying `compress_size` in the directory cannot raise."""
    starts = sorted({i.header_offset for i in zf.infolist()})
    end = zf.start_dir if 0 < zf.start_dir <= archive_size else archive_size
    bounds = [*starts[1:], max(end, starts[-1] if starts else 0)]
    return {s: max(1, e - s) for s, e in zip(starts, bounds, strict=True)}


def _inflate(
    zf: zipfile.ZipFile, info: zipfile.ZipInfo, dest: Path, budget: _Budget, stored: int
) -> tuple[str, str] | None:
    """Copy one member out, counting the bytes really produced against the bytes it really
    occupies in the archive (`stored`), not the sizes its directory entry declares."""
    lim = budget.limits
    cap = min(lim.max_member, lim.max_total - budget.total)
    compressed = max(1, min(info.compress_size, stored))
    written = 0
    try:
        with zf.open(info) as src, dest.open("wb") as out:
            while chunk := src.read(CHUNK):
                written += len(chunk)
                bomb = written > RATIO_FLOOR and written > compressed * lim.max_ratio
                if written > cap or bomb:
                    raise OverflowError
                out.write(chunk)
    except OverflowError:
        dest.unlink(missing_ok=True)
        return ErrorCode.ZIP_BOMB, "Подозрение на ZIP-бомбу: распакованный размер превышает лимит"
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as e:
        dest.unlink(missing_ok=True)
        return ErrorCode.BAD_ARCHIVE, f"Файл в архиве повреждён: {e}"
    budget.total += written
    if written >= 22 and is_zip_archive(dest):  # 22 bytes: the smallest ZIP there is
        dest.unlink()
        return ErrorCode.NESTED_ARCHIVE, "Архив внутри архива: распакуйте его и загрузите отдельно"
    return None


def unpack(
    archive: Path, label: str, dest: Path, limits: ZipLimits
) -> tuple[list[Member], list[Rejected]]:
    """Unpack `archive` (shown to the user as `label`) into `dest`; (members, rejected)."""
    dest.mkdir(parents=True, exist_ok=True)
    members: list[Member] = []
    rejected: list[Rejected] = []
    try:
        zf = zipfile.ZipFile(archive)
    except (zipfile.BadZipFile, OSError) as e:
        return [], [Rejected(label, ErrorCode.BAD_ARCHIVE, f"Архив не читается: {e}")]
    budget = _Budget(limits)
    with zf:
        spans = stored_spans(zf, archive.stat().st_size)
        infos = [i for i in zf.infolist() if not i.is_dir()]
        for n, info in enumerate(_files(infos)):
            name = member_name(info)
            source = f"{label}/{name}"
            if n >= limits.max_members:
                rest = len(infos) - n
                rejected.append(
                    Rejected(
                        f"{label}/…",
                        ErrorCode.TOO_MANY_FILES,
                        f"В архиве больше {limits.max_members} файлов: {rest} не приняты",
                    )
                )
                break
            if _hidden(name) and path_problem(name, limits.max_depth) is None:
                continue
            out = dest / f"{n:06d}"  # never the member's own name
            problem = _check(info, name, budget) or _inflate(
                zf, info, out, budget, spans.get(info.header_offset, 1)
            )
            if problem:
                rejected.append(Rejected(source, problem[0], problem[1]))
            else:
                members.append(Member(name, out))
    return members, rejected


def _files(infos: list[zipfile.ZipInfo]) -> Iterator[zipfile.ZipInfo]:
    yield from sorted(infos, key=lambda i: i.filename)
