"""Persons search benchmark on the embedded backend: query latency at N records, one JSON line.

    .venv/bin/python bench/persons.py [--n 1000000] [--queries 500] [--repeat 3]

Generates N person records from Kyrgyz and Russian name parts (GENERATED data: invented
names, realistic shapes: -ов/-ова surnames, уулу/кызы fathers, patronymics, birth years
1870–1925), indexes them in the tantivy persons index, then runs a fixed mix of queries
in every variant kind the registry must find (exact, passport Latin, Yanalif, uulu,
initials, genitive, Ж/Дж and И/Ы spellings, one OCR letter off) `--repeat` times after one
warm-up pass. Prints index_records_per_s, query_ms p50/p95/p99 (wall clock: search request
and result conversion with facets, as the API's search path without HTTP and the
database), query_cpu_ms (the process's CPU time per query, which a shared machine's load
does not inflate), the slowest queries and the load average.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from persons.index import PersonDoc, PersonFilters, TantivyPersons  # noqa: E402
from persons.types import PersonFacts, Sex  # noqa: E402

KY_ROOTS = (
    "Асан",
    "Үсөн",
    "Токтогул",
    "Жумабай",
    "Исак",
    "Касым",
    "Осмон",
    "Момун",
    "Сыдык",
    "Бекмурат",
    "Тыныстан",
    "Дүйшө",
    "Абдрахман",
    "Иман",
    "Жунус",
    "Сарбагыш",
    "Кадыр",
    "Бообек",
    "Төлөгөн",
    "Эсен",
    "Курман",
    "Шабдан",
    "Алымбек",
    "Бакир",
    "Мамбет",
    "Орозбек",
    "Чолпонбай",
    "Сагын",
    "Турдубай",
    "Карабек",
)
SUFFIXES = ("", "бек", "али", "кул", "бай", "жан", "назар", "алы", "таш", "гул")
RU_SURNAMES = (
    "Иванов",
    "Петров",
    "Козлов",
    "Зайцев",
    "Волков",
    "Соколов",
    "Лебедев",
    "Богданов",
    "Виноградов",
    "Павлов",
    "Кузнецов",
    "Смирнов",
    "Морозов",
)
RU_GIVEN = ("Иван", "Петр", "Михаил", "Григорий", "Василий", "Алексей", "Николай", "Сергей")
F_GIVEN = (
    "Бүбүсара",
    "Гүлсун",
    "Сайра",
    "Зууракан",
    "Бурулча",
    "Күлүйпа",
    "Урукан",
    "Анна",
    "Мария",
    "Айша",
)
LATIN = str.maketrans(
    {
        "А": "A",
        "а": "a",
        "Б": "B",
        "б": "b",
        "Д": "D",
        "д": "d",
        "Е": "E",
        "е": "e",
        "Ж": "Zh",
        "ж": "zh",
        "И": "I",
        "и": "i",
        "К": "K",
        "к": "k",
        "Л": "L",
        "л": "l",
        "М": "M",
        "м": "m",
        "Н": "N",
        "н": "n",
        "О": "O",
        "о": "o",
        "Р": "R",
        "р": "r",
        "С": "S",
        "с": "s",
        "Т": "T",
        "т": "t",
        "У": "U",
        "у": "u",
        "Ү": "U",
        "ү": "u",
        "Ө": "O",
        "ө": "o",
        "Ш": "Sh",
        "ш": "sh",
        "Ы": "Y",
        "ы": "y",
        "В": "V",
        "в": "v",
        "Г": "G",
        "г": "g",
        "З": "Z",
        "з": "z",
        "Й": "Y",
        "й": "y",
        "Ч": "Ch",
        "ч": "ch",
        "П": "P",
        "п": "p",
        "Ц": "Ts",
        "ц": "ts",
        "Ф": "F",
        "ф": "f",
        "Х": "Kh",
        "х": "kh",
        "Э": "E",
        "э": "e",
        "Я": "Ya",
        "я": "ya",
        "Ю": "Yu",
        "ю": "yu",
        "Ь": "",
        "ь": "",
    }
)


def person(rng: random.Random) -> PersonFacts:
    if rng.random() < 0.25:
        sur = rng.choice(RU_SURNAMES)
        female = rng.random() < 0.3
        given = rng.choice(F_GIVEN) if female else rng.choice(RU_GIVEN)
        return PersonFacts(
            surname=sur + ("а" if female else ""),
            given=given,
            patronymic=rng.choice(RU_GIVEN) + ("овна" if female else "ович"),
            birth_year=rng.randint(1870, 1925),
        )
    father = rng.choice(KY_ROOTS) + rng.choice(SUFFIXES)
    female = rng.random() < 0.3
    given = rng.choice(F_GIVEN) if female else rng.choice(KY_ROOTS) + rng.choice(SUFFIXES)
    return PersonFacts(
        surname=father + ("ова" if female else "ов"),
        given=given,
        father=father if rng.random() < 0.5 else None,
        sex=Sex.FEMALE if female else Sex.MALE,
        birth_year=rng.randint(1870, 1925),
        arrest_date=f"19{rng.randint(30, 49)}-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}",
    )


def queries(people: list[PersonFacts], n: int, rng: random.Random) -> list[str]:
    out: list[str] = []
    for f in rng.sample(people, n):
        sur, given = f.surname or "", f.given or ""
        root = sur[:-3] if sur.endswith("ова") else sur[:-2]
        out += [
            f"{sur} {given}",
            f"{sur} {given}".translate(LATIN),
            f"{given} {sur}",
            f"{given} {root} {'кызы' if sur.endswith('а') else 'уулу'}",
            f"{sur} {given[0]}.",
            f"{sur}а {given}",
            sur.replace("Ж", "Дж").replace("И", "Ы") + " " + given,
            sur[:2] + ("о" if sur[2] != "о" else "а") + sur[3:] + " " + given,
        ]
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=1_000_000, help="records to generate (1000000)")
    ap.add_argument("--queries", type=int, default=100, help="persons queried, 8 variants each")
    ap.add_argument("--repeat", type=int, default=3, help="timed passes over the queries")
    args = ap.parse_args()
    rng = random.Random(16)
    people = [person(rng) for _ in range(args.n)]
    qs = queries(people, args.queries, rng)
    with tempfile.TemporaryDirectory(prefix="achyk-bench-persons-") as tmp:
        index = TantivyPersons(Path(tmp) / "persons")
        t0 = time.perf_counter()
        batch = 50_000
        for i in range(0, len(people), batch):
            index.index([PersonDoc(i + j + 1, f) for j, f in enumerate(people[i : i + batch])])
        index_s = time.perf_counter() - t0
        filters = PersonFilters(public_only=False)
        for q in qs:  # warm-up
            index.search(q, filters, limit=20)
        times: list[float] = []
        cpu: list[float] = []
        slowest: dict[str, float] = {}
        for _ in range(args.repeat):
            for q in qs:
                t, c = time.perf_counter(), time.process_time()
                index.search(q, filters, limit=20)
                times.append((time.perf_counter() - t) * 1000)
                cpu.append((time.process_time() - c) * 1000)
                slowest[q] = max(slowest.get(q, 0.0), cpu[-1])

    def pct(values: list[float], p: float) -> float:
        ordered = sorted(values)
        return round(ordered[min(len(ordered) - 1, int(p * len(ordered)))], 2)

    print(
        json.dumps(
            {
                "bench": "persons",
                "backend": "tantivy",
                "records": args.n,
                "data": "generated",
                "queries": len(qs) * args.repeat,
                "index_records_per_s": round(args.n / index_s),
                "query_ms": {
                    "p50": pct(times, 0.5),
                    "p95": pct(times, 0.95),
                    "p99": pct(times, 0.99),
                    "mean": round(statistics.fmean(times), 2),
                },
                # CPU time of the process per query: the work itself, without the
                # waits of a machine shared with other loads.
                "query_cpu_ms": {
                    "p50": pct(cpu, 0.5),
                    "p95": pct(cpu, 0.95),
                    "p99": pct(cpu, 0.99),
                },
                "slowest_cpu": sorted(slowest.items(), key=lambda kv: -kv[1])[:5],
                "load_avg_1m": round(os.getloadavg()[0], 1),
            },
            ensure_ascii=False,
        ),
        flush=True,
    )


if __name__ == "__main__":
    main()
