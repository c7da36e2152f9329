"""anonymize_text / anonymize_pages: analyse, apply the role policy, replace.

Steps: line breaks inside running text are read as spaces (`unwrap_lines`: PDF
extraction wraps lines inside names and role phrases); the presidio engine proposes
spans; organisation and norm spans guard their letters against every name recognizer;
name candidates are merged, split where one name ends (initials, a Kyrgyz case suffix),
joined where recognizers cut one name in two (surname and patronymic agreeing in gender
and case), parsed and grouped into persons (`pseudonyms`); the policy keeps officials in
office; what the policy removes is replaced (a person by the same pseudonym in every
mention, any other datum by a placeholder), and every replacement is logged with its
recognizer and score. Offsets always refer to the text as given.
"""

from __future__ import annotations

import datetime
from collections.abc import Sequence
from dataclasses import dataclass

import regex as re

from anonymize.engine import get_engine, language_of
from anonymize.names import (
    LO,
    PARTICLES,
    TOKEN_RE,
    UP,
    agree,
    closes_name,
    fold,
    in_first_name_list,
    is_first_name,
    is_patronymic,
    surname_shaped,
)
from anonymize.operators import Operator, pseudonym_operator
from anonymize.policy import KEEP_LABELS, Policy, load_policy
from anonymize.pseudonyms import Mention, Person, cluster, parse_name, propagate
from anonymize.recognizers.pin import valid_pin
from anonymize.results import AnonymizedText, Finding

PAGE_SEPARATOR = "\n"
# A line break inside running text: the line before does not end a sentence or a heading
# (an initial `Д.` or an abbreviation `ул.` does not end one), the line after goes on.
_LINE_BREAK = re.compile(r"[ \u00a0\t]{0,8}\n[ \u00a0\t]{0,8}(?=\S)")
_LINE_END_RE = re.compile(rf"(?:(?<![\w])(?:[{UP}]|[{LO}]{{1,4}})\.|[^.:;!?\s])\Z")
_LIST_GAP = re.compile(r"[ \u00a0\t]{0,60}(?:,|и)?[ \u00a0\t]{0,60}\n?[ \u00a0\t]{0,60}")


@dataclass(slots=True)
class _Span:
    start: int
    end: int
    label: str
    recognizer: str
    score: float


def anonymize_text(
    text: str,
    *,
    lang: str = "ru",
    policy: str = "court",
    doc_date: datetime.date | None = None,
    pseudonym_style: str | None = None,
) -> AnonymizedText:
    """Depersonify one text under a collection policy (`court` removes, `archive` keeps names)."""
    pol = load_policy(policy)
    findings, kept = _analyze(
        text, language_of(lang), pol, doc_date, pseudonym_style or pol.pseudonym_style
    )
    return AnonymizedText(_apply(text, findings), tuple(findings), tuple(kept))


def anonymize_pages(
    pages: Sequence[str],
    *,
    lang: str = "ru",
    policy: str = "court",
    doc_date: datetime.date | None = None,
    pseudonym_style: str | None = None,
) -> list[AnonymizedText]:
    """One document split into pages: persons keep one pseudonym across all pages."""
    pol = load_policy(policy)
    joined = PAGE_SEPARATOR.join(pages)
    findings, kept = _analyze(
        joined, language_of(lang), pol, doc_date, pseudonym_style or pol.pseudonym_style
    )
    out = []
    offset = 0
    for page in pages:
        lo, hi = offset, offset + len(page)
        page_findings = tuple(
            _clip(f, lo, hi, joined) for f in findings if f.start < hi and f.end > lo
        )
        page_kept = tuple(_clip(f, lo, hi, joined) for f in kept if f.start < hi and f.end > lo)
        out.append(AnonymizedText(_apply(page, page_findings), page_findings, page_kept))
        offset = hi + len(PAGE_SEPARATOR)
    return out


def _clip(f: Finding, lo: int, hi: int, text: str) -> Finding:
    s, e = max(f.start, lo), min(f.end, hi)
    return Finding(s - lo, e - lo, f.label, f.recognizer, f.score, text[s:e], f.replacement)


def _apply(text: str, findings: Sequence[Finding]) -> str:
    parts, pos = [], 0
    for f in findings:
        parts.append(text[pos : f.start])
        parts.append(f.replacement)
        pos = f.end
    parts.append(text[pos:])
    return "".join(parts)


