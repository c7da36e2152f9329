"""Uploaded ZIPs: each unsafe member is refused with its reason, the others unpacked."""

from __future__ import annotations

import random
import stat
import zipfile
from pathlib import Path

import pytest

from ingest.zipsafe import ZipLimits, is_zip_archive, path_problem, unpack

pytestmark = pytest.mark.unit  # pure logic: `make unit` runs it

LIMITS = ZipLimits(
    max_members=50, max_total=8 << 20, max_member=4 << 20, max_ratio=100, max_depth=4
)


def build(path: Path, members: list[tuple[str | zipfile.ZipInfo, bytes]]) -> Path:
    with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        for name, data in members:
            zf.writestr(name, data)
    return path


def symlink(name: str, target: str) -> tuple[zipfile.ZipInfo, bytes]:
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info, target.encode()


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        ("../evil.txt", b"x", "unsafe_path"),
        ("a/../../evil.txt", b"x", "unsafe_path"),
        ("/etc/passwd", b"x", "unsafe_path"),
        ("C:/Windows/evil.txt", b"x", "unsafe_path"),
        ("a/b/c/d/e/f.txt", b"x", "unsafe_path"),
        (None, b"", "link"),
        ("bomb.txt", b"\0" * (3 << 20), "zip_bomb"),
        ("big.txt", bytes(range(256)) * (5 << 12), "too_large"),
        ("inner.zip", None, "nested_archive"),
    ],
)
def test_unsafe_member_is_refused_and_the_rest_unpacked(
    tmp_path: Path, name: str | None, data: bytes | None, code: str
) -> None:
    member: tuple[str | zipfile.ZipInfo, bytes]
    if name is None:
        member = symlink("link.txt", "/etc/passwd")
    elif data is None:
        member = (name, build(tmp_path / "inner.zip", [("x.txt", b"inner")]).read_bytes())
    else:
        member = (name, data)
    archive = build(tmp_path / "upload.zip", [("good/ok.txt", "Справка".encode()), member])
    members, rejected = unpack(archive, "upload.zip", tmp_path / "out", LIMITS)
    assert [m.name for m in members] == ["good/ok.txt"]
    assert members[0].path.read_text() == "Справка"
    assert [(r.code, r.source.startswith("upload.zip/")) for r in rejected] == [(code, True)]
    assert rejected[0].message
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [members[0].path.name]
    assert not (tmp_path / "evil.txt").exists()


def test_total_size_and_member_count_limits(tmp_path: Path) -> None:
    rnd = random.Random(7)
    archive = build(tmp_path / "a.zip", [(f"{i}.bin", rnd.randbytes(3 << 20)) for i in range(4)])
    members, rejected = unpack(archive, "a.zip", tmp_path / "out", LIMITS)
    assert len(members) == 2 and [r.code for r in rejected] == ["zip_bomb", "zip_bomb"]
    many = build(tmp_path / "many.zip", [(f"{i}.txt", b"%d" % i) for i in range(60)])
    members, rejected = unpack(many, "many.zip", tmp_path / "out2", LIMITS)
    assert len(members) == 50
    assert [r.code for r in rejected] == ["too_many_files"] and "10" in rejected[0].message


def test_declared_sizes_are_not_trusted(tmp_path: Path) -> None:
    """A member whose header understates its size is stopped while inflating."""
    archive = build(tmp_path / "lie.zip", [("lie.txt", b"A" * (2 << 20))])
    raw = bytearray(archive.read_bytes())
    with zipfile.ZipFile(archive) as zf:
        info = zf.getinfo("lie.txt")
    real = info.file_size.to_bytes(4, "little")
    fake = (1000).to_bytes(4, "little")
    raw = raw.replace(real, fake)  # local header and central directory
    archive.write_bytes(bytes(raw))
    members, rejected = unpack(archive, "lie.zip", tmp_path / "out", LIMITS)
    assert members == [] and rejected[0].code in {"bad_archive", "zip_bomb"}


def test_cp866_names_and_hidden_entries(tmp_path: Path) -> None:
    archive = build(
        tmp_path / "win.zip", [("QQQQ.txt", b"x"), ("__MACOSX/._x", b"x"), (".DS_Store", b"x")]
    )
    # Windows tools write cp866 names without the UTF-8 flag
    archive.write_bytes(archive.read_bytes().replace(b"QQQQ", "дело".encode("cp866")))
    members, rejected = unpack(archive, "win.zip", tmp_path / "out", LIMITS)
    assert [m.name for m in members] == ["дело.txt"] and rejected == []


def test_broken_zip_is_one_failed_item(tmp_path: Path) -> None:
    bad = tmp_path / "bad.zip"
    bad.write_bytes(b"PK\x03\x04 definitely not a zip")
    assert is_zip_archive(bad)
    members, rejected = unpack(bad, "bad.zip", tmp_path / "out", LIMITS)
    assert members == [] and [r.code for r in rejected] == ["bad_archive"]


def test_docx_is_not_an_archive(sample_dir: Path) -> None:
    assert not is_zip_archive(sample_dir / "law.docx")
    assert not is_zip_archive(sample_dir / "note.txt")


@pytest.mark.parametrize(
    ("name", "ok"),
    [
        ("a/b.txt", True),
        ("a/./b.txt", True),
        ("../b", False),
        ("/b", False),
        ("D:b", False),
    ],
)
def test_path_problem(name: str, ok: bool) -> None:
    assert (path_problem(name, 8) is None) is ok
