"""The catalog of acts (``catalog.json``): names, abbreviations, editions and their dates.

The extractor never hard-codes an act: everything it knows about codes, jurisdictions and
editions is read from the data file, so a new code or edition is a data change.
"""

from __future__ import annotations

import datetime
import json
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any


@dataclass(frozen=True, slots=True)
class Edition:
    slug: str
    valid_from: datetime.date | None
    valid_to: datetime.date | None
    ky: str | None = None
    subarticles: frozenset[str] = frozenset()

    def in_force(self, on: datetime.date) -> bool:
        return (self.valid_from is None or self.valid_from <= on) and (
            self.valid_to is None or on <= self.valid_to
        )

    def distance(self, on: datetime.date) -> int:
        """Days from ``on`` to this edition's period (0 when in force)."""
        if self.valid_from is not None and on < self.valid_from:
            return (self.valid_from - on).days
        if self.valid_to is not None and on > self.valid_to:
            return (on - self.valid_to).days
        return 0


@dataclass(frozen=True, slots=True)
class Act:
    family: str
    jur: str
    ru: str
    ky: str
    abbr: str
    editions: tuple[Edition, ...]

    def edition_on(self, on: datetime.date) -> Edition:
        """The edition in force on ``on``, else the nearest one in time."""
        for ed in self.editions:
            if ed.in_force(on):
                return ed
        return min(self.editions, key=lambda ed: ed.distance(on))


@dataclass(frozen=True, slots=True)
class Abbreviation:
    text: str
    lang: str | None


@dataclass(frozen=True, slots=True)
class Family:
    key: str
    patterns: tuple[str, ...]
    abbr: tuple[Abbreviation, ...]
    acts: tuple[Act, ...]

    def act(self, jur: str) -> Act | None:
        for a in self.acts:
            if a.jur == jur:
                return a
        return None


@dataclass(frozen=True, slots=True)
class Jurisdiction:
    key: str
    abbr: tuple[str, ...]
    patterns: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class LawAct:
    jur: str
    prefix: str
    ru: str
    ky: str
    abbr: str


@dataclass(frozen=True, slots=True)
class Catalog:
    jurisdictions: tuple[Jurisdiction, ...]
    default_jur: tuple[tuple[datetime.date | None, datetime.date | None, str], ...]
    families: tuple[Family, ...]
    law_patterns: tuple[str, ...]
    foreign_law_prefixes: tuple[str, ...]
    laws: tuple[LawAct, ...]

    def family(self, key: str) -> Family:
        for f in self.families:
            if f.key == key:
                return f
        raise KeyError(key)

    def default_jurisdiction(self, on: datetime.date) -> str:
        for lo, hi, jur in self.default_jur:
            if (lo is None or lo <= on) and (hi is None or on <= hi):
                return jur
        return "kr"

    def law(self, jur: str) -> LawAct | None:
        for law in self.laws:
            if law.jur == jur:
                return law
        return None

    def edition_for(
        self, families: tuple[str, ...], jur: str | None, on: datetime.date
    ) -> Edition | None:
        """The edition meant by an act named with ``families`` and ``jur`` in a text of ``on``.

        An abbreviation can name several families («ТК»: labour or customs code); the
        jurisdiction picks among them, then the date picks the edition. ``None`` means the
        act is outside the catalog («ТК ТС», «ТК РФ»).
        """
        jur = jur or self.default_jurisdiction(on)
        acts = [a for f in families if (a := self.family(f).act(jur)) is not None]
        if not acts:
            return None
        for a in acts:
            for ed in a.editions:
                if ed.in_force(on):
                    return ed
        return acts[0].edition_on(on)

    def editions(self) -> list[tuple[Act, Edition]]:
        return [(a, ed) for f in self.families for a in f.acts for ed in a.editions]

    def edition(self, slug: str) -> tuple[Act, Edition] | None:
        for a, ed in self.editions():
            if ed.slug == slug:
                return a, ed
        return None

    def act_by_prefix(self, prefix: str) -> Act | None:
        """The act whose editions share the slug stem ``prefix`` («uk-kr» → УК КР)."""
        for f in self.families:
            for a in f.acts:
                if any(_stem(ed.slug) == prefix for ed in a.editions):
                    return a
        return None

    def law_prefixes(self) -> tuple[str, ...]:
        return tuple(law.prefix for law in self.laws)


def _stem(slug: str) -> str:
    """«uk-kr-2021» → «uk-kr»; slugs without a year stay whole."""
    head, _, tail = slug.rpartition("-")
    return head if tail.isdigit() and head else slug


def _date(value: Any) -> datetime.date | None:
    return datetime.date.fromisoformat(value) if value else None


def _abbr(item: Any) -> Abbreviation:
    if isinstance(item, str):
        return Abbreviation(item, None)
    return Abbreviation(item["text"], item.get("lang"))


def _act(family: str, data: dict[str, Any]) -> Act:
    editions = tuple(
        Edition(
            e["slug"],
            _date(e.get("from")),
            _date(e.get("to")),
            e.get("ky"),
            frozenset(e.get("subarticles", ())),
        )
        for e in data["editions"]
    )
    return Act(family, data["jur"], data["ru"], data["ky"], data["abbr"], editions)


def parse_catalog(data: dict[str, Any]) -> Catalog:
    families = tuple(
        Family(
            f["key"],
            tuple(f["patterns"]),
            tuple(_abbr(a) for a in f["abbr"]),
            tuple(_act(f["key"], a) for a in f["acts"]),
        )
        for f in data["families"]
    )
    return Catalog(
        jurisdictions=tuple(
            Jurisdiction(j["key"], tuple(j["abbr"]), tuple(j["patterns"]))
            for j in data["jurisdictions"]
        ),
        default_jur=tuple(
            (_date(d.get("from")), _date(d.get("to")), d["jur"])
            for d in data["default_jurisdiction"]
        ),
        families=families,
        law_patterns=tuple(data["laws"]["patterns"]),
        foreign_law_prefixes=tuple(data["laws"]["foreign_prefixes"]),
        laws=tuple(
            LawAct(a["jur"], a["prefix"], a["ru"], a["ky"], a["abbr"]) for a in data["laws"]["acts"]
        ),
    )


@cache
def load_catalog() -> Catalog:
    """The catalog shipped with the package (read once)."""
    raw = resources.files("norms").joinpath("catalog.json").read_text(encoding="utf-8")
    return parse_catalog(json.loads(raw))
