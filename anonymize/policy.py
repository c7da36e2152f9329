"""Role policy: what a collection removes, and which named persons act in office.

The policy is data (`policies/<name>.json`). A person mention is an official (kept in a
court act) when an office word stands right before it, allowing only fillers between:
the office's attributes («при секретаре судебного заседания», «Судья Токмокского
городского суда», «прокурора Октябрьского района города Бишкек», «прокурора управления
по надзору за ... Генеральной прокуратуры Кыргызской Республики», «адвоката адвокатского
бюро «...»», «Бишкек шаардык адвокаттар коллегиясынын адвокаты»), never a party word nor
a comma; or when it continues a list after a plural office word («судей Капарова Н.Ж. и
Кадыровой Ж.М.»).
Every other mention of the same person is kept too, unless it could equally be a
mention of a private person or a party word stands right before it («свидетель Асанов»
beside a judge «Асанова Г.К.»): then removal wins. Archival collections keep names.
"""

from __future__ import annotations

import functools
import json
from dataclasses import dataclass
from importlib import resources

import regex as re

REMOVE_LABELS = (
    "PERSON",
    "PIN",
    "PASSPORT",
    "ADDRESS",
    "PHONE",
    "EMAIL",
    "BIRTH_DATE",
    "BANK_ACCOUNT",
    "CAR_PLATE",
)
KEEP_LABELS = ("ORG", "NORM", "HEADER")


@dataclass(frozen=True, slots=True)
class Policy:
    name: str
    remove: frozenset[str]
    keep_officials: bool
    official_re: re.Pattern[str] | None
    plural_re: re.Pattern[str] | None
    party_re: re.Pattern[str] | None
    pseudonym_style: str
    placeholders: dict[str, dict[str, str]]

    def removes(self, label: str) -> bool:
        return label in self.remove

    def placeholder(self, label: str, lang: str) -> str:
        table = self.placeholders.get(lang) or self.placeholders["ru"]
        return table.get(label, f"[{label}]")

    def official_context(self, text: str, start: int) -> bool:
        """An office word (with fillers only) ends right before `start`."""
        if self.official_re is None:
            return False
        return self.official_re.search(text, max(0, start - 160), start) is not None

    def plural_context(self, text: str, start: int) -> bool:
        if self.plural_re is None:
            return False
        return self.plural_re.search(text, max(0, start - 160), start) is not None

    def party_context(self, text: str, start: int) -> bool:
        """A party or witness word right before `start` («свидетель Асанов»), not as the
        complement of a representative («представитель истца Чолпонбаев А.»)."""
        if self.party_re is None:
            return False
        return self.party_re.search(text, max(0, start - 80), start) is not None


def available() -> list[str]:
    return sorted(
        p.name[:-5]
        for p in resources.files("anonymize.policies").iterdir()
        if p.name.endswith(".json")
    )


@functools.cache
def load_policy(name: str) -> Policy:
    path = resources.files("anonymize.policies") / f"{name}.json"
    if not path.is_file():
        raise ValueError(f"unknown policy {name!r}; available: {', '.join(available())}")
    data = json.loads(path.read_text(encoding="utf-8"))
    unknown = set(data["remove"]) - set(REMOVE_LABELS)
    if unknown:
        raise ValueError(f"policy {name!r} removes unknown labels: {sorted(unknown)}")
    roles = [r for group in data["official_roles"].values() for r in group]
    fillers = "|".join(data["role_fillers"]) or "(?!)"
    gap = rf"(?:[ \u00a0\n\t]{{0,40}}(?:[–—:(-]|{fillers}))*[ \u00a0\n\t]{{0,60}}\(?"
    official = re.compile(rf"(?<![\w])(?i:{'|'.join(roles)}){gap}\Z") if roles else None
    # after a plural office word, a list of names in initials form (`судей Исаковой Г.М.,
    # Токторова Б.Т. и ...`): every item is an official, even one no recognizer found
    item = (
        r"(?:[А-ЯЁӨҮҢ][а-яёөүң]{1,30}(?:-[А-ЯЁӨҮҢ][а-яёөүң]{1,30})?[ \u00a0]{1,2}"
        r"(?:[А-ЯЁӨҮҢ]\.[ \u00a0]?){1,2}|(?:[А-ЯЁӨҮҢ]\.[ \u00a0]?){1,2}"
        r"[А-ЯЁӨҮҢ][а-яёөүң]{1,30}(?:-[А-ЯЁӨҮҢ][а-яёөүң]{1,30})?)"
    )
    sep = r"[ \u00a0]{0,2}(?:,|и|жана)?[ \u00a0\n\t]{0,60}"
    plural = (
        re.compile(
            rf"(?<![\w])(?i:{'|'.join(data['plural_roles'])}){gap}"
            rf"(?:{item}{sep}){{0,8}}\Z"
        )
        if data["plural_roles"]
        else None
    )
    not_complement = r"(?<!(?i:представител|адвокат|защитник|жактоочу|өкүл)\w{0,4}[ \u00a0])"
    party = (
        re.compile(
            rf"(?<![\w]){not_complement}(?i:{'|'.join(data['party_roles'])})"
            rf"[ \u00a0]{{1,3}}(?:[–—-][ \u00a0]{{1,3}})?\Z"
        )
        if data["party_roles"]
        else None
    )
    return Policy(
        name=data["name"],
        remove=frozenset(data["remove"]),
        keep_officials=bool(data["keep_officials"]),
        official_re=official,
        plural_re=plural,
        party_re=party,
        pseudonym_style=data["pseudonym_style"],
        placeholders=data["placeholders"],
    )
