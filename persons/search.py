"""Ranking of person records for a name query, by any spelling; exact spelling first.

Every query word is matched to one name part of a record (surname, given name,
patronymic, father's name) at the best of these levels: the exact spelling, the same
folded key (Kyrgyz letters, Latin passport or Yanalif, Ж/Дж …), the same surname base
(case and feminine forms), the surname root (the word before «уулу»), one edit on a long
key (OCR), an initial. A record must account for every query word to rank among the
full matches; records missing a word follow, so a misspelled word still leaves the rest
to find. ``PersonIndex`` is the in-memory reference the search backends are tested
against and what the evaluation uses.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from persons.types import PersonFacts
from persons.variants import (
    NameKeys,
    QueryToken,
    fuzzy_equal,
    initial_key,
    name_keys,
    read_query,
    surname_base,
)

EXACT, READING, KEY, BASE, ROOT, FUZZY, INITIAL = 1.0, 0.95, 0.9, 0.8, 0.75, 0.6, 0.5


@dataclass(frozen=True, slots=True)
class Hit:
    record_id: str
    score: float


def _best(tok: QueryToken, part: str, k: NameKeys) -> float:
    """How well one query word matches one name part of a record (0: not at all)."""
    if tok.initial:
        pool = {"given": k.given, "patronymic": k.patronymic, "father": k.father}.get(part)
        if pool and any(initial_key(tok.raw) == initial_key(p) for p in pool):
            return INITIAL
        if pool and any(initial_key(r) == initial_key(p) for r in tok.keys for p in pool):
            return INITIAL
        return 0.0
    pool = {
        "surname": k.surname,
        "given": k.given,
        "patronymic": k.patronymic,
        "father": k.father,
        "root": k.roots,
    }[part]
    if not pool:
        return 0.0
    score = 0.0
    if tok.raw in k.exact and part != "root":
        score = EXACT if not tok.father else KEY
    elif tok.readings & k.exact and part != "root" and not tok.father:
        score = READING
    if part == "surname":
        if tok.keys & pool:
            score = max(score, KEY)
        elif {surname_base(x) for x in tok.keys} & pool:
            score = max(score, BASE)
    elif tok.keys & pool:
        score = max(score, KEY if part != "root" else ROOT)
    if score == 0.0 and any(fuzzy_equal(a, b) for a in tok.keys for b in pool):
        score = FUZZY
    if score and tok.father and part not in ("father", "root"):
        score *= 0.5
    return score


_PARTS = ("surname", "given", "patronymic", "father", "root")


def score_record(tokens: list[QueryToken], k: NameKeys) -> tuple[float, int]:
    """(score, words matched): each word takes the best free part; order earns a little."""
    used: set[str] = set()
    total = 0.0
    matched = 0
    for i, tok in enumerate(sorted(tokens, key=lambda t: t.initial)):
        best, best_part = 0.0, ""
        for part in _PARTS:
            if (
                part in used
                or (part == "root" and "father" in used)
                or (part == "father" and "root" in used)
            ):
                continue
            s = _best(tok, part, k)
            if s > best:
                best, best_part = s, part
        if best:
            used.add(best_part)
            matched += 1
            total += best
            if i == 0 and best_part == "surname":
                total += 0.01
    return total, matched


class PersonIndex:
    """Records in memory with an inverted index of their keys."""

    def __init__(self) -> None:
        self._keys: dict[str, NameKeys] = {}
        self._postings: dict[str, set[str]] = defaultdict(set)
        self._by_len: dict[int, set[str]] = defaultdict(set)

    def add(self, record_id: str, names: list[PersonFacts]) -> None:
        merged = NameKeys()
        for f in names:
            k = name_keys(f)
            for attr in ("surname", "roots", "given", "patronymic", "father", "exact"):
                getattr(merged, attr).update(getattr(k, attr))
        self._keys[record_id] = merged
        for key in merged.all():
            self._postings[key].add(record_id)
            self._by_len[len(key)].add(key)

    def _candidates(self, tokens: list[QueryToken]) -> set[str]:
        out: set[str] = set()
        for tok in tokens:
            if tok.initial:
                continue
            for key in tok.keys | {surname_base(x) for x in tok.keys}:
                out |= self._postings.get(key, set())
                if len(key) >= 5:
                    for n in (len(key) - 1, len(key), len(key) + 1):
                        for other in self._by_len.get(n, ()):
                            if fuzzy_equal(key, other):
                                out |= self._postings[other]
        return out

    def search(self, q: str, limit: int = 10) -> list[Hit]:
        tokens = read_query(q)
        if not tokens:
            return []
        need = len(tokens)
        scored: list[tuple[float, str]] = []
        for rid in self._candidates(tokens):
            score, matched = score_record(tokens, self._keys[rid])
            if matched == 0:
                continue
            # Full matches first, then by score; a missing word costs a whole rank band.
            scored.append((score - (need - matched) * 10.0, rid))
        if any(s >= 0 for s, _ in scored):  # as the engines: full matches only, if any
            scored = [(s, rid) for s, rid in scored if s >= 0]
        scored.sort(key=lambda x: (-x[0], x[1]))
        return [Hit(rid, round(s, 4)) for s, rid in scored[:limit]]
