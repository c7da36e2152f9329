"""Article-by-article comparison of two versions of a draft.

Articles are matched one against all by content, not by number: when a new article 4 is
inserted, old article 4 is now article 5 with the same text, and a reader must see «статья 4
→ статья 5, без изменений», not «статья 4 изменена, статья 5 изменена, …». The matching is
greedy on similarity (``difflib`` over word tokens), with a small bonus for keeping the
number, so a rewritten article that keeps its number is «changed» and an article whose text
went elsewhere is «renumbered». Inside a matched article, parts, points and subpoints are
matched the same way among siblings. Chapters and sections are matched by their headings.

``VersionDiff.mapping`` leads every unit id of the old version to its id in the new version
(``None`` when it is gone); comment anchors are carried over with it.
"""

from __future__ import annotations

import difflib
from collections import deque
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum

import regex

from drafts.structure import CONTAINERS, Structure, Unit, UnitKind

# Below this a pair of articles with different numbers is not «the same article».
MIN_SIMILARITY = 0.6
# Keeping the number is evidence of identity: a same-numbered pair wins a near tie.
SAME_NUMBER_BONUS = 0.15
# Below this even a same-numbered pair is a different article (removed + added): unrelated
# articles of one act share function words and formulas («в порядке, установленном …»),
# and a comment must not be carried to an article about something else.
MIN_SAME_NUMBER_SIMILARITY = 0.35
# Pairs of not-identical siblings compared one against all; above this (a code rewritten
# throughout) only units with the same number are compared, which keeps the diff linear.
MAX_PAIRS = 250_000


class ChangeKind(StrEnum):
    UNCHANGED = "unchanged"
    CHANGED = "changed"
    RENUMBERED = "renumbered"
    ADDED = "added"
    REMOVED = "removed"


class WordOpKind(StrEnum):
    EQUAL = "equal"
    INSERT = "insert"
    DELETE = "delete"
    REPLACE = "replace"


@dataclass(frozen=True, slots=True)
class WordOp:
    op: WordOpKind
    old: str
    new: str


@dataclass(frozen=True, slots=True)
class UnitChange:
    """One unit compared across versions; ``moved`` says its place among its siblings
    or its chapter changed; ``words`` is the word diff of its text without its label."""

    kind: ChangeKind
    unit_kind: UnitKind
    old_id: str | None
    new_id: str | None
    similarity: float
    text_changed: bool
    moved: bool = False
    old_chapter: str | None = None
    new_chapter: str | None = None
    words: tuple[WordOp, ...] = ()
    children: tuple[UnitChange, ...] = ()


@dataclass(frozen=True, slots=True)
class DiffOptions:
    min_similarity: float = MIN_SIMILARITY
    same_number_bonus: float = SAME_NUMBER_BONUS
    min_same_number_similarity: float = MIN_SAME_NUMBER_SIMILARITY
    max_pairs: int = MAX_PAIRS


@dataclass(frozen=True, slots=True)
class VersionDiff:
    old_version: str
    new_version: str
    changes: tuple[UnitChange, ...]  # articles (and preamble, decree paragraphs), new order
    containers: tuple[UnitChange, ...]  # sections and chapters
    mapping: dict[str, str | None] = field(default_factory=dict)

    def counts(self) -> dict[ChangeKind, int]:
        out = dict.fromkeys(ChangeKind, 0)
        for c in self.changes:
            out[c.kind] += 1
        return out

    def change_of(self, new_id: str) -> UnitChange | None:
        for c in self.changes:
            if c.new_id == new_id:
                return c
        return None


_TOKEN = regex.compile(r"\w+(?:-\w+)*|[^\w\s]")


# A line that is only a page number («2», «- 2 -», «стр. 2», «2 из 10») comes from the
# PDF a version was uploaded as; pagination shifts between versions and is not a change.
_PAGE_NUMBER = regex.compile(
    r"(?im)^[ \t]*(?:[-–—][ \t]*)?(?:стр\.?[ \t]*|бет[ \t]*)?\d{1,4}"
    r"(?:[ \t]*(?:из|/)[ \t]*\d{1,4})?(?:[ \t]*[-–—])?[ \t]*$"
)


def comparable(text: str) -> str:
    """The text as compared between versions: page-number lines left out."""
    return _PAGE_NUMBER.sub("", text)


def tokens(text: str) -> tuple[str, ...]:
    """Words and punctuation marks, lowercased with ё folded: a comma is a change in law."""
    return tuple(_TOKEN.findall(text.lower().replace("ё", "е")))


def word_diff(old: str, new: str) -> tuple[WordOp, ...]:
    """Word-level edit script between two texts (whitespace differences are not changes)."""
    a, b = old.split(), new.split()
    sm = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return tuple(
        WordOp(WordOpKind(tag), " ".join(a[i1:i2]), " ".join(b[j1:j2]))
        for tag, i1, i2, j1, j2 in sm.get_opcodes()
    )


