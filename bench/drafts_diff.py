"""Article-by-article diff against a plain line diff, on generated version pairs; one JSON line.

    .venv/bin/python bench/drafts_diff.py [--pairs 40] [--articles 60] [--seed 17]

GENERATED DATA: each pair is a synthetic law (chapters, articles of 1–4 parts made of
legal-sounding Russian sentences from a small vocabulary, so unrelated articles are more
alike than in real acts: a hard case for matching by content) and a next version made
by known edits: articles inserted (the following ones renumbered), removed, edited in a
few words, rewritten in half, and two swapped. The truth is the fate of every old
article: which new article it became, or removed.

- ours: ``drafts.diff_versions`` on the parsed versions.
- line diff: ``difflib.SequenceMatcher`` over the lines of the two texts, what a
  line-by-line comparison shows: an old article is taken to be the new article that holds
  most of its lines inside equal blocks (none: removed), and is shown as changed when any
  of its lines (the heading included) is not in an equal block.

- by number: article N of the old version is article N of the new one (anchors kept by
  id alone).

Figures: ``fate_accuracy`` (old articles whose fate is right); ``false_change_rate``
(articles whose text did not change that are shown as changed: a renumbered heading
counts as a change for the line diff, not for ours); ``missed_change_rate`` (edited
articles shown as unchanged); seconds per pair.
"""

from __future__ import annotations

import argparse
import difflib
import json
import random
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from drafts import ChangeKind, UnitKind, diff_versions, parse_structure  # noqa: E402

SUBJECTS = (
    "Уполномоченный орган",
    "Государственный орган",
    "Оператор системы",
    "Орган местного самоуправления",
    "Владелец информации",
    "Заявитель",
    "Кабинет Министров",
    "Пользователь",
    "Должностное лицо",
    "Комиссия",
)
VERBS = (
    "обеспечивает",
    "утверждает",
    "публикует",
    "рассматривает",
    "направляет",
    "устанавливает",
    "хранит",
    "предоставляет",
    "проверяет",
    "согласовывает",
)
OBJECTS = (
    "перечень наборов данных",
    "порядок доступа к сведениям",
    "реестр заявлений",
    "сведения о деятельности",
    "отчёт об исполнении",
    "паспорт набора данных",
    "правила обработки обращений",
    "план мероприятий",
    "решение о выдаче",
    "копии документов",
    "требования к формату",
    "сроки обновления",
)
TAILS = (
    "в течение десяти рабочих дней",
    "не реже одного раза в год",
    "в порядке, установленном законодательством",
    "на едином портале",
    "в электронной форме",
    "по запросу любого лица",
    "без взимания платы",
    "с указанием источника",
    "в сроки, определённые настоящим Законом",
    "по согласованию с уполномоченным органом",
)


def sentence(rng: random.Random) -> str:
    return (
        f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} "
        f"{rng.choice(TAILS)}, {rng.choice(TAILS)}."
    )


@dataclass
class Art:
    key: int  # identity across versions
    title: str
    parts: list[str]


QUALIFIERS = (
    "государственных органов",
    "в электронной форме",
    "для граждан",
    "органов местного самоуправления",
    "в переходный период",
    "юридических лиц",
    "при чрезвычайных ситуациях",
    "на портале",
)


def new_article(rng: random.Random, key: int) -> Art:
    # titles within one act are distinct, as in real laws (96 combinations for 60 articles
    # may still repeat now and then)
    title = f"{rng.choice(OBJECTS).capitalize()} {rng.choice(QUALIFIERS)}"
    return Art(
        key,
        title,
        [
            " ".join(sentence(rng) for _ in range(rng.randint(1, 2)))
            for _ in range(rng.randint(1, 4))
        ],
    )


def render(arts: list[Art], per_chapter: int = 10) -> str:
    lines = ["ПРОЕКТ", "ЗАКОН КЫРГЫЗСКОЙ РЕСПУБЛИКИ", "Об открытых данных", ""]
    for n, a in enumerate(arts, 1):
        if (n - 1) % per_chapter == 0:
            lines += [f"Глава {(n - 1) // per_chapter + 1}. Положения раздела", ""]
        lines.append(f"Статья {n}. {a.title}")
        if len(a.parts) == 1:
            lines.append(a.parts[0])
        else:
            lines += [f"{k}. {p}" for k, p in enumerate(a.parts, 1)]
        lines.append("")
    return "\n".join(lines)


