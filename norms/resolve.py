"""From parsed components and an act to canonical ids.

Grouping: an article closes the subdivisions written before it («п. 2 ч. 3 ст. 209») and
opens a group for those written after it («ст. 58-10 ч. 1», «168-беренесинин 2-бөлүгү»).
A subdivision after a comma that leads to another article belongs to that article
(«ст. 259, ч. 1 ст. 262»). Lists multiply out; only the most specific ids are kept.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from itertools import product

from norms.acts import ActLexicon
from norms.model import ActMention, Component, Level, RawRef, TooManyNorms

Path = tuple[Component, ...]


@dataclass(slots=True)
class Group:
    article: Component
    paths: list[Path] = field(default_factory=list)

    def extend(self, c: Component) -> None:
        """Descend: a level the current path lacks is added to it («ст. 58 п. 10 ч. 1»);
        a level it has starts a sibling branch («2-бөлүгүнүн 1-пункту, 3-бөлүгүнүн …»)."""
        last = self.paths[-1] if self.paths else ()
        if all(x.level != c.level for x in last):
            self.paths.append((*last, c))
        else:
            self.paths.append((*(x for x in last if x.level < c.level), c))


def _settle_items(comps: list[Component]) -> None:
    """«пп.» is a list of items, unless a «п.» stands in the same run: then a subitem."""
    run: list[Component] = []
    for c in [*comps, None]:
        if c is None or (c.sep_before and run):
            has_item = any(x.level == Level.ITEM and not x.ambiguous_item for x in run)
            for x in run:
                if x.ambiguous_item and has_item:
                    x.level = Level.SUBITEM
            run = []
        if c is not None:
            run.append(c)


def _article_ahead(comps: list[Component], i: int) -> bool:
    for j in range(i + 1, len(comps)):
        if comps[j].sep_before:
            return False
        if comps[j].level == Level.ARTICLE:
            return True
    return False


def _ascending(pending: list[Component]) -> list[Path]:
    paths: list[Path] = []
    last: Path = ()
    for c in reversed(pending):
        last = (*(x for x in last if x.level < c.level), c)
        paths.append(last)
    return paths


def group(comps: list[Component]) -> list[Group]:
    _settle_items(comps)
    groups: list[Group] = []
    pending: list[Component] = []
    current: Group | None = None
    for i, c in enumerate(comps):
        if c.level == Level.ARTICLE:
            current = Group(c, _ascending(pending))
            groups.append(current)
            pending = []
        elif pending or current is None or (c.sep_before and _article_ahead(comps, i)):
            pending.append(c)
            current = None
        else:
            current.extend(c)
    if pending and groups:
        groups[-1].paths.extend(_ascending(pending))
    return groups


def _most_specific(paths: list[Path]) -> list[Path]:
    keep: list[Path] = []
    for p in paths:
        if any(len(q) > len(p) and q[: len(p)] == p for q in paths):
            continue
        if p not in keep:
            keep.append(p)
    return keep or [()]


def _slots(path: Path) -> list[Component]:
    below = sorted((c for c in path if c.level != Level.PARA), key=lambda c: c.level)
    return below[:2]


def act_id(
    lex: ActLexicon, act: ActMention, on: datetime.date, titles: dict[str, str]
) -> tuple[str, frozenset[str]] | None:
    """The act part of the ids and the articles written «58-10» as «ст. 58 п. 10»."""
    cat = lex.catalog
    if act.is_law:
        number = act.law_number or (titles.get(act.law_title) if act.law_title else None)
        if number is None:
            return None
        law = cat.law(act.jur or cat.default_jurisdiction(on))
        return (f"{law.prefix}/{number}", frozenset()) if law else None
    ed = cat.edition_for(act.families, act.jur, on)
    return (ed.slug, ed.subarticles) if ed else None


def _plan(
    components: list[Component], subarticles: frozenset[str]
) -> list[tuple[list[str], list[Component]]]:
    """Per article path: the article values and the slots below it, before multiplying."""
    plan: list[tuple[list[str], list[Component]]] = []
    for g in group(components):
        for path in _most_specific(g.paths):
            for art in g.article.values:
                rest = _slots(path)
                arts = [art]
                item = next((c for c in path if c.level == Level.ITEM), None)
                if art in subarticles and item is not None:
                    arts = [f"{art}-{v}" for v in item.values]
                    rest = _slots(tuple(c for c in path if c is not item))
                plan.append((arts, rest))
    return plan


def expansion_size(plan: list[tuple[list[str], list[Component]]]) -> int:
    """How many ids a plan multiplies out to, computed without building them."""
    total = 0
    for arts, rest in plan:
        n = len(arts)
        for c in rest:
            n *= len(c.values)
        total += n
    return total


def ids_under(
    act: str,
    components: list[Component],
    subarticles: frozenset[str] = frozenset(),
    *,
    max_ids: int | None = None,
) -> list[str]:
    """Ids of the subdivisions in ``components`` under the act part ``act``.

    ``max_ids`` bounds the product of the lists and ranges: over it, TooManyNorms is raised
    before a single id is built («п. 1-30 ч. 1-30 ст. 1-30» would be 27,000 ids).
    """
    if not components:
        return [act]
    plan = _plan(components, subarticles)
    if max_ids is not None:
        size = expansion_size(plan)
        if size > max_ids:
            raise TooManyNorms(size, max_ids)
    ids: dict[str, None] = {}
    for arts, rest in plan:
        for combo in product(arts, *(c.values for c in rest)):
            ids.setdefault("/".join((act, *combo)).lower(), None)
    return list(ids)


def ref_ids(
    lex: ActLexicon,
    ref: RawRef,
    on: datetime.date,
    titles: dict[str, str],
    max_ids: int | None = None,
) -> list[str]:
    found = act_id(lex, ref.act, on, titles)
    if found is None:
        return []
    return ids_under(found[0], ref.components, found[1], max_ids=max_ids)