def unwrap_lines(text: str) -> str:
    """The text with line breaks inside running text turned into spaces (same length,
    same offsets): PDF extraction and narrow layouts wrap lines anywhere, also inside a
    name (`Кочкоровой\nАйжан Сагыновне`, `А. Т.\nЧотонова`) or a role phrase
    (`прокурора ... города\nБишкек Байматова Ч. У.`). A break after a sentence end, a
    colon or a line in capitals (a heading) stays."""
    out = list(text)
    for m in _LINE_BREAK.finditer(text):
        line_start = text.rfind("\n", 0, m.start()) + 1
        line = text[line_start : m.start()]
        if not line.strip() or not _LINE_END_RE.search(line):
            continue
        if not re.search(f"[{LO}]", line):
            continue  # a heading in capitals («ИМЕНЕМ КЫРГЫЗСКОЙ РЕСПУБЛИКИ»)
        line_end = text.find("\n", m.end())
        nxt = text[m.end() : line_end if line_end >= 0 else len(text)]
        if (
            not re.search(f"[{LO}]", nxt)
            and re.search(f"[{UP}]{{2}}", nxt)
            and not nxt.rstrip().endswith((",", ";"))
        ):
            continue  # the next line is a heading («УСТАНОВИЛ:»)
        out[m.start() : m.end()] = [" " if ch == "\n" else ch for ch in text[m.start() : m.end()]]
    return "".join(out)


def _analyze(
    source: str, lang: str, pol: Policy, doc_date: datetime.date | None, style: str
) -> tuple[list[Finding], list[Finding]]:
    text = unwrap_lines(source)
    spans = [
        _Span(
            r.start,
            r.end,
            r.entity_type,
            str(r.recognition_metadata.get("recognizer_name", "")),
            float(r.score),
        )
        for r in get_engine().analyze(text, language=lang)
        if r.score > 0
    ]
    guards = [(s.start, s.end) for s in spans if s.label in KEEP_LABELS]
    others = [
        s
        for s in spans
        if s.label not in KEEP_LABELS
        and s.label != "PERSON"
        and not (s.label == "PIN" and doc_date and not _pin_before(text, s, doc_date))
    ]
    blocked = guards + [(s.start, s.end) for s in others if s.label == "ADDRESS"]
    mentions, persons = _persons(
        text,
        [s for s in spans if s.label == "PERSON"],
        blocked,
        [(s.start, s.end) for s in others],
        pol,
    )
    keep = _officials(text, mentions, pol)
    removals: list[tuple[_Span, int | None]] = []
    kept: list[Finding] = []
    for m in mentions:
        if keep[id(m)] or not pol.removes("PERSON"):
            surface = source[m.start : m.end]
            label = "OFFICIAL" if keep[id(m)] else "PERSON"
            kept.append(Finding(m.start, m.end, label, m.recognizer, m.score, surface, surface))
        else:
            removals.append((_Span(m.start, m.end, "PERSON", m.recognizer, m.score), m.person))
    removals += [(s, None) for s in others if pol.removes(s.label)]
    findings = _replace(source, removals, persons, pol, lang, pseudonym_operator(style))
    kept = [k for k in kept if all(k.end <= f.start or k.start >= f.end for f in findings)]
    return findings, kept


def _pin_before(text: str, span: _Span, doc_date: datetime.date) -> bool:
    digits = "".join(ch for ch in text[span.start : span.end] if ch.isdigit())
    return valid_pin(digits, today=doc_date)


def _persons(
    text: str,
    candidates: list[_Span],
    blocked: list[tuple[int, int]],
    identifiers: list[tuple[int, int]],
    pol: Policy,
) -> tuple[list[Mention], list[Person]]:
    """Name candidates, outside guards, merged, split, parsed, grouped and propagated."""
    merged = _merge([c for s in candidates for c in _unguarded(text, s, blocked)])
    parts = _join_adjacent(
        text,
        [
            part
            for c in merged
            for piece in _split_after_initials(text, c)
            for part in _split_closed(text, piece)
        ],
    )
    mentions = [
        Mention(
            c.start,
            c.end,
            parse_name(text[c.start : c.end]),
            c.recognizer,
            c.score,
            role=_role(text, c.start, pol),
        )
        for c in parts
    ]
    persons = cluster(mentions)
    taken = blocked + identifiers + [(m.start, m.end) for m in mentions]
    for m in propagate(text, persons, taken):
        m.role = _role(text, m.start, pol)
        persons[m.person].mentions.append(m)
        mentions.append(m)
    mentions.sort(key=lambda m: m.start)
    return mentions, persons