@dataclass(slots=True)
class _Side:
    units: list[Unit]
    toks: list[tuple[str, ...]]
    titles: list[tuple[str, ...]]


def _side(units: Sequence[Unit], text_of: Callable[[Unit], str], *, titled: bool = True) -> _Side:
    return _Side(
        list(units),
        [tokens(comparable(text_of(u))) for u in units],
        [tokens(u.title) if titled else () for u in units],
    )


def _first_free(queue: deque[int] | None, used: set[int]) -> int | None:
    """The first index in ``queue`` not used yet (used ones are dropped on the way)."""
    while queue:
        if queue[0] not in used:
            return queue.popleft()
        queue.popleft()
    return None


def _match(
    old: _Side,
    new: _Side,
    key: Callable[[Unit], str],
    opts: DiffOptions,
) -> list[tuple[int, int, float]]:
    """Pairs (old index, new index, similarity): identical texts first, then the most
    similar remaining pairs, each unit used once."""
    pairs: list[tuple[int, int, float]] = []
    used_old: set[int] = set()
    used_new: set[int] = set()
    by_text: dict[tuple[str, ...], deque[int]] = {}
    by_text_key: dict[tuple[tuple[str, ...], str], deque[int]] = {}
    for j, t in enumerate(new.toks):
        by_text.setdefault(t, deque()).append(j)
        by_text_key.setdefault((t, key(new.units[j])), deque()).append(j)
    for i, t in enumerate(old.toks):
        hit = _first_free(by_text_key.get((t, key(old.units[i]))), used_new)
        if hit is None:
            hit = _first_free(by_text.get(t), used_new)
        if hit is None:
            continue
        pairs.append((i, hit, 1.0))
        used_old.add(i)
        used_new.add(hit)
    candidates: list[tuple[float, int, int, float]] = []
    rest_new = [j for j in range(len(new.units)) if j not in used_new]
    rest_old = [i for i in range(len(old.units)) if i not in used_old]
    everyone = len(rest_new) * len(rest_old) <= opts.max_pairs
    old_by_key: dict[str, list[int]] = {}
    for i in rest_old:
        old_by_key.setdefault(key(old.units[i]), []).append(i)
    for j in rest_new:
        sm = difflib.SequenceMatcher(None, autojunk=False)
        sm.set_seq2(new.toks[j])
        for i in rest_old if everyone else old_by_key.get(key(new.units[j]), []):
            same = key(old.units[i]) == key(new.units[j])
            # the same article title is evidence like the same number
            titled = bool(old.titles[i]) and old.titles[i] == new.titles[j]
            floor = opts.min_same_number_similarity if same or titled else opts.min_similarity
            sm.set_seq1(old.toks[i])
            if sm.real_quick_ratio() < floor or sm.quick_ratio() < floor:
                continue
            sim = sm.ratio()
            if sim < floor:
                continue
            bonus = opts.same_number_bonus * (same + titled)
            candidates.append((sim + bonus, i, j, sim))
    candidates.sort(key=lambda c: (-c[0], c[1], c[2]))
    for _, i, j, sim in candidates:
        if i in used_old or j in used_new:
            continue
        pairs.append((i, j, sim))
        used_old.add(i)
        used_new.add(j)
    return pairs


def _in_order(pairs: list[tuple[int, int, float]]) -> set[tuple[int, int]]:
    """The largest set of pairs whose old order agrees with the new order (longest
    increasing subsequence); the other pairs moved."""
    seq = sorted(pairs, key=lambda p: p[1])
    tails: list[int] = []
    tail_at: list[int] = []
    prev: list[int] = [-1] * len(seq)
    for k, (i, _, _) in enumerate(seq):
        lo, hi = 0, len(tails)
        while lo < hi:
            mid = (lo + hi) // 2
            if tails[mid] < i:
                lo = mid + 1
            else:
                hi = mid
        if lo == len(tails):
            tails.append(i)
            tail_at.append(k)
        else:
            tails[lo] = i
            tail_at[lo] = k
        prev[k] = tail_at[lo - 1] if lo else -1
    keep: set[tuple[int, int]] = set()
    k = tail_at[-1] if tail_at else -1
    while k >= 0:
        keep.add((seq[k][0], seq[k][1]))
        k = prev[k]
    return keep


