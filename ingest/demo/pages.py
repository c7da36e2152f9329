"""Hard, small page images with exact transcriptions, for measuring OCR (CER/WER).

Unlike the demo archive these pages are meant to hurt: several typewriter faces, strong skew,
blur, noise, stains, faded and carbon-copy ink, some in the pre-1918 spelling and some in
Kyrgyz. Each page is a crop-sized sheet (about 1200x900 px of text at 300 DPI) so a whole
evaluation set OCRs in seconds.
"""

from __future__ import annotations

import random
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image
from reportlab.pdfbase.ttfonts import TTFontFile

from ingest.demo.degrade import colorize, degrade, heavy
from ingest.demo.lang import old_orthography, ru_count
from ingest.demo.people import People
from ingest.demo.render import (
    DEJAVU_MONO,
    FREE_MONO,
    FREE_MONO_BOLD,
    LIBERATION_MONO,
    Layout,
    TypedPara,
    ground_truth,
    typewrite,
    wrap,
)

# (font, extra stroke): thin FreeMono struck with and without a fat ribbon, and others.
FACES = (
    (FREE_MONO, 1),
    (FREE_MONO, 0),
    (FREE_MONO_BOLD, 0),
    (LIBERATION_MONO, 0),
    (DEJAVU_MONO, 0),
)
KINDS = ("modern", "modern", "old", "modern", "ky", "old")

RU_SENTENCES = (
    "Слушали доклад председателя волостного исполкома тов. {a_gen} о сборе налога.",
    "Постановили: обязать сельские советы закончить сбор налога к {day} числу.",
    "Гражданин {a}, {year} года рождения, обвиняется в хищении общественного зерна.",
    "Народный суд рассмотрел дело по иску гражданина {a_gen} о разделе имущества.",
    "Выдать справку о том, что {a} действительно работал в артели с {year} года.",
    "Заседание открыто в {hour} часов вечера в помещении уездного исполкома.",
    "Приказываю зачислить {a_acc} на должность счетовода с окладом в {rub}.",
    "В волости заготовлено {pud} хлеба, о чем доносится уездному комиссару.",
    "Списки лиц, лишенных избирательных прав, представить в комиссию к {day} числу.",
    "По делу допрошены свидетели {a} и {b}, которые подтвердили показания истца.",
    "Секретарь совета {b} за небрежное хранение дел подлежит выговору.",
    "Подлинник хранится в деле № {n} архива исполнительного комитета.",
    "Решение суда объявлено сторонам, и им разъяснен порядок обжалования.",
    "Председатель комиссии {a} доложил о состоянии школ и больниц уезда.",
)
KY_SENTENCES = (
    "Колхоздун жалпы чогулушу {n} колхозчунун катышуусунда өттү.",
    "Бригадир {a} үрөн даярдоо иши жөнүндө билдирүү жасады.",
    "Жазгы эгин себүү иштерин өз убагында бүткөрүү тапшырылсын.",
    "Фронтко жылуу кийим чогултуу боюнча комиссия түзүлсүн.",
    "Мектептин жаңы имаратын куруу үчүн {n} сом акча бөлүнсүн.",
    "Айыл советинин катчысы {b} бул иш үчүн жооптуу болуп дайындалды.",
    "Колхозчулардын эмгек күндөрү боюнча эсеп-кысап жүргүзүлсүн.",
    "Малды кышкы тоют менен камсыз кылуу маселеси каралды.",
    "Чогулуштун токтому бир добуштан кабыл алынды.",
)


@lru_cache(maxsize=16)
def _charset(path: str) -> frozenset[int]:
    return frozenset(TTFontFile(path).charToGlyph)


def supports(path: str, text: str) -> bool:
    """True when the font has a glyph for every letter of text (ѣ and ң are often missing)."""
    chars = _charset(path)
    return all(ord(ch) in chars for ch in text if not ch.isspace())


def _page_text(kind: str, rng: random.Random, budget: int) -> list[TypedPara]:
    """Paragraphs of sentences drawn without repetition, with invented men's names."""
    people = People(rng)
    pool = list(KY_SENTENCES if kind == "ky" else RU_SENTENCES)
    rng.shuffle(pool)
    paras: list[TypedPara] = []
    used = 0
    while used < budget and pool:
        sentences = []
        for _ in range(min(rng.randint(2, 4), len(pool))):
            a, b = people.person(female=False), people.person(female=False, origin="ru")
            fill = {
                "a": f"{a.surname} {a.first}" if kind == "ky" else a.short(),
                "a_gen": a.short("gen"),
                "a_acc": a.short("acc"),
                "b": b.short(),
                "day": rng.randint(1, 28),
                "year": rng.randint(1870, 1905),
                "hour": rng.randint(5, 9),
                "n": rng.randint(12, 940),
                "rub": ru_count(rng.randint(12, 90), "рубль", "рубля", "рублей"),
                "pud": ru_count(rng.randint(100, 2000), "пуд", "пуда", "пудов"),
            }
            sentences.append(pool.pop().format(**fill))
            people.reset()
        text = " ".join(sentences)
        if kind == "old":
            text = old_orthography(text)
        paras.append(TypedPara(text, "indent"))
        used += len(text)
    return paras


def _degraded_page(index: int, seed: int, severity: float) -> tuple[np.ndarray, str]:
    rng = random.Random(f"achyk-demo-pages/{seed}/{index}")
    pixels = np.random.default_rng([seed, index, 0x0C5])
    kind = KINDS[index % len(KINDS)]
    font_px = rng.randint(42, 56)
    layout = Layout(
        1360, 1040, 80, 80, 80, 60, FREE_MONO, font_px, int(font_px * rng.uniform(1.35, 1.7))
    )
    paras = _page_text(kind, rng, budget=layout.rows * layout.columns * 2)
    sample = "".join(p.text for p in paras)
    faces = [f for f in FACES if supports(f[0], sample)]
    path, stroke = faces[rng.randrange(len(faces))]
    layout = Layout(
        layout.width,
        layout.height,
        layout.margin_left,
        layout.margin_top,
        layout.margin_right,
        layout.margin_bottom,
        path,
        font_px,
        layout.line_px,
        stroke,
    )
    lines = wrap(paras, layout.columns)[: layout.rows]
    coverage = typewrite(
        lines, layout, pixels, jitter_px=rng.randint(1, 3), ink_min=rng.uniform(0.45, 0.8)
    )
    grey = degrade(coverage, heavy(severity, pixels), pixels)
    return grey, ground_truth([lines])


def generate_degraded_pages(
    out_dir: Path, *, count: int = 12, seed: int = 11, severity: float = 1.0
) -> list[tuple[Path, Path]]:
    """Write page_NNN.png (some tinted like violet carbon copies) and page_NNN.txt pairs."""
    out = Path(out_dir).resolve()
    out.mkdir(parents=True, exist_ok=True)
    pairs = []
    for i in range(count):
        grey, truth = _degraded_page(i, seed, severity)
        image = out / f"page_{i + 1:03d}.png"
        if i % 5 == 4:
            Image.fromarray(colorize(grey, (250, 240, 215), (60, 45, 120))).save(
                image, dpi=(300, 300)
            )
        else:
            Image.fromarray(grey).save(image, dpi=(300, 300))
        text = out / f"page_{i + 1:03d}.txt"
        text.write_text(truth, encoding="utf-8")
        pairs.append((image, text))
    return pairs
