"""The search box: a citation typed by a user, resolved to canonical ids.

A user types «ч.2 ст.168 УК КР», «ук кр 168 ч 2», «168-берене 2-бөлүк», «uk-kr-2021/168» or
«uk-kr/168». An id with an edition is taken as it is; otherwise the edition comes from
``edition`` or from the date ``on`` (default today). Word order is free here, unlike in
running text, and a citation without an act takes the act from ``edition``.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import regex

from norms import grammar_ky, grammar_ru
from norms.acts import ActLexicon, lexicon
from norms.catalog import Act, Edition
from norms.clean import clean
from norms.extract import guess_lang, resolve_refs
from norms.find import find_refs
from norms.ids import split_id
from norms.laws import law_at
from norms.model import ActMention, Component, Level, TooManyNorms
from norms.resolve import act_id, ids_under

MAX_CITATION = 300
_ID_LIKE = regex.compile(r"[a-z][a-z0-9]{0,15}(?:-[a-z0-9]{1,15}){0,4}(?:/\S{1,40}){0,4}")
_BARE_PATH = regex.compile(
    r"\d{1,4}(?:-\d{1,3})?[а-я]?(?:\s{0,2}/\s{0,2}[0-9а-яa-z.\-]{1,10}){0,2}"
)
_TOKEN = regex.compile(r"[A-Za-zА-Яа-яЁёӨөҮүҢң]+")
# Words that name an article, part or item: said outside the act's name with no number we
# read («ст. 0 УК КР», «ст. ½ УК КР»), the citation is refused rather than widened to the
# whole act (issue #20: results for what was asked, or a clear 400).
_UNIT_WORD = regex.compile(
    r"(?i)(?<![А-Яа-яЁёӨөҮүҢң])(?:ст\.|стать|ч\.|част|п\.|пункт|берене|"
    r"бөлүк|пунк)"
)


@dataclass(frozen=True, slots=True)
class _Target:
    """What ``edition`` designates: an act and, optionally, one of its editions."""

    act_slug: str  # the act part of ids when the citation names no act
    act: Act | None  # None for a law


def _today(on: datetime.date | None) -> datetime.date:
    return on or datetime.date.today()


def _target(lex: ActLexicon, edition: str, on: datetime.date) -> _Target:
    e = edition.strip().lower()
    cat = lex.catalog
    found = cat.edition(e)
    if found is not None:
        return _Target(e, found[0])
    act = cat.act_by_prefix(e)
    if act is not None:
        return _Target(act.edition_on(on).slug, act)
    try:
        law_act, rest = split_id(e)
    except ValueError:
        law_act, rest = "", []
    if law_act.partition("/")[0] in cat.law_prefixes() and "/" in law_act and not rest:
        return _Target(law_act, None)
    raise ValueError(f"Неизвестная редакция или акт: «{edition}»")


def _act_of_slug(lex: ActLexicon, slug: str) -> Act | None:
    found = lex.catalog.edition(slug)
    return found[0] if found else None


def _from_id(
    lex: ActLexicon, citation: str, target: _Target | None, on: datetime.date
) -> list[str] | None:
    """«uk-kr-2021/168/2», «uk-kr/168», «law-kr/1538-XII/3»; None when not id-shaped."""
    s = "".join(citation.split()).lower()
    if not _ID_LIKE.fullmatch(s):
        return None
    head, _, rest = s.partition("/")
    cat = lex.catalog
    if cat.edition(head) is None:
        act = cat.act_by_prefix(head)
        if act is not None:
            slug = target.act_slug if target and target.act is act else act.edition_on(on).slug
            s = f"{slug}/{rest}" if rest else slug
        elif head not in cat.law_prefixes():
            return None
    act_part, segments = split_id(s)
    return ["/".join((act_part, *segments))]


def _normalize_case(lex: ActLexicon, text: str) -> str:
    """«ук кр» → «УК КР»: abbreviations typed in lower case."""
    known: dict[str, str] = {}
    for fam in lex.catalog.families:
        for ab in fam.abbr:
            known.setdefault(ab.text.lower(), ab.text)
    for j in lex.catalog.jurisdictions:
        for jab in j.abbr:
            known.setdefault(jab.lower(), jab)

    def fix(m: regex.Match[str]) -> str:
        out: str = known.get(m.group(0).lower(), m.group(0))
        return out

    out: str = _TOKEN.sub(fix, text)
    return out


_BARE_NUMBER = regex.compile(
    r"(?<![\w.\-/№])[1-9]\d{0,3}(?:-[1-9]\d{0,3})?(?:\.\d{1,3})?[а-г]?(?![\w.\-/])"
)
# The edition named in the citation itself: «(ред. 2021)» (as the UI labels an act), «в
# редакции от 2 февраля 2017 года», «УК КР 1997 года», «УК РСФСР (1926)», «1997-жылдагы».
# The year is never an article number, and it picks the act's edition (issue #20: an
# edition typed in the norm box was ignored and today's edition taken).
_DATE_WORDS = r"(?:\d{1,2}(?:\.\d{1,2}\.|\s{1,2}[а-яё]{3,9}\s{1,2}))?"
_EDITION_YEAR = regex.compile(
    r"(?i)(?<![\w])(?:ред(?:\.|акци[яи])?\s*(?:от\s*)?" + _DATE_WORDS + r"((?:1[89]|20)\d{2})"
    r"|(?:от\s{1,2})?" + _DATE_WORDS + r"((?:1[89]|20)\d{2})\s*(?:года|год|г\.|г(?![\w]))"
    r"|\(\s*((?:1[89]|20)\d{2})\s*\)"
    r"|((?:1[89]|20)\d{2})-жыл\w*)"
)


def _edition_year(text: str) -> tuple[int, list[tuple[int, int]]] | None:
    """The year of the edition a citation names, and where it is said; None if it names
    none. Two different years are refused: a citation names one edition."""
    found = [
        (int(next(g for g in m.groups() if g)), m.span()) for m in _EDITION_YEAR.finditer(text)
    ]
    if not found:
        return None
    years = {y for y, _ in found}
    if len(years) > 1:
        raise ValueError(f"В ссылке названы разные редакции: {', '.join(map(str, sorted(years)))}")
    return found[0][0], [span for _, span in found]


def _in_force_in(ed: Edition, year: int) -> bool:
    """In force some day of ``year``. An edition with no start date (the act's first in
    the catalogue) is taken to start in the year its slug names, not at the dawn of time:
    «УК КР 1960 года» is no edition of the 1997 code."""
    start = ed.valid_from
    tail = ed.slug.rsplit("-", 1)[-1]
    if start is None and tail.isdigit() and len(tail) == 4:
        start = datetime.date(int(tail), 1, 1)
    return (start is None or start.year <= year) and (
        ed.valid_to is None or ed.valid_to.year >= year
    )


def _edition_of_year(lex: ActLexicon, ids: list[str], year: int) -> list[str]:
    """``ids`` moved to the edition of their act that the year names: the edition adopted
    that year («УК КР 1997 года» is uk-kr-1997), else the one in force in it. An id of a
    law (no editions) stays; a year with no edition of the act is refused with the years
    there are."""
    out: list[str] = []
    for nid in ids:
        act_part, segments = split_id(nid)
        act = _act_of_slug(lex, act_part)
        if act is None:
            out.append(nid)
            continue
        by_slug = [ed for ed in act.editions if ed.slug.endswith(f"-{year}")]
        in_year = [ed for ed in act.editions if _in_force_in(ed, year)]
        candidates = by_slug or in_year
        if not candidates:
            there = ", ".join(ed.slug.rsplit("-", 1)[-1] for ed in act.editions)
            raise ValueError(
                f"У акта «{act.abbr or act.ru}» нет редакции {year} года (есть: {there})"
            )
        out.append("/".join((candidates[0].slug, *segments)))
    return list(dict.fromkeys(out))


def _components(text: str, skip: tuple[int, int] | None) -> list[Component]:
    """Every subdivision in a citation, in any order; a number standing alone is the
    article when no article word is given («ук кр 168 ч 2», «58-10 ч 1»)."""
    low = text.lower()
    comps: list[Component] = []
    taken = 0
    for m in grammar_ru.TRIGGER.finditer(low):
        if m.start() >= taken:
            c = grammar_ru.component(text, m.start())
            if c is not None:
                comps.append(c)
                taken = c.end
    for m in grammar_ky.TRIGGER.finditer(low):
        head = grammar_ky.HEAD_BEFORE.search(text, max(0, m.start() - 120), m.start())
        c = grammar_ky.component(text, head.start()) if head else None
        if c is not None and all(c.end <= x.start or c.start >= x.end for x in comps):
            comps.append(c)
    comps.sort(key=lambda c: c.start)
    if any(c.level == Level.ARTICLE for c in comps):
        return comps
    spans = [(c.start, c.end) for c in comps] + ([skip] if skip else [])
    spans += [m.span() for m in _EDITION_YEAR.finditer(text)]
    for m in _BARE_NUMBER.finditer(text):
        if all(m.end() <= a or m.start() >= b for a, b in spans):
            art = Component(Level.ARTICLE, [m.group(0).lower()], m.start(), m.end())
            return [art, *(c for c in comps if c.level != Level.ARTICLE)]
    return comps


def _first_act(lex: ActLexicon, text: str, lang: str) -> ActMention | None:
    for m in regex.finditer(r"(?<![\w-])[\w«]", text):
        a = lex.act.match(text, m.start())
        if a is not None:
            return lex.mention(a, lang)
        law = law_at(lex, text, m.start())
        if law is not None:
            return law
    return None


def _bare_path(text: str) -> list[Component] | None:
    """«168», «168/2/а» typed alone: article, part, item."""
    s = text.strip()
    if not _BARE_PATH.fullmatch(s):
        return None
    segs = [p.strip().lower() for p in s.split("/")]
    return [Component(Level(i), [v], 0, 0) for i, v in enumerate(segs)]


def _retarget(lex: ActLexicon, ids: list[str], target: _Target) -> list[str]:
    out: list[str] = []
    for nid in ids:
        act_part, segments = split_id(nid)
        other = target.act is None or _act_of_slug(lex, act_part) is not target.act
        if other and act_part != target.act_slug:
            raise ValueError(
                f"Редакция «{target.act_slug}» не относится к акту, названному в ссылке "
                f"(«{act_part}»)"
            )
        out.append("/".join((target.act_slug, *segments)))
    return out


def resolve_citation(
    citation: str,
    *,
    edition: str | None = None,
    on: datetime.date | None = None,
    max_ids: int | None = None,
) -> list[str]:
    """Canonical ids for a citation typed in a search box (see ``_resolve``); an edition
    named in the text («УК КР 1997 года», «в ред. 2017») picks the act's edition unless
    ``edition`` is given, which wins."""
    ids = _resolve(citation, edition=edition, on=on, max_ids=max_ids)
    if edition:
        return ids
    named = _edition_year(citation)
    return _edition_of_year(lexicon(), ids, named[0]) if named else ids


def _resolve(
    citation: str,
    *,
    edition: str | None,
    on: datetime.date | None,
    max_ids: int | None,
) -> list[str]:
    """Canonical ids for a citation typed in a search box.

    ``edition`` («uk-kr-2017», or an act such as «uk-kr» or «law-kr/70») fixes the act's
    edition, or supplies the act when the citation names none; otherwise the edition in
    force on ``on`` (default today) is taken. A citation naming only an act gives the act's
    id; one that names an article whose number cannot be read («ст. 0 УК КР») is refused,
    not widened to the act. Raises ValueError with a message in Russian when nothing is
    recognized, and TooManyNorms (a ValueError) when lists and ranges multiply out to more than
    ``max_ids`` ids: counted before any id is built, so a hostile citation costs nothing.
    """
    if not citation or not citation.strip():
        raise ValueError("Пустая ссылка на норму")
    if len(citation) > MAX_CITATION:
        raise ValueError(f"Слишком длинная ссылка на норму (больше {MAX_CITATION} символов)")
    lex = lexicon()
    day = _today(on)
    target = _target(lex, edition, day) if edition else None

    by_id = _from_id(lex, citation, target, day)
    if by_id is not None:
        return by_id

    text = clean(_normalize_case(lex, citation)).text
    lang = guess_lang(text)
    found_ids = [
        i for _, _, found in resolve_refs(find_refs(text, lang), day, max_ids) for i in found
    ]
    ids = list(dict.fromkeys(found_ids))
    if max_ids is not None and len(ids) > max_ids:
        raise TooManyNorms(len(ids), max_ids)
    if any(len(split_id(i)[1]) for i in ids):
        return _retarget(lex, ids, target) if target else ids

    act = _first_act(lex, text, lang)
    comps = _bare_path(text) or _components(text, (act.start, act.end) if act else None)
    if comps and not any(c.level == Level.ARTICLE for c in comps):
        raise ValueError(f"В ссылке «{citation.strip()}» не указан номер статьи")
    if act is None and target is None:
        if comps:
            raise ValueError(
                f"В ссылке «{citation.strip()}» не указан кодекс или закон: назовите акт "
                "(например, «ч. 2 ст. 168 УК КР») или выберите редакцию"
            )
        raise ValueError(f"Не удалось распознать ссылку на норму: «{citation.strip()}»")
    if act is not None:
        found = act_id(lex, act, day, {})
        if found is None:
            raise ValueError(f"Акт из ссылки «{citation.strip()}» отсутствует в каталоге")
        if not comps and _UNIT_WORD.search(text[: act.start] + " " + text[act.end :]):
            raise ValueError(
                f"В ссылке «{citation.strip()}» не распознан номер статьи: "
                "укажите его числом, например «ч. 2 ст. 168 УК КР»"
            )
        ids = ids_under(found[0], comps, found[1], max_ids=max_ids)
        return _retarget(lex, ids, target) if target else ids
    assert target is not None
    if not comps:
        raise ValueError(f"Не удалось распознать ссылку на норму: «{citation.strip()}»")
    found_ed = lex.catalog.edition(target.act_slug)
    return ids_under(
        target.act_slug,
        comps,
        found_ed[1].subarticles if found_ed else frozenset(),
        max_ids=max_ids,
    )
