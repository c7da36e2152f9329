"""Shared sample data of the index tests: a small hand-made corpus with known answers,
and the benchmark's generator of realistic text (bench/corpus.py) for larger ones."""

from __future__ import annotations

import importlib.util
import sys
from functools import cache
from pathlib import Path
from types import ModuleType

from indices.types import IndexDoc, IndexPage

DOCS = [
    IndexDoc(
        1,
        "Решение суда",
        "court",
        "court_decision",
        "ru",
        "pdf",
        2023,
        "2023-05-12",
        (
            IndexPage(1, "Свердловский районный суд города Бишкек рассмотрел дело."),
            IndexPage(2, "Решение вступает в законную силу."),
        ),
        court="Свердловский районный суд",
        instance="first",
        category="civil",
        outcome="granted",
        norms=("gpk-kr-2017", "gpk-kr-2017/200"),
    ),
    IndexDoc(
        2,
        "Протокол заседания",
        "archive",
        "archival_record",
        "ru",
        "image",
        1937,
        None,
        (IndexPage(1, "Заседание военного трибунала. Судъ постановилъ."),),
        archive=("1254", "1254/1", "1254/1/237"),
    ),
    IndexDoc(
        3,
        "Өкүм",
        "court",
        "court_decision",
        "ky",
        "docx",
        2021,
        "2021-02-01",
        (IndexPage(1, "Кыргыз Республикасынын атынан өкүм чыгарылды."),),
        court="Октябрь райондук соту",
        instance="first",
        category="criminal",
        outcome="convicted",
        norms=("uk-kr-2021", "uk-kr-2021/168", "uk-kr-2021/168/2"),
    ),
    IndexDoc(
        4,
        "Проект закона",
        "laws",
        "draft_law",
        "ru",
        "docx",
        None,
        None,
        (IndexPage(1, "Статья 1. Архивы военного времени хранятся постоянно."),),
    ),
    IndexDoc(
        5,
        "Приговор по ст. 58-10 УК РСФСР",
        "archive",
        "archival_record",
        "ru",
        "image",
        1938,
        "1938-03-12",
        (
            IndexPage(
                1,
                "Обвиняемый осуждён по ст. 58-10 УК РСФСР. Членъ артели «Красный "
                "пахарь», сѣлѣ Беловодское.",
            ),
            IndexPage(2, "Приговор окончательный, обжалованию не подлежит."),
            IndexPage(3, "Ёлки и ели во дворе сельсовета."),
        ),
        norms=("uk-rsfsr-1926", "uk-rsfsr-1926/58-10"),
        archive=("1254", "1254/1", "1254/1/240"),
    ),
    IndexDoc(
        6,
        "Мыйзамдыҥ долбоору",
        "laws",
        "draft_law",
        "ky",
        "txt",
        2024,
        "2024-01-10",
        (IndexPage(1, "Мыйзамдың долбоору ɵкүм жөнүндө."),),
    ),
    IndexDoc(
        7,
        "",
        "court",
        "court_decision",
        "",
        "rtf",
        2023,
        None,
        (
            IndexPage(
                1,
                "Суд кассационной инстанции оставил решение без изменения; <b>жалобу</b> отклонил.",
            ),
        ),
        court="Верховный суд",
        instance="cassation",
        category="criminal",
        outcome="upheld",
        norms=("uk-kr-2021", "uk-kr-2021/168", "uk-kr-2021/168/1"),
    ),
]
ALL = {d.id for d in DOCS}


@cache
def bench_corpus() -> ModuleType:
    """bench/corpus.py, loaded by path (bench/ is a folder of scripts, not a package)."""
    path = Path(__file__).parents[2] / "bench" / "corpus.py"
    spec = importlib.util.spec_from_file_location("achyk_bench_corpus", path)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = mod  # its dataclasses look their module up while being built
    spec.loader.exec_module(mod)
    return mod