def edit_words(rng: random.Random, text: str) -> str:
    words = text.split()
    for _ in range(max(1, len(words) // 15)):
        words[rng.randrange(len(words))] = rng.choice(
            ("соответствующий", "ежегодный", "письменный", "электронный")
        )
    return " ".join(words)


def next_version(
    rng: random.Random, old: list[Art], next_key: int
) -> tuple[list[Art], dict[int, str], int]:
    """The next version and the truth: old key → "same" / "edited" / "removed"."""
    fate = {a.key: "same" for a in old}
    new = [Art(a.key, a.title, list(a.parts)) for a in old]
    for a in rng.sample(new, k=max(1, len(new) // 12)):  # removed
        new.remove(a)
        fate[a.key] = "removed"
    for a in rng.sample(new, k=max(1, len(new) // 8)):  # a few words
        k = rng.randrange(len(a.parts))
        a.parts[k] = edit_words(rng, a.parts[k])
        fate[a.key] = "edited"
    for a in rng.sample(new, k=max(1, len(new) // 20)):  # half rewritten, keeps the title
        if len(a.parts) > 1:
            a.parts[-1] = sentence(rng)
            fate[a.key] = "edited"
    i, j = sorted(rng.sample(range(len(new)), 2))  # two articles swap places
    new[i], new[j] = new[j], new[i]
    for _ in range(max(1, len(new) // 10)):  # inserted
        new.insert(rng.randrange(len(new) + 1), new_article(rng, next_key))
        next_key += 1
    return new, fate, next_key


def line_diff(old_text: str, new_text: str) -> tuple[dict[str, str | None], set[str]]:
    """Old article id → new article id (or None), and the old ids shown as changed."""
    a, b = old_text.splitlines(), new_text.splitlines()

    def owners(lines: list[str]) -> list[str | None]:
        cur: str | None = None
        out: list[str | None] = []
        for line in lines:
            if line.startswith("Статья "):
                cur = "art-" + line.split()[1].rstrip(".")
            elif line.startswith("Глава "):
                cur = None
            out.append(cur)
        return out

    oa, ob = owners(a), owners(b)
    votes: dict[str, dict[str, int]] = {}
    equal_old: set[int] = set()
    for blk in difflib.SequenceMatcher(None, a, b, autojunk=False).get_matching_blocks():
        for k in range(blk.size):
            equal_old.add(blk.a + k)
            src, dst = oa[blk.a + k], ob[blk.b + k]
            if src and dst and a[blk.a + k].strip():
                votes.setdefault(src, {}).setdefault(dst, 0)
                votes[src][dst] += 1
    ids = [x for x in dict.fromkeys(oa) if x]
    mapping = {x: (max(votes[x], key=lambda d: votes[x][d]) if x in votes else None) for x in ids}
    changed = {x for k, x in enumerate(oa) if x and k not in equal_old and a[k].strip()}
    return mapping, changed


def by_number(old_text: str, new_text: str) -> tuple[dict[str, str | None], set[str]]:
    """What anchors kept by id alone would do: article N stays article N."""
    old, new = parse_structure(old_text), parse_structure(new_text)
    mapping: dict[str, str | None] = {}
    changed: set[str] = set()
    for u in old.articles():
        if u.kind == UnitKind.ARTICLE:
            same = new.by_id.get(u.id)
            mapping[u.id] = same.id if same else None
            if same is None or same.body(new_text).split() != u.body(old_text).split():
                changed.add(u.id)
    return mapping, changed


def ours(old_text: str, new_text: str) -> tuple[dict[str, str | None], set[str]]:
    d = diff_versions(parse_structure(old_text), parse_structure(new_text))
    mapping: dict[str, str | None] = {}
    changed: set[str] = set()
    for c in d.changes:
        if c.old_id and c.old_id.startswith("art-"):
            mapping[c.old_id] = c.new_id
            if c.kind == ChangeKind.REMOVED or c.text_changed:
                changed.add(c.old_id)
    return mapping, changed


def score(
    method: Any, pairs: list[tuple[str, str, dict[str, tuple[str, str | None]]]]
) -> dict[str, float]:
    right = total = false_change = same = missed = edited = 0
    t0 = time.perf_counter()
    for old_text, new_text, truth in pairs:
        mapping, changed = method(old_text, new_text)
        for old_id, (fate, new_id) in truth.items():
            total += 1
            right += mapping.get(old_id) == new_id
            if fate == "same":
                same += 1
                false_change += old_id in changed
            elif fate == "edited":
                edited += 1
                missed += old_id not in changed
    secs = time.perf_counter() - t0
    return {
        "fate_accuracy": round(right / total, 4),
        "false_change_rate": round(false_change / max(same, 1), 4),
        "missed_change_rate": round(missed / max(edited, 1), 4),
        "seconds_per_pair": round(secs / len(pairs), 5),
    }


def make_pairs(
    n_pairs: int, n_articles: int, seed: int
) -> list[tuple[str, str, dict[str, tuple[str, str | None]]]]:
    rng = random.Random(seed)
    out = []
    for _ in range(n_pairs):
        old = [new_article(rng, k) for k in range(n_articles)]
        new, fate, _ = next_version(rng, old, n_articles)
        new_pos = {a.key: n for n, a in enumerate(new, 1)}
        truth = {
            f"art-{n}": (fate[a.key], f"art-{new_pos[a.key]}" if a.key in new_pos else None)
            for n, a in enumerate(old, 1)
        }
        out.append((render(old), render(new), truth))
    return out


def main() -> None:
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--pairs", type=int, default=40)
    p.add_argument("--articles", type=int, default=60)
    p.add_argument("--seed", type=int, default=17)
    args = p.parse_args()
    pairs = make_pairs(args.pairs, args.articles, args.seed)
    print(
        json.dumps(
            {
                "data": "generated",
                "pairs": args.pairs,
                "articles": args.articles,
                "ours": score(ours, pairs),
                "line_diff": score(line_diff, pairs),
                "by_number": score(by_number, pairs),
            },
            ensure_ascii=False,
        )
    )


if __name__ == "__main__":
    main()