def _replace(
    text: str,
    removals: list[tuple[_Span, int | None]],
    persons: list[Person],
    pol: Policy,
    lang: str,
    operator: Operator,
) -> list[Finding]:
    """One finding per group of overlapping removals: a person's pseudonym (numbered by
    first appearance) or the placeholder of the longest span's label."""
    order: dict[int, int] = {}
    for _span, pid in sorted(removals, key=lambda r: r[0].start):
        if pid is not None and pid not in order:
            order[pid] = len(order)
    findings = []
    for group in _overlapping(removals):
        start = min(s.start for s, _ in group)
        end = max(s.end for s, _ in group)
        main, pid = max(group, key=lambda r: (r[0].end - r[0].start, r[0].label == "PERSON"))
        if main.label == "PERSON" and pid is not None:
            params: dict[str, object] = {
                "index": order[pid],
                "initials": persons[pid].initials(),
                "placeholder": pol.placeholder("PERSON", lang),
            }
            operator.validate(params)
            replacement = operator.operate(text[start:end], params)
        else:
            replacement = pol.placeholder(main.label, lang)
        if replacement.endswith(".") and text[end : end + 1] == ".":
            replacement = replacement[:-1]  # «А.» before a full stop
        recognizers = "+".join(dict.fromkeys(s.recognizer for s, _ in group))
        findings.append(
            Finding(
                start,
                end,
                main.label,
                recognizers,
                max(s.score for s, _ in group),
                text[start:end],
                replacement,
            )
        )
    return findings


def _unguarded(text: str, span: _Span, blocked: list[tuple[int, int]]) -> list[_Span]:
    """The runs of a name candidate's tokens that lie outside every guard."""
    runs: list[list[tuple[int, int]]] = [[]]
    for m in TOKEN_RE.finditer(text, span.start, span.end):
        s, e = m.span()
        if any(s < ge and e > gs for gs, ge in blocked):
            runs.append([])
            continue
        if runs[-1] and "\n" in text[runs[-1][-1][1] : s]:
            runs.append([])
        runs[-1].append((s, e))
    out = []
    for run in runs:
        if run:
            out.append(_Span(run[0][0], run[-1][1], span.label, span.recognizer, span.score))
    return out


def _split_after_initials(text: str, span: _Span) -> list[_Span]:
    """`Сыдыков Р.А. Асанов` is two persons: initials close the name before them."""
    toks = [m.span() for m in TOKEN_RE.finditer(text, span.start, span.end)]
    kinds = ["i" if text[e - 1] == "." else "w" for s, e in toks]
    for i in range(2, len(toks)):
        if kinds[i] == "w" and kinds[i - 1] == "i" and "w" in kinds[: i - 1]:
            j = i - 1
            while j > 0 and kinds[j - 1] == "i":
                j -= 1
            if j > 0 and kinds[j - 1] == "w":
                head = _Span(span.start, toks[i - 1][1], span.label, span.recognizer, span.score)
                tail = _Span(toks[i][0], span.end, span.label, span.recognizer, span.score)
                return [head, *_split_after_initials(text, tail)]
    return [span]


def _split_closed(text: str, span: _Span) -> list[_Span]:
    """`Кадыров Бекболот Эркиновичтен Марат кызы Айгеримдин` is two persons: a Kyrgyz case
    suffix, or the name after «уулу»/«кызы», closes a name (`names.closes_name`)."""
    toks = [(m.start(), m.end(), m.group()) for m in TOKEN_RE.finditer(text, span.start, span.end)]
    for i in range(len(toks) - 1):
        _s, e, tok = toks[i]
        nxt = toks[i + 1][2]
        if tok.endswith(".") or fold(tok) in PARTICLES or fold(nxt) in PARTICLES:
            continue
        if nxt.endswith(".") and i + 2 >= len(toks):
            continue  # `Талгатка Т.`: initials trailing a name stay with it
        after_particle = i > 0 and fold(toks[i - 1][2]) in PARTICLES
        if (
            closes_name(tok, after_particle=after_particle)
            or _first_name_after_patronymic(tok, nxt)
            or _second_first_name(tok, nxt, last=i + 2 == len(toks))
        ):
            head = _Span(span.start, e, span.label, span.recognizer, span.score)
            tail = _Span(toks[i + 1][0], span.end, span.label, span.recognizer, span.score)
            return [head, *_split_closed(text, tail)]
    return [span]


_GAP = re.compile(r"[ \u00a0]{1,3}")


def _join_adjacent(text: str, spans: list[_Span]) -> list[_Span]:
    """Pieces of one name that recognizers reported apart (`Кочкоровой` + `Айжан
    Сагыновне`, `Айжан Сагыновна` + `Кочкорова`) are one mention when the surname and
    the patronymic agree in gender and case."""
    out: list[_Span] = []
    for sp in spans:
        last = out[-1] if out else None
        if last is not None and _joinable(text, last, sp):
            recognizer = (
                last.recognizer
                if sp.recognizer in last.recognizer.split("+")
                else (last.recognizer + "+" + sp.recognizer)
            )
            out[-1] = _Span(last.start, sp.end, last.label, recognizer, max(last.score, sp.score))
        else:
            out.append(sp)
    return out


