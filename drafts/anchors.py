"""Comment anchors that survive new versions of a draft.

A comment is anchored to a unit of the version the commenter read («version 2, art-5/2»),
optionally with the words it is about. When the developer uploads version 3, the anchor is
carried through the diff's unit mapping: the unit may keep its id, be renumbered
(``art-5`` → ``art-6``), lose the quoted words, or be gone. A gone unit whose quoted words
appear exactly once in the new text is found there, because an article split in two keeps
its sentences.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

import regex

from drafts.diff import VersionDiff
from drafts.errors import DraftError, DraftErrorCode
from drafts.structure import Structure, Unit, unit_label

MAX_QUOTE_CHARS = 1000


class AnchorStatus(StrEnum):
    WHOLE_DRAFT = "whole_draft"
    SAME = "same"
    RENUMBERED = "renumbered"
    QUOTE_CHANGED = "quote_changed"
    FOUND_BY_QUOTE = "found_by_quote"
    GONE = "gone"


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a comment points: ``unit_id`` None means the draft as a whole."""

    version: str
    unit_id: str | None = None
    quote: str | None = None


@dataclass(frozen=True, slots=True)
class ResolvedAnchor:
    status: AnchorStatus
    version: str
    unit_id: str | None
    span: tuple[int, int] | None  # the quoted words (or the unit) in that version's text
    message: str


def _quote_pattern(quote: str) -> regex.Pattern[str]:
    words = quote.split()
    parts = ["".join("[её]" if ch in "еёЕЁ" else regex.escape(ch) for ch in w) for w in words]
    return regex.compile(r"\s+".join(parts), regex.IGNORECASE)


def _find_quote(
    text: str, quote: str, start: int = 0, end: int | None = None
) -> list[tuple[int, int]]:
    if not quote.split():
        return []
    pat = _quote_pattern(quote)
    return [m.span() for m in pat.finditer(text, start, len(text) if end is None else end)]


def locate(anchor: Anchor, structure: Structure) -> ResolvedAnchor:
    """Check an anchor against the version it was made on (when the comment is written)."""
    if anchor.quote is not None and len(anchor.quote) > MAX_QUOTE_CHARS:
        raise DraftError(
            DraftErrorCode.QUOTE_NOT_FOUND,
            f"Цитата длиннее {MAX_QUOTE_CHARS} символов; выделите короче.",
        )
    if anchor.unit_id is None:
        return ResolvedAnchor(
            AnchorStatus.WHOLE_DRAFT, anchor.version, None, None, "Замечание к проекту в целом."
        )
    unit = structure.by_id.get(anchor.unit_id)
    if unit is None:
        raise DraftError(
            DraftErrorCode.UNKNOWN_UNIT,
            f"В версии {anchor.version} нет структурной единицы «{anchor.unit_id}».",
        )
    span = (unit.start, unit.end)
    if anchor.quote:
        found = _find_quote(structure.text, anchor.quote, unit.start, unit.end)
        if not found:
            raise DraftError(
                DraftErrorCode.QUOTE_NOT_FOUND,
                f"Цитата не найдена в тексте: {unit_label(structure, unit.id)}.",
            )
        span = found[0]
    return ResolvedAnchor(
        AnchorStatus.SAME,
        anchor.version,
        unit.id,
        span,
        f"Замечание к: {unit_label(structure, unit.id)}.",
    )


def _smallest_unit_at(structure: Structure, pos: int, end: int) -> Unit | None:
    best: Unit | None = None
    for u in structure.walk():
        if (
            u.start <= pos
            and end <= u.end
            and (best is None or u.end - u.start < best.end - best.start)
        ):
            best = u
    return best


def carry_anchor(anchor: Anchor, diffs: Sequence[VersionDiff], target: Structure) -> ResolvedAnchor:
    """Resolve ``anchor`` in the version ``target``, reached from the anchor's version by
    ``diffs`` (consecutive: each diff starts where the previous ended; empty when the
    anchor is on ``target`` itself)."""
    to_version = diffs[-1].new_version if diffs else anchor.version
    expected = anchor.version
    for d in diffs:
        if d.old_version != expected:
            raise DraftError(
                DraftErrorCode.VERSION_CHAIN,
                f"Сравнения версий идут не подряд: ожидалась версия {expected}, "
                f"получена {d.old_version}.",
            )
        expected = d.new_version
    if anchor.unit_id is None:
        return ResolvedAnchor(
            AnchorStatus.WHOLE_DRAFT, to_version, None, None, "Замечание к проекту в целом."
        )
    unit_id: str | None = anchor.unit_id
    for d in diffs:
        if unit_id is None:
            break
        unit_id = d.mapping.get(unit_id)
    unit = target.by_id.get(unit_id) if unit_id else None
    if unit is None:
        return _by_quote(anchor, target, to_version)
    renumbered = unit.id != anchor.unit_id
    where = unit_label(target, unit.id)
    if anchor.quote:
        found = _find_quote(target.text, anchor.quote, unit.start, unit.end)
        if not found:
            return ResolvedAnchor(
                AnchorStatus.QUOTE_CHANGED,
                to_version,
                unit.id,
                (unit.start, unit.end),
                f"В версии {to_version} ({where}) цитируемого текста больше нет.",
            )
        span = found[0]
    else:
        span = (unit.start, unit.end)
    if renumbered:
        return ResolvedAnchor(
            AnchorStatus.RENUMBERED,
            to_version,
            unit.id,
            span,
            f"В версии {to_version} это {where}.",
        )
    return ResolvedAnchor(
        AnchorStatus.SAME, to_version, unit.id, span, f"В версии {to_version}: {where}."
    )


def _by_quote(anchor: Anchor, target: Structure, version: str) -> ResolvedAnchor:
    found = _find_quote(target.text, anchor.quote) if anchor.quote else []
    if len(found) == 1:
        unit = _smallest_unit_at(target, *found[0])
        if unit is not None:
            return ResolvedAnchor(
                AnchorStatus.FOUND_BY_QUOTE,
                version,
                unit.id,
                found[0],
                f"Структурной единицы {anchor.unit_id} в версии {version} нет; "
                f"цитируемый текст теперь в: {unit_label(target, unit.id)}.",
            )
    return ResolvedAnchor(
        AnchorStatus.GONE,
        version,
        None,
        None,
        f"Структурной единицы {anchor.unit_id} в версии {version} больше нет.",
    )
