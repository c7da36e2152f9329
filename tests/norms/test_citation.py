"""The search box: free citations, act autocompletion, id hierarchy."""

from __future__ import annotations

import datetime

import pytest

from norms import act_of, hierarchy, resolve_citation, suggest_acts

pytestmark = pytest.mark.unit  # pure logic: `make unit` runs it

D = datetime.date
ON = D(2023, 6, 1)


@pytest.mark.parametrize(
    ("citation", "kwargs", "expected"),
    [
        ("ч.2 ст.168 УК КР", {}, ["uk-kr-2021/168/2"]),
        ("ч. 2 ст. 168 УК КР", {"on": D(2020, 1, 1)}, ["uk-kr-2017/168/2"]),
        ("ч. 2 ст. 168 УК КР", {"edition": "uk-kr-1997"}, ["uk-kr-1997/168/2"]),
        ("ук кр 168 ч 2", {}, ["uk-kr-2021/168/2"]),
        ("168 ч 2 ук", {}, ["uk-kr-2021/168/2"]),
        ("УК КР ст. 168 ч. 2", {}, ["uk-kr-2021/168/2"]),
        ("гк 733 п 1", {}, ["gk-kr/733/1"]),
        (
            "ст.ст. 198-200 ГПК",
            {"on": D(2015, 1, 1)},
            ["gpk-kr-1999/198", "gpk-kr-1999/199", "gpk-kr-1999/200"],
        ),
        (
            "Кылмыш-жаза кодексинин 168-беренесинин 2-бөлүгү",
            {"on": D(2020, 1, 1)},
            ["uk-kr-2017/168/2"],
        ),
        ("КЖК 168-берене 2-бөлүк", {}, ["uk-kr-2021/168/2"]),
        ("168-берене 2-бөлүк", {"edition": "uk-kr-2021"}, ["uk-kr-2021/168/2"]),
        ("ст. 168 ч. 2", {"edition": "uk-kr-2017"}, ["uk-kr-2017/168/2"]),
        ("168/2", {"edition": "uk-kr", "on": D(2020, 1, 1)}, ["uk-kr-2017/168/2"]),
        ("58-10 ч 1", {"edition": "uk-rsfsr-1926"}, ["uk-rsfsr-1926/58-10/1"]),
        ("ст 58 п 10 УК РСФСР", {}, ["uk-rsfsr-1926/58-10"]),
        ("uk-kr-2021/168", {}, ["uk-kr-2021/168"]),
        ("UK-KR-2021/105/2/а", {}, ["uk-kr-2021/105/2/а"]),
        ("uk-kr/168", {"on": D(2020, 1, 1)}, ["uk-kr-2017/168"]),
        ("koap-ru/12.8/1", {}, ["koap-ru/12.8/1"]),
        ("law-kr/1538-XII", {}, ["law-kr/1538-xii"]),
        ("law-kr/113/17", {}, ["law-kr/113/17"]),
        ("ст. 5 Закона № 70", {}, ["law-kr/70/5"]),
        ("Закон № 70 ст 5", {}, ["law-kr/70/5"]),
        ("ст 5", {"edition": "law-kr/70"}, ["law-kr/70/5"]),
        ("УК КР", {}, ["uk-kr-2021"]),
        # the UI's own label of an act filter, typed back: the year is not article 2021
        ("УК КР (ред. 2021)", {}, ["uk-kr-2021"]),
        ("ст. 168 УК КР (ред. 2021)", {}, ["uk-kr-2021/168"]),
        ("уголовный кодекс", {"on": D(2018, 1, 1)}, ["uk-kr-1997"]),
        # the edition named in the citation picks the act's edition (issue #20 follow-up):
        # by the year it was adopted, else by the year it was in force
        ("УК КР (ред. 1997)", {}, ["uk-kr-1997"]),
        ("ст. 168 УК КР 1997 года", {}, ["uk-kr-1997/168"]),
        ("168 УК КР 1997 г.", {}, ["uk-kr-1997/168"]),
        ("ч. 2 ст. 168 УК КР в ред. 2017 года", {}, ["uk-kr-2017/168/2"]),
        ("ст. 168 УК КР (в редакции от 2 февраля 2017 года)", {}, ["uk-kr-2017/168"]),
        ("ст. 168 УК КР от 1 октября 1997 года", {}, ["uk-kr-1997/168"]),
        ("ст. 168 УК КР (2017)", {}, ["uk-kr-2017/168"]),
        ("ст. 168 УК КР 2019 года", {}, ["uk-kr-2017/168"]),
        ("1997-жылдагы КЖК 168-берене", {}, ["uk-kr-1997/168"]),
        ("ст. 58-10 УК РСФСР 1926 года", {}, ["uk-rsfsr-1926/58-10"]),
        # a law's date is no edition: laws have none
        ("ст. 5 Закона № 70 от 21 марта 2007 года", {}, ["law-kr/70/5"]),
        # the edition chosen beside the box wins over the text
        ("ст. 168 УК КР 1997 года", {"edition": "uk-kr-2021"}, ["uk-kr-2021/168"]),
        ("ТК ЕАЭС ст. 5", {}, ["tk-eaeu/5"]),
    ],
)
def test_resolve_citation(citation: str, kwargs: dict[str, object], expected: list[str]) -> None:
    kwargs = {"on": ON, **kwargs}
    assert resolve_citation(citation, **kwargs) == expected  # type: ignore[arg-type]


