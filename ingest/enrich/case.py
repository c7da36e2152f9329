"""Case metadata of a court act read from its header and operative part.

Court acts in Kyrgyzstan follow a fixed shape in both languages: act name, «Дело №» /
«Иш №», place and date, «<court> в составе» / «<court> төрагалык кылуучу», facts,
then the operative part after «ПРИГОВОРИЛ:», «РЕШИЛ:», «ӨКҮМ КЫЛДЫ:», «ЧЕЧТИ:» …
The outcome is read from the first sentences of that operative part only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from core.types import CaseOutcome, CourtInstance

HEAD = 1500

_ACT = re.compile(
    r"^\s*(ПРИГОВОР|РЕШЕНИЕ|ПОСТАНОВЛЕНИЕ|ОПРЕДЕЛЕНИЕ|ӨКҮМ|ЧЕЧИМ|ТОКТОМ|АНЫКТАМА)\b", re.MULTILINE
)
_CASE_NO = re.compile(r"(?:Дело|Иш|дело|иш)\s*№\s*([\w\-/.]{1,30}\w)")
# The court opens the paragraph that names the bench: «<court> в составе …» /
# «<court> төрагалык кылуучу …»; it never spans more than a dozen words.
_SP = r"[^\S\n]+"
_COURT_RU = re.compile(
    rf"^[^\S\n]*((?:[\w\-.«»]+{_SP}){{0,10}}?суд\b(?:{_SP}[\w\-.]+){{0,5}}?)"
    rf"{_SP}в{_SP}составе",
    re.MULTILINE,
)
_COURT_KY = re.compile(
    rf"^[^\S\n]*((?:[\w\-.«»]+{_SP}){{0,8}}?сот[уы]?){_SP}"
    r"(?:төрагалык|курамында)",
    re.MULTILINE,
)
_OPERATIVE = re.compile(
    r"(ПРИГОВОРИЛ|РЕШИЛ|ПОСТАНОВИЛ|ОПРЕДЕЛИЛ|ӨКҮМ\s+КЫЛДЫ|ЧЕЧТИ|ТОКТОМ\s+КЫЛДЫ|АНЫКТАДЫ)\s*:"
)

_CATEGORY: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("criminal", re.compile(r"уголовн\w+\s+дел|кылмыш\s+иш|ПРИГОВОР|ӨКҮМ|подсудим|соттолуучу")),
    (
        "administrative",
        re.compile(
            r"административн\w+\s+(?:дел|иск)|административдик|"
            r"правонарушени|укук\s+бузуу"
        ),
    ),
    (
        "civil",
        re.compile(
            r"гражданск\w+\s+дел|жарандык\s+иш|исков\w+\s+заявлени|доо\s+арыз|"
            r"по\s+иску"
        ),
    ),
)
_OUTCOME: tuple[tuple[CaseOutcome, re.Pattern[str]], ...] = (
    (CaseOutcome.ACQUITTED, re.compile(r"оправда|акталсын|күнөөсүз", re.I)),
    (CaseOutcome.TERMINATED, re.compile(r"прекратить|токтотулсун", re.I)),
    (
        CaseOutcome.CONVICTED,
        re.compile(
            r"признать\s+\w*\s*виновн|виновн\w+\s+в\s+совершении|"
            r"күнөөлүү\s+деп",
            re.I,
        ),
    ),
    (CaseOutcome.UPHELD, re.compile(r"оставить\s+без\s+изменения|өзгөртүүсүз\s+калтырылсын", re.I)),
    (
        CaseOutcome.PARTIALLY_GRANTED,
        re.compile(
            r"удовлетворить\s+частично|частично\s+удовлетворить|"
            r"жарым-жартылай\s+канааттандырылсын",
            re.I,
        ),
    ),
    (
        CaseOutcome.DISMISSED,
        re.compile(
            r"в\s+удовлетворении\s+[^;:]{0,100}?отказать|"
            r"канааттандыруудан\s+баш\s+тартылсын",
            re.I,
        ),
    ),
    (CaseOutcome.GRANTED, re.compile(r"удовлетворить|канааттандырылсын", re.I)),
    (CaseOutcome.REVERSED, re.compile(r"\bотменить|жокко\s+чыгарылсын", re.I)),
    (CaseOutcome.MODIFIED, re.compile(r"\bизменить|өзгөртүлсүн", re.I)),
)


@dataclass(frozen=True, slots=True)
class CaseInfo:
    act: str | None = None
    case_number: str | None = None
    court: str | None = None
    instance: CourtInstance | None = None
    category: str | None = None
    outcome: CaseOutcome | None = None

    def as_meta(self) -> dict[str, str]:
        """Plain strings (an enum's value), as the JSON column stores them."""
        return {
            k: str(v)
            for k, v in (
                ("act", self.act),
                ("case_number", self.case_number),
                ("court", self.court),
                ("instance", self.instance),
                ("category", self.category),
                ("outcome", self.outcome),
            )
            if v
        }


def _clean(s: str) -> str:
    return " ".join(s.split())


def _instance(court: str | None, head: str) -> CourtInstance | None:
    low = head.lower()
    if (
        "кассацион" in low
        or "кассациялык" in low
        or (court and re.search(r"Верховн|Жогорку", court))
    ):
        return CourtInstance.CASSATION
    if ("апелляционн" in low and "рассмотрев" in low) or "апелляциялык даттануу" in low:
        return CourtInstance.APPEAL
    if court and re.search(r"областн|облустук|Бишкекский городской|Бишкек шаардык", court):
        return CourtInstance.APPEAL
    return CourtInstance.FIRST if court else None


def read_case(text: str) -> CaseInfo:
    """Empty CaseInfo for anything that is not a court act."""
    head = text[:HEAD]
    act_m = _ACT.search(head[:300])
    if not act_m:
        return CaseInfo()
    case_m = _CASE_NO.search(head)
    court_m = _COURT_RU.search(head) or _COURT_KY.search(head)
    court = _clean(court_m.group(1)) if court_m else None
    category = next((name for name, rx in _CATEGORY if rx.search(head)), None)
    outcome = None
    if op := _OPERATIVE.search(text):
        operative = text[op.end() : op.end() + 400]
        outcome = next((name for name, rx in _OUTCOME if rx.search(operative)), None)
    return CaseInfo(
        act=act_m.group(1).lower(),
        case_number=case_m.group(1) if case_m else None,
        court=court,
        instance=_instance(court, head),
        category=category,
        outcome=outcome,
    )