def _joinable(text: str, a: _Span, b: _Span) -> bool:
    if not _GAP.fullmatch(text, a.end, b.start):
        return False
    left = [m.group() for m in TOKEN_RE.finditer(text, a.start, a.end)]
    right = [m.group() for m in TOKEN_RE.finditer(text, b.start, b.end)]
    if any(fold(t) in PARTICLES for t in left + right):
        return False
    if len(left) == 1 and not left[0].endswith(".") and not closes_name(left[0]):
        surname, rest = left[0], right  # `Кочкоровой` + `Айжан Сагыновне`
    elif (
        len(right) == 1 and not right[0].endswith(".") and len(left) == 2 and is_patronymic(left[1])
    ):
        surname, rest = right[0], left  # `Айжан Сагыновна` + `Кочкорова`
    else:
        return False
    words_ = [t for t in rest if not t.endswith(".")]
    if len(rest) > 2 or (words_ and len(words_) != len(rest)) or not surname_shaped(surname):
        return False
    patronymic = next((t for t in words_ if is_patronymic(t)), None)
    if patronymic is not None:
        return agree(surname, patronymic)
    return bool(words_) and is_first_name(words_[0]) and not surname_shaped(words_[0])


def _second_first_name(tok: str, nxt: str, *, last: bool) -> bool:
    """`Сейитова Бермет Нурбектин ооруп ...`: a name group has one first name, so a
    second one with a Kyrgyz case suffix at its end is somebody else (the suffix closes
    his own name)."""
    return (
        last
        and is_first_name(tok)
        and not surname_shaped(tok)
        and not is_patronymic(tok)
        and not is_patronymic(nxt)
        and closes_name(nxt)
    )


def _first_name_after_patronymic(tok: str, nxt: str) -> bool:
    """`Айдай Бакытовна Мээримдин`: a first name after a patronymic is somebody else's
    (a surname there is the Russian order, `Вера Павловна Гусева`)."""
    return is_patronymic(tok) and (
        closes_name(nxt)
        or (in_first_name_list(nxt, with_ambiguous=True) and not surname_shaped(nxt))
    )


def _merge(spans: list[_Span]) -> list[_Span]:
    merged: list[_Span] = []
    for s in sorted(spans, key=lambda s: (s.start, -s.end)):
        if merged and s.start < merged[-1].end:
            last = merged[-1]
            last.end = max(last.end, s.end)
            if s.recognizer not in last.recognizer.split("+"):
                last.recognizer += "+" + s.recognizer
            last.score = max(last.score, s.score)
        else:
            merged.append(_Span(s.start, s.end, s.label, s.recognizer, s.score))
    return merged


def _overlapping(items: list[tuple[_Span, int | None]]) -> list[list[tuple[_Span, int | None]]]:
    groups: list[list[tuple[_Span, int | None]]] = []
    end = -1
    for item in sorted(items, key=lambda r: (r[0].start, -r[0].end)):
        if groups and item[0].start < end:
            groups[-1].append(item)
            end = max(end, item[0].end)
        else:
            groups.append([item])
            end = item[0].end
    return groups


def _role(text: str, start: int, pol: Policy) -> str | None:
    if pol.official_context(text, start) or pol.plural_context(text, start):
        return "official"
    return "party" if pol.party_context(text, start) else None


def _officials(text: str, mentions: list[Mention], pol: Policy) -> dict[int, bool]:
    """Per mention: kept as an official in office? Direct context, a list after a plural
    office word, or another mention of the same person in office (unless doubtful)."""
    direct: dict[int, bool] = {}
    prev: Mention | None = None
    plural_chain = False
    for m in mentions:
        is_direct = m.role == "official"
        continued = (
            prev is not None
            and plural_chain
            and direct.get(id(prev), False)
            and _LIST_GAP.fullmatch(text, prev.end, m.start) is not None
        )
        if is_direct:
            plural_chain = pol.plural_context(text, m.start)
        elif not continued:
            plural_chain = False
        direct[id(m)] = is_direct or continued
        prev = m
    official_persons = {m.person for m in mentions if direct[id(m)]}
    return {
        id(m): pol.keep_officials
        and (
            direct[id(m)]
            or (m.person in official_persons and not m.ambiguous and m.role != "party")
        )
        for m in mentions
    }