def test_default_date_is_today() -> None:
    assert resolve_citation("ст. 5 УК КР") == resolve_citation(
        "ст. 5 УК КР", on=datetime.date.today()
    )


@pytest.mark.parametrize(
    ("citation", "kwargs", "message"),
    [
        ("", {}, "Пустая"),
        ("   ", {}, "Пустая"),
        ("абракадабра", {}, "Не удалось распознать"),
        ("ст. 168", {}, "не указан кодекс или закон"),
        ("ч 2 ук", {}, "не указан номер статьи"),
        ("ч.2 ст.168 УК КР", {"edition": "gk-kr"}, "не относится"),
        ("ст. 5", {"edition": "xx-kr-1999"}, "Неизвестная редакция"),
        ("xx-yy/5", {}, "Не удалось распознать"),
        ("ст. 5 ТК ТС", {}, "отсутствует в каталоге"),
        ("ст. 5 УК КР " * 40, {}, "Слишком длинная"),
        # an article named but its number unreadable: refused, not widened to the whole act
        ("ст. 0 УК КР", {}, "не распознан номер статьи"),
        ("ст. ½ УК КР", {}, "не распознан номер статьи"),
        ("ст. 99999999999999999999 УК КР", {}, "не распознан номер статьи"),
        ("0-берене Кылмыш-жаза кодекси", {}, "не распознан номер статьи"),
        ("ст. 168 УК КР 1960 года", {}, "нет редакции 1960 года"),
        ("ст. 168 УК КР 1997 года и 2017 года", {}, "разные редакции"),
    ],
)
def test_resolve_citation_errors(citation: str, kwargs: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        resolve_citation(citation, on=ON, **kwargs)


@pytest.mark.parametrize(
    ("prefix", "first"),
    [
        ("ук", "uk-kr-2021"),
        ("УК КР", "uk-kr-2021"),
        ("уголов", "uk-kr-2021"),
        ("Кылмыш-жаза", "uk-kr-2021"),
        ("gpk", "gpk-kr-2017"),
        ("жарандык процесс", "gpk-kr-2017"),
        ("салык", "nk-kr-2022"),
        ("болук", None),
        ("Таможенный", "tk-eaeu"),
    ],
)
def test_suggest_acts(prefix: str, first: str | None) -> None:
    found = suggest_acts(prefix, limit=5)
    assert len(found) <= 5
    if first is None:
        assert found == []
        return
    assert found[0]["slug"] == first
    assert set(found[0]) >= {"slug", "ru", "ky"}
    assert found[0]["ru"] and found[0]["ky"]


def test_suggest_lists_every_edition_of_an_act() -> None:
    slugs = [a["slug"] for a in suggest_acts("uk-kr", limit=10)]
    assert slugs[:3] == ["uk-kr-2021", "uk-kr-2017", "uk-kr-1997"]
    assert suggest_acts("", limit=3) and len(suggest_acts("", limit=3)) == 3
    assert suggest_acts("ук", limit=0) == []


@pytest.mark.parametrize(
    ("norm_id", "prefixes"),
    [
        (
            "uk-kr-2021/105/2/а",
            ["uk-kr-2021", "uk-kr-2021/105", "uk-kr-2021/105/2", "uk-kr-2021/105/2/а"],
        ),
        ("uk-kr-2021/168", ["uk-kr-2021", "uk-kr-2021/168"]),
        ("gk-kr", ["gk-kr"]),
        ("apk-kr-2017/211-2", ["apk-kr-2017", "apk-kr-2017/211-2"]),
        ("koap-ru/12.8/1", ["koap-ru", "koap-ru/12.8", "koap-ru/12.8/1"]),
        ("law-kr/1538-xii", ["law-kr/1538-xii"]),
        ("law-kr/113/17/2", ["law-kr/113", "law-kr/113/17", "law-kr/113/17/2"]),
    ],
)
def test_hierarchy(norm_id: str, prefixes: list[str]) -> None:
    assert hierarchy(norm_id) == prefixes
    assert act_of(norm_id) == prefixes[0]


@pytest.mark.parametrize("bad", ["", "/168", "law-kr", "uk-kr-2021/1/2/3/4", "УК/168"])
def test_hierarchy_rejects_malformed(bad: str) -> None:
    with pytest.raises(ValueError):
        hierarchy(bad)