class _Differ:
    def __init__(self, old: Structure, new: Structure, opts: DiffOptions) -> None:
        self.old, self.new, self.opts = old, new, opts
        self.mapping: dict[str, str | None] = {}
        self.chapter_map: dict[str, str | None] = {}

    def old_body(self, u: Unit) -> str:
        return u.body(self.old.text)

    def new_body(self, u: Unit) -> str:
        return u.body(self.new.text)

    def forget(self, u: Unit) -> None:
        self.mapping[u.id] = None
        for c in u.children:
            self.forget(c)

    def compare(
        self,
        olds: Sequence[Unit],
        news: Sequence[Unit],
        key: Callable[[Unit], str],
        *,
        top: bool,
    ) -> tuple[UnitChange, ...]:
        a = _side(olds, self.old_body)
        b = _side(news, self.new_body)
        pairs = _match(a, b, key, self.opts)
        ordered = _in_order(pairs)
        old_of = {j: (i, sim) for i, j, sim in pairs}
        matched_old = {i for i, _, _ in pairs}
        out: list[UnitChange] = []
        pending_old = 0

        def flush_removed(upto: int) -> None:
            nonlocal pending_old
            while pending_old < upto:
                if pending_old not in matched_old:
                    out.append(self.removed(a.units[pending_old]))
                pending_old += 1

        for j, nu in enumerate(b.units):
            if j not in old_of:
                out.append(self.added(nu))
                continue
            i, sim = old_of[j]
            if (i, j) in ordered:
                flush_removed(i)
            out.append(
                self.pair(
                    a.units[i],
                    nu,
                    sim,
                    a.toks[i] != b.toks[j],
                    moved=(i, j) not in ordered,
                    top=top,
                )
            )
        flush_removed(len(a.units))
        return tuple(out)

    def added(self, u: Unit) -> UnitChange:
        return UnitChange(ChangeKind.ADDED, u.kind, None, u.id, 0.0, True, new_chapter=u.chapter)

    def removed(self, u: Unit) -> UnitChange:
        self.forget(u)
        return UnitChange(ChangeKind.REMOVED, u.kind, u.id, None, 0.0, True, old_chapter=u.chapter)

    def pair(
        self, ou: Unit, nu: Unit, sim: float, text_changed: bool, *, moved: bool, top: bool
    ) -> UnitChange:
        self.mapping[ou.id] = nu.id
        children = self.compare(ou.children, nu.children, _child_key, top=False)
        if top and ou.chapter is not None and self.chapter_map.get(ou.chapter) != nu.chapter:
            moved = True
        if ou.number != nu.number:
            kind = ChangeKind.RENUMBERED
        elif text_changed:
            kind = ChangeKind.CHANGED
        else:
            kind = ChangeKind.UNCHANGED
        words = (
            word_diff(comparable(self.old_body(ou)), comparable(self.new_body(nu)))
            if text_changed
            else ()
        )
        return UnitChange(
            kind,
            nu.kind,
            ou.id,
            nu.id,
            round(sim, 4),
            text_changed,
            moved=moved,
            old_chapter=ou.chapter,
            new_chapter=nu.chapter,
            words=words,
            children=children,
        )

    def containers(self) -> tuple[UnitChange, ...]:
        olds = [u for u in self.old.walk() if u.kind in CONTAINERS]
        news = [u for u in self.new.walk() if u.kind in CONTAINERS]
        a = _side(olds, lambda u: f"{u.kind} {u.title}", titled=False)
        b = _side(news, lambda u: f"{u.kind} {u.title}", titled=False)
        pairs = _match(a, b, lambda u: u.id, self.opts)
        out: list[UnitChange] = []
        new_of = {i: (j, sim) for i, j, sim in pairs}
        for i, ou in enumerate(olds):
            if i not in new_of:
                self.chapter_map[ou.id] = None
                self.mapping[ou.id] = None
                out.append(UnitChange(ChangeKind.REMOVED, ou.kind, ou.id, None, 0.0, True))
                continue
            j, sim = new_of[i]
            nu = news[j]
            self.chapter_map[ou.id] = nu.id
            self.mapping[ou.id] = nu.id
            changed = a.toks[i] != b.toks[j]
            kind = (
                ChangeKind.RENUMBERED
                if ou.number != nu.number
                else ChangeKind.CHANGED
                if changed
                else ChangeKind.UNCHANGED
            )
            words = word_diff(ou.title, nu.title) if changed else ()
            out.append(UnitChange(kind, nu.kind, ou.id, nu.id, round(sim, 4), changed, words=words))
        matched_new = {j for _, j, _ in pairs}
        out.extend(
            UnitChange(ChangeKind.ADDED, nu.kind, None, nu.id, 0.0, True)
            for j, nu in enumerate(news)
            if j not in matched_new
        )
        return tuple(out)


def _top_key(u: Unit) -> str:
    return u.id


def _child_key(u: Unit) -> str:
    return f"{u.kind}:{u.number}"


def diff_versions(
    old: Structure,
    new: Structure,
    *,
    old_version: str = "",
    new_version: str = "",
    options: DiffOptions | None = None,
) -> VersionDiff:
    """Compare two parsed versions article by article (see the module docstring)."""
    d = _Differ(old, new, options or DiffOptions())
    containers = d.containers()
    changes = d.compare(old.articles(), new.articles(), _top_key, top=True)
    return VersionDiff(old_version, new_version, changes, containers, d.mapping)
