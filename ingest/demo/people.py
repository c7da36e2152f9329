"""Invented people for the demo corpus, with the inflection the texts need.

Names are drawn at random from short lists of common first names, patronymic stems and
surnames, so every person is a combination nobody can be identified by. The texts use the
names in several grammatical cases on purpose: depersonification and the person index must
recognise «Асанова Бакыта», «Асанову Б. Т.» and «Асановдун» as one person.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from typing import Literal

Case = Literal["nom", "gen", "dat", "acc", "ins", "prep"]
KyCase = Literal["gen", "acc", "dat", "loc", "abl"]

KY_MALE = (
    "Бакыт",
    "Азамат",
    "Нурлан",
    "Эрлан",
    "Улан",
    "Эрмек",
    "Чынгыз",
    "Бектур",
    "Данияр",
    "Нурбек",
    "Алмаз",
    "Мирлан",
    "Адилет",
    "Улукбек",
    "Замир",
    "Кубат",
    "Медер",
    "Тилек",
    "Жоомарт",
    "Мелис",
    "Байыш",
    "Эмилбек",
)
KY_FEMALE = (
    "Назира",
    "Айзада",
    "Динара",
    "Элнура",
    "Гулзат",
    "Жылдыз",
    "Бурул",
    "Айпери",
    "Мээрим",
    "Бермет",
    "Каныкей",
    "Айжан",
    "Чолпон",
    "Зарина",
    "Асема",
)
KY_FATHERS = (
    "Талант",
    "Асылбек",
    "Токтосун",
    "Мамбет",
    "Жумали",
    "Муса",
    "Осмон",
    "Кадыр",
    "Эсен",
    "Сагын",
    "Урмат",
    "Бейшен",
    "Абдыкалык",
    "Турсун",
    "Нурдин",
    "Жаныбек",
)
KY_SURNAMES = (
    "Асанов",
    "Жумабаев",
    "Осмонкулов",
    "Токтосунов",
    "Сыдыков",
    "Омуров",
    "Касымов",
    "Бейшенов",
    "Абдыкадыров",
    "Турдубаев",
    "Мамытов",
    "Сатыбалдиев",
    "Эсенов",
    "Мукашев",
    "Дуйшеналиев",
    "Байматов",
    "Орозбаев",
    "Сулайманов",
    "Алымкулов",
    "Эшимов",
    "Урматов",
    "Чотонов",
    "Бообеков",
    "Кочкоров",
)
RU_MALE = (
    "Иван",
    "Сергей",
    "Алексей",
    "Николай",
    "Андрей",
    "Виктор",
    "Олег",
    "Михаил",
    "Степан",
    "Константин",
    "Роман",
    "Вадим",
    "Борис",
    "Тимофей",
)
RU_FEMALE = (
    "Анна",
    "Мария",
    "Елена",
    "Ольга",
    "Татьяна",
    "Наталья",
    "Ирина",
    "Людмила",
    "Вера",
    "Галина",
    "Светлана",
    "Нина",
)
# Father's name -> patronymic stem (the irregular ones are the reason for the table).
RU_FATHERS = {
    "Иван": "Иванов",
    "Сергей": "Сергеев",
    "Николай": "Николаев",
    "Пётр": "Петров",
    "Андрей": "Андреев",
    "Алексей": "Алексеев",
    "Михаил": "Михайлов",
    "Василий": "Васильев",
    "Григорий": "Григорьев",
    "Степан": "Степанов",
    "Виктор": "Викторов",
    "Фёдор": "Фёдоров",
    "Семён": "Семёнов",
    "Аркадий": "Аркадьев",
}
RU_SURNAMES = (
    "Кузьмин",
    "Белов",
    "Сорокин",
    "Воронцов",
    "Гусев",
    "Комаров",
    "Лапин",
    "Рябов",
    "Фролов",
    "Щеглов",
    "Ершов",
    "Зуев",
    "Крылов",
    "Лебедев",
    "Миронов",
    "Носов",
    "Панов",
    "Савин",
    "Тихонов",
    "Чернов",
    "Шестаков",
    "Юдин",
    "Голубев",
    "Жданов",
)

_RU_MASC_SURNAME = {"nom": "", "gen": "а", "dat": "у", "acc": "а", "ins": "ым", "prep": "е"}
_RU_FEM_SURNAME = {"nom": "а", "gen": "ой", "dat": "ой", "acc": "у", "ins": "ой", "prep": "ой"}
_RU_MASC_HARD = {"nom": "", "gen": "а", "dat": "у", "acc": "а", "ins": "ом", "prep": "е"}
_RU_PATR_MASC = {"nom": "", "gen": "а", "dat": "у", "acc": "а", "ins": "ем", "prep": "е"}
_RU_PATR_FEM = {"nom": "а", "gen": "ы", "dat": "е", "acc": "у", "ins": "ой", "prep": "е"}
_SIBILANTS_VELARS = "гкхжшчщ"


def ru_first_name(name: str, case: Case, female: bool) -> str:
    """Decline a first name; female names not ending in -а/-я stay unchanged in Russian."""
    if case == "nom":
        return name
    if female:
        if name.endswith("я"):
            stem = name[:-1]
            soft = "и" if name.endswith("ия") else "е"
            ending = {"gen": "и", "dat": soft, "acc": "ю", "ins": "ей", "prep": soft}[case]
            return stem + ending
        if name.endswith("а"):
            stem = name[:-1]
            gen = "и" if stem[-1] in _SIBILANTS_VELARS else "ы"
            return stem + {"gen": gen, "dat": "е", "acc": "у", "ins": "ой", "prep": "е"}[case]
        return name
    if name.endswith("ий"):
        return name[:-1] + {"gen": "я", "dat": "ю", "acc": "я", "ins": "ем", "prep": "и"}[case]
    if name.endswith("й"):
        return name[:-1] + {"gen": "я", "dat": "ю", "acc": "я", "ins": "ем", "prep": "е"}[case]
    if name.endswith("а"):
        stem = name[:-1]
        gen = "и" if stem[-1] in _SIBILANTS_VELARS else "ы"
        return stem + {"gen": gen, "dat": "е", "acc": "у", "ins": "ой", "prep": "е"}[case]
    return name + _RU_MASC_HARD[case]


def patronymic_stem(father: str) -> str:
    """Russian patronymic stem of a Kyrgyz father's name (Талант -> Талантов-, Муса -> Мусаев-)."""
    if father in RU_FATHERS:
        return RU_FATHERS[father]
    if father.endswith("й"):
        return father[:-1] + "ев"
    if father[-1] in "аеиоуыэюя":
        return father + "ев"
    return father + "ов"


