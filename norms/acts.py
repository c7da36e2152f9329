"""Regexes for act names, built once from the catalog.

One pattern finds any code («УК КР», «Уголовного кодекса Кыргызской Республики»,
«Кыргыз Республикасынын Кылмыш-жаза кодексинин», «КЖКнын») with its jurisdiction before,
inside or after the name; others find laws («Закона КР … № 113», «№ 70 Мыйзамынын»).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import regex

from norms.catalog import Catalog, load_catalog
from norms.lexicon import (
    DATE_KY,
    DATE_RU,
    LAW_NUMBER,
    NUMBER_SIGN,
    QUOTED,
    UNQUOTED_TITLE,
    WORD_SEP,
    compile_abbr,
    compile_name,
    compiled,
)
from norms.model import ActMention


@dataclass(frozen=True, slots=True)
class ActLexicon:
    catalog: Catalog
    act: regex.Pattern[str]  # a code, anchored with .match
    act_before: regex.Pattern[str]  # a code that ends where the search window ends
    jurisdictions: tuple[tuple[str, regex.Pattern[str]], ...]
    groups: dict[str, tuple[tuple[str, str | None], ...]]  # group → ((family, lang), ...)
    law_ru: regex.Pattern[str]  # «Закона КР «…» от … № 113»
    law_word_ru: regex.Pattern[str]  # trigger for law_ru
    law_ky_word: regex.Pattern[str]  # «Мыйзамынын»
    law_ky_head: regex.Pattern[str]  # ««…» Кыргыз Республикасынын 1998-жылдын 30-майындагы »
    law_ky_tail: regex.Pattern[str]  # «№ 70 «…» » up to the word «Мыйзамы»
    foreign_law: regex.Pattern[str]
    code_tail: regex.Pattern[str]
    literals_ci: tuple[str, ...]
    literals_cs: tuple[str, ...]

    def jurisdiction(self, s: str | None) -> str | None:
        if not s:
            return None
        s = " ".join(s.split())
        for key, pat in self.jurisdictions:
            if pat.fullmatch(s):
                return key
        return None

    def mention(self, m: regex.Match[str], lang: str | None) -> ActMention | None:
        """The act named by a match of ``act`` / ``act_before``."""
        families: tuple[str, ...] = ()
        for name, entries in self.groups.items():
            if m.group(name) is not None:
                families = tuple(f for f, lg in entries if lg is None or lang is None or lg == lang)
                break
        if not families:
            return None
        jur_text = m.group("jur_post") or m.group("jur_mid") or m.group("jur_pre")
        jur = self.jurisdiction(jur_text)
        return ActMention(m.start("act"), m.end("act"), families=families, jur=jur)


def _jur_source(cat: Catalog) -> tuple[str, list[tuple[str, str]]]:
    per_key: list[tuple[str, str]] = []
    for j in cat.jurisdictions:
        alts = [compile_abbr(a) for a in j.abbr] + [compile_name(p) for p in j.patterns]
        per_key.append((j.key, "(?:" + "|".join(alts) + ")"))
    any_src = "(?:" + "|".join(src for _, src in per_key) + ")"
    return any_src, per_key


@cache
def lexicon() -> ActLexicon:
    cat = load_catalog()
    jur_any, per_key = _jur_source(cat)
    groups: dict[str, list[tuple[str, str | None]]] = {}
    alternatives: list[tuple[int, str]] = []
    abbr_groups: dict[str, str] = {}
    for fi, fam in enumerate(cat.families):
        name = f"n{fi}"
        pats = sorted(fam.patterns, key=len, reverse=True)
        src = "|".join(compile_name(p, jur_any) for p in pats)
        alternatives.append((max(len(p) for p in pats), f"(?P<{name}>{src})"))
        groups[name] = [(fam.key, None)]
        for ab in fam.abbr:
            gname = abbr_groups.setdefault(ab.text, f"a{len(abbr_groups)}")
            groups.setdefault(gname, []).append((fam.key, ab.lang))
    for text, gname in abbr_groups.items():
        alternatives.append((len(text), f"(?P<{gname}>{compile_abbr(text)})"))
    alternatives.sort(key=lambda t: -t[0])
    names = "(?:" + "|".join(src for _, src in alternatives) + ")"
    act_src = (
        rf"(?P<act>(?:(?P<jur_pre>{jur_any}){WORD_SEP})?{names}"
        rf"(?:\s{{1,3}}(?P<jur_post>{jur_any}))?)"
    )
    law_names = "|".join(compile_name(p) for p in cat.law_patterns)
    foreign = "|".join(compile_name(p) for p in cat.foreign_law_prefixes)
    date_ru = rf"от\s{{1,3}}{DATE_RU}"
    fill = (
        rf"(?:\s{{0,3}}(?:,|(?P<title>{QUOTED})|{date_ru}|(?P<jur2>{jur_any})"
        rf"|(?P<title>{UNQUOTED_TITLE})))"
    )
    law_ru = (
        rf"(?P<act>(?P<word>{law_names})(?:{WORD_SEP}(?P<jur>{jur_any}))?"
        rf"{fill}{{0,5}}"
        rf"(?:\s{{0,3}}{NUMBER_SIGN}\s{{0,3}}{LAW_NUMBER}"
        rf"(?:\s{{0,3}},?\s{{0,3}}(?:(?P<title>{QUOTED})|{date_ru})){{0,3}})?)"
    )
    ky_piece = rf"(?:(?P<title>{QUOTED})|(?P<jur>{jur_any})|{DATE_KY})"
    law_ky_head = rf"(?:{ky_piece}\s{{0,3}}){{1,5}}\Z"
    law_ky_tail = rf"{NUMBER_SIGN}\s{{0,3}}{LAW_NUMBER}\s{{0,3}}(?:{ky_piece}\s{{0,3}}){{0,4}}\Z"
    code_tail = (
        rf"(?:\s{{0,3}},?\s{{0,3}}{date_ru})?"
        rf"(?:\s{{0,3}}{NUMBER_SIGN}\s{{0,3}}[1-9]\d{{0,4}}(?![\w-]))?"
    )
    literals_cs = tuple(sorted({ab for ab in abbr_groups}))
    return ActLexicon(
        catalog=cat,
        act=compiled(act_src),
        act_before=compiled(act_src + r"\s{0,3}(?:\([^()\n]{0,80}\)\s{0,3})?\Z"),
        jurisdictions=tuple((k, compiled(src)) for k, src in per_key),
        groups={k: tuple(v) for k, v in groups.items()},
        law_ru=compiled(law_ru),
        law_word_ru=compiled(law_names),
        law_ky_word=compiled(compile_name("Мыйзам~")),
        law_ky_head=compiled(law_ky_head),
        law_ky_tail=compiled(law_ky_tail),
        foreign_law=compiled(rf"(?:{foreign})\s{{1,3}}\Z"),
        code_tail=compiled(code_tail),
        literals_ci=("кодекс", "конституц", "закон", "мыйзам"),
        literals_cs=literals_cs,
    )


def law_number(raw: str) -> str | None:
    """«1538-XII» → «1538-xii» (Roman numerals in Latin letters); Russian federal → None."""
    s = "".join(raw.split())
    num, _, suffix = s.partition("-")
    if not suffix:
        return num
    roman = suffix.translate(str.maketrans("ХхІіСсМм", "XxIiCcMm"))
    if regex.fullmatch(r"[IVXLCM]{1,7}", roman, flags=regex.IGNORECASE):
        return f"{num}-{roman.lower()}"
    if suffix.upper() in ("ФЗ", "ФКЗ"):
        return None
    return f"{num}-{suffix.lower()}"


def title_key(title: str) -> str:
    return " ".join(regex.sub(r"[«»\"“”„]", " ", title).lower().split())
