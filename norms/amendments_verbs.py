"""What a clause does, read from its verb: data tables of bounded patterns per language.

A verb says only what kind of change is meant; whether «исключить» or «алынып салынсын»
repeals a unit or removes words from it, and whether «дополнить» / «толукталсын» adds a
unit or words, is decided by what surrounds it (``WORDS_*`` and ``ADDED_UNIT_RU``).
Patterns run on the lower-cased text with quoted wording blanked out.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import regex


class Verb(StrEnum):
    """The kinds of verb; ADD and REMOVE are settled by their context."""

    AMEND = "amend"  # изложить, заменить, баяндалсын, алмаштырылсын
    ADD = "add"  # дополнить, толукталсын: a new unit, or new words
    REMOVE = "remove"  # исключить, признать утратившим силу, алынып салынсын
    RENUMBER = "renumber"  # считать (соответственно) частями …, … деп эсептелсин


@dataclass(frozen=True, slots=True)
class VerbHit:
    verb: Verb
    start: int
    end: int
    strong: bool = True  # a drafting formula even with no «Внести в …» header


_B = r"(?<![\w-])"
_E = r"(?![\w-])"

VERBS_RU: tuple[tuple[Verb, regex.Pattern[str]], ...] = (
    (
        Verb.REMOVE,
        regex.compile(
            _B + r"(?:(?:признать|признав|считать)\s{1,3})?утративш\w{0,4}"
            r"\s{1,3}силу" + _E
        ),
    ),
    (Verb.REMOVE, regex.compile(_B + r"исключ(?:ить|ив)" + _E)),
    (Verb.AMEND, regex.compile(_B + r"(?:изложить|изложив)" + _E)),
    (Verb.AMEND, regex.compile(_B + r"(?:заменить|заменив)" + _E)),
    (Verb.ADD, regex.compile(_B + r"дополни(?:ть|в)" + _E)),
    (
        Verb.RENUMBER,
        regex.compile(
            _B + r"(?:соответственно\s{1,3})?считать(?:\s{1,3}соответственно)?"
            r"(?=\s{1,3}(?:стать|част|пункт|подпункт|абзац|\d))"
        ),
    ),
)
VERBS_KY: tuple[tuple[Verb, regex.Pattern[str]], ...] = (
    (
        Verb.REMOVE,
        regex.compile(
            _B + r"к[үу]ч[үу]н?\s{1,3}(?:жогот\w{0,6}|жок)\s{1,3}деп"
            r"\s{1,3}(?:таанылсын|эсептелсин)" + _E
        ),
    ),
    (Verb.REMOVE, regex.compile(_B + r"(?:алын\w{0,3}|алып)\s{1,3}салынсын" + _E)),
    (Verb.REMOVE, regex.compile(_B + r"(?:чыгарылсын|чыгарылып\s{1,3}салынсын)" + _E)),
    (
        Verb.AMEND,
        regex.compile(
            _B + r"(?:баяндалсын|алмаштырылсын|[өо]зг[өо]рт[үу]лс[үу]н"
            r"|берилсин|жазылсын)" + _E
        ),
    ),
    (Verb.ADD, regex.compile(_B + r"(?:толукталсын|кошулсун)" + _E)),
    (Verb.RENUMBER, regex.compile(_B + r"(?:деп|болуп)\s{1,3}(?:эсептелсин|саналсын)" + _E)),
)

# words, sentences, titles and notes: a change to them amends the unit they stand in
WORDS_RU = regex.compile(
    _B + r"(?:слов(?:о|а|ом|ами)?|цифр(?:а|ы|ой|ами|у)?|числ(?:о|а|ом)|предложени\w{1,3}"
    r"|абзац\w{0,3}|текст\w{0,3}|знак\w{0,3}|примечани\w{1,3}|наименовани\w{1,3}"
    r"|названи\w{1,3}|заголов\w{1,4}|сноск\w{1,3}|букв\w{1,3}|санкци\w{1,3}"
    r"|диспозици\w{1,3})" + _E
)
WORDS_KY = regex.compile(
    _B + r"(?:с[өо]з\w{0,8}|с[үу]йл[өо]м\w{0,8}|абзац\w{0,8}|аталыш\w{0,8}"
    r"|эскерт[үу][үу]\w{0,8}|цифра\w{0,6}|сан(?:ы|ын|дар\w{0,4})?|белги\w{0,6}|текст\w{0,6})" + _E
)
# «дополнить (новой) статьей / частью / пунктом / подпунктом»: a new unit is named in the
# instrumental; the accusative («дополнить статью 5 …») names the unit being added to
ADDED_UNIT_RU = regex.compile(
    _B + r"(?:(?P<unit>стать(?:ей|ями)|част(?:ью|ями)|подпункт(?:ом|ами)|пункт(?:ом|ами))"
    r"|(?P<group>глав(?:ой|ами)|раздел(?:ом|ами)|параграф(?:ом|ами)|§))" + _E
)
# «в статью 5 внести следующие изменения:», «5-беренеге төмөнкүдөй өзгөртүүлөр киргизилсин:»:
# a line that names a unit and announces changes to it is a context line
CHANGE_PHRASE = regex.compile(
    r"(?:внести|вносятся)\s{1,3}(?:следующ\w{1,3}\s{1,3})?(?:изменени|дополнени)\w{0,3}"
    r"(?:\s{1,3}и\s{1,3}(?:изменени|дополнени)\w{0,3})?"
    r"|(?:(?:төмөнкүдөй|төмөнкү)\s{1,3})?(?:[өо]зг[өо]рт[үу][үу]|толуктоо)\w{0,6}"
    r"(?:\s{1,3}жана\s{1,3}(?:[өо]зг[өо]рт[үу][үу]|толуктоо)\w{0,6})?\s{1,3}киргизилсин"
)
# a unit named after «после» / «перед» says where, not what
POSITION_RU = regex.compile(r"(?:после|перед|вслед\s{1,3}за)\s{1,3}\Z")
POSITION_KY = regex.compile(r"\A\s{0,3}(?:кийин|мурун|алдында)" + _E)


# «исключить» and «заменить» are common prose words; outside a «Внести в …» text only the
# drafting formulas count, and never after «вправе», «может», «следует» …
WEAK_RU = regex.compile(_B + r"(?:исключ|замени)")
MODAL_BEFORE = regex.compile(
    r"(?:вправе|может|могут|можно|должн\w{0,2}|обязан\w{0,2}|следует|необходимо|надлежит"
    r"|нельзя|запрещается|разрешается|поручить|предложить|рекомендовать|просить|чтобы|не"
    r"|предлага\w{1,4}|предусматрива\w{1,4}|планиру\w{1,4}|предполага\w{1,4})"
    r"(?:\s{1,3}[\w-]{1,20}){0,2}\s{1,3}\Z"
)


def find_verbs(lower: str, start: int, end: int, lang: str) -> list[VerbHit]:
    """Verbs between ``start`` and ``end``, in order, overlapping ones dropped."""
    table = VERBS_KY if lang == "ky" else VERBS_RU
    hits: list[VerbHit] = []
    for verb, pat in table:
        for m in pat.finditer(lower, start, end):
            if any(h.start < m.end() and m.start() < h.end for h in hits):
                continue
            strong = not (lang != "ky" and WEAK_RU.match(lower, m.start())) and not (
                MODAL_BEFORE.search(lower, max(0, m.start() - 60), m.start())
            )
            hits.append(VerbHit(verb, m.start(), m.end(), strong))
    hits.sort(key=lambda h: h.start)
    return hits