def ky_harmony(word: str) -> tuple[str, str]:
    """(high, low) suffix vowels that follow the last vowel of a word."""
    for ch in reversed(word.lower()):
        if ch in "аыя":
            return "ы", "а"
        if ch in "оуёю":
            return "у", "о"
        if ch in "еэи":
            return "и", "е"
        if ch in "өү":
            return "ү", "ө"
    return "ы", "а"


def ky_suffix(word: str, case: KyCase) -> str:
    """Attach a Kyrgyz case suffix, choosing its consonant and vowel by the word's ending."""
    high, low = ky_harmony(word)
    last = word[-1].lower()
    if last in "аеёиоуыэюяөү":
        onset = {"gen": "н", "acc": "н", "dat": "г", "loc": "д", "abl": "д"}[case]
    elif last in "кпстфхцчшщ":
        onset = {"gen": "т", "acc": "т", "dat": "к", "loc": "т", "abl": "т"}[case]
    else:
        onset = {"gen": "д", "acc": "д", "dat": "г", "loc": "д", "abl": "д"}[case]
    if case == "dat" and last in "кх":
        onset = "к"
    body = {"gen": high + "н", "acc": high, "dat": low, "loc": low, "abl": low + "н"}[case]
    return word + onset + body


@dataclass(frozen=True, slots=True)
class Person:
    """One invented person; Russian-style full name, as in KR documents of any language."""

    surname: str
    first: str
    patronymic: str
    female: bool

    def surname_in(self, case: Case) -> str:
        if self.female:
            return self.surname[:-1] + _RU_FEM_SURNAME[case] if case != "nom" else self.surname
        return self.surname + _RU_MASC_SURNAME[case]

    def patronymic_in(self, case: Case) -> str:
        if self.female:
            return self.patronymic[:-1] + _RU_PATR_FEM[case] if case != "nom" else self.patronymic
        return self.patronymic + _RU_PATR_MASC[case]

    def full(self, case: Case = "nom") -> str:
        """«Асанова Бакыта Талантовича»."""
        first = ru_first_name(self.first, case, self.female)
        return f"{self.surname_in(case)} {first} {self.patronymic_in(case)}"

    @property
    def initials(self) -> str:
        return f"{self.first[0]}. {self.patronymic[0]}."

    def short(self, case: Case = "nom") -> str:
        """«Асанова Б. Т.»: how decisions refer to a person after the first mention."""
        return f"{self.surname_in(case)} {self.initials}"

    def signature(self) -> str:
        """«Б. Т. Асанов»: how an official signs."""
        return f"{self.initials} {self.surname}"

    def ky_full(self, case: KyCase | None = None) -> str:
        """Kyrgyz texts decline only the last word of the name group: «... Талантовичке»."""
        base = f"{self.surname} {self.first} {self.patronymic}"
        return base if case is None else ky_suffix(base, case)

    def ky_short(self, case: KyCase | None = None) -> str:
        base = f"{self.initials} {self.surname}"
        return base if case is None else ky_suffix(base, case)


class People:
    """Draws distinct invented people so no two roles in one document share a surname."""

    def __init__(self, rng: random.Random) -> None:
        self._rng = rng
        self._used: set[tuple[str, str]] = set()

    def person(self, *, female: bool | None = None, origin: str = "ky") -> Person:
        rng = self._rng
        if female is None:
            female = rng.random() < 0.35
        for _ in range(200):
            if origin == "ru":
                surname = rng.choice(RU_SURNAMES)
                first = rng.choice(RU_FEMALE if female else RU_MALE)
                father = rng.choice(sorted(RU_FATHERS))
            else:
                surname = rng.choice(KY_SURNAMES)
                first = rng.choice(KY_FEMALE if female else KY_MALE)
                father = rng.choice(KY_FATHERS)
            key = (surname, first)
            if key in self._used or any(s == surname for s, _ in self._used):
                continue
            self._used.add(key)
            stem = patronymic_stem(father)
            stem_vowel = stem[:-2] + ("е" if stem.endswith("ев") else "о")
            patronymic = stem_vowel + ("вна" if female else "вич")
            return Person(surname + ("а" if female else ""), first, patronymic, female)
        raise RuntimeError("ran out of invented names")

    def reset(self) -> None:
        """Start a new document: names may repeat across documents, never within one."""
        self._used.clear()
