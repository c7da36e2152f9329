"""The OCR pipeline with real tesseract: preprocessing measurably helps, boxes land on the
view, rotation is found, results are cached, and the error rates are computed right."""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import cv2
import numpy as np
import pytest
from PIL import Image

from ocr.engine import OcrConfig, ocr_pages
from ocr.metrics import compare, levenshtein
from ocr.preprocess import STEPS, PreprocessOptions, otsu, prepare, skew_angle
from ocr.tesseract import normalize_languages, parse_tsv
from tests.conftest import render_scan

LINES = [
    "ПРОТОКОЛ № 7",
    "заседания военного трибунала",
    "от 12 марта 1937 года",
    "Решение народного суда отменить.",
]


@pytest.fixture(scope="module")
def degraded(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, Path]]:
    from ingest.demo import generate_degraded_pages

    # pages 2, 3 and 5 of the default set: a faded page, a stained one, violet carbon
    pairs = generate_degraded_pages(tmp_path_factory.mktemp("degraded"), count=5, seed=11)
    return [pairs[1], pairs[2], pairs[4]]


def _cer(pages: list[tuple[Path, Path]], config: OcrConfig) -> float:
    images = [Image.open(p) for p, _ in pages]
    read = ocr_pages(images, config)
    total = compare("", "")
    for page, (_, truth) in zip(read, pages, strict=True):
        total = total + compare(page.text, truth.read_text(encoding="utf-8"))
    return total.cer


def test_preprocessing_lowers_the_error_rate_on_degraded_pages(
    degraded: list[tuple[Path, Path]],
) -> None:
    ours = _cer(degraded, OcrConfig())
    plain = _cer(degraded, OcrConfig(preprocess=PreprocessOptions.from_steps([])))
    assert ours < 0.15 and ours < plain / 3, (ours, plain)


def test_deskew_finds_the_angle() -> None:
    page = np.asarray(render_scan(LINES * 3), dtype=np.uint8)
    h, w = page.shape
    turned = cv2.warpAffine(
        page, cv2.getRotationMatrix2D((w / 2, h / 2), 2.5, 1.0), (w, h), borderValue=255
    )
    assert skew_angle(otsu(turned, inverted=True), 5.0) == pytest.approx(-2.5, abs=0.3)


def test_boxes_are_in_view_pixels_after_deskew_scale_and_crop() -> None:
    # letters over 2.5 × glyph_px tall: the one case a clean page is scaled
    page = render_scan(LINES, size=110, width=2600).rotate(-2, fillcolor=255, expand=False)
    [read] = ocr_pages([page], OcrConfig())
    g = read.geometry
    assert g.angle != 0 and g.scale != 1 and g.offset != (0, 0)
    word = next(w for w in read.words if "трибунала" in w.text)
    assert read.view.shape == (page.height, page.width)
    crop = read.view[word.top : word.top + word.height, word.left : word.left + word.width]
    assert crop.size and crop.min() < 100  # ink under the box
    assert "трибунала" in read.text and read.confidence and read.confidence > 80
    assert read.lines and sum(ln.count for ln in read.lines) == len(read.words)


def test_a_sheet_on_a_dark_scanner_bed_is_cut_out() -> None:
    sheet = np.asarray(render_scan(LINES), dtype=np.uint8)
    bed = np.full((sheet.shape[0] + 160, sheet.shape[1] + 200), 30, np.uint8)
    bed[70 : 70 + sheet.shape[0], 110 : 110 + sheet.shape[1]] = sheet
    [read] = ocr_pages([Image.fromarray(bed)], OcrConfig())
    assert read.geometry.sheet is not None
    x, y, w, h = read.geometry.sheet
    assert abs(x - 110) < 15 and abs(y - 70) < 15 and read.view.shape == (h, w)
    assert "трибунала" in read.text
    word = next(w for w in read.words if "трибунала" in w.text)
    assert (
        read.view[word.top : word.top + word.height, word.left : word.left + word.width].min() < 100
    )


def test_an_upside_down_page_is_turned_by_osd() -> None:
    page = render_scan(LINES * 2).rotate(180)
    [read] = ocr_pages([page], OcrConfig())
    assert read.geometry.rotation == 180
    assert "трибунала" in read.text


def test_every_step_can_be_switched_off() -> None:
    page = render_scan(LINES)
    for step in STEPS:
        options = PreprocessOptions().without(step)
        assert step not in options.enabled
        prepare(page, options)
    bare = prepare(page, PreprocessOptions.from_steps([]))
    assert bare.ocr.ndim == 3 and bare.geometry.scale == 1  # plain tesseract's input
    with pytest.raises(ValueError, match="Неизвестные шаги"):
        PreprocessOptions().without("sharpen")


def test_results_are_cached_by_pixels_languages_and_settings(tmp_path: Path) -> None:
    page = render_scan(LINES[:2])
    config = OcrConfig(cache_dir=tmp_path / "cache")
    [first] = ocr_pages([page], config)
    [again] = ocr_pages([page.copy()], config)
    assert not first.cached and again.cached
    assert (again.text, again.words, again.lines) == (first.text, first.words, first.lines)
    assert np.array_equal(again.view, first.view)
    [other] = ocr_pages([page], replace(config, languages="rus"))
    assert not other.cached


def test_tsv_parsing_keeps_lines_paragraphs_and_confidences() -> None:
    tsv = "\n".join(
        [
            "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight"
            "\tconf\ttext",
            "4\t1\t1\t1\t1\t0\t10\t10\t200\t30\t-1\t",
            "5\t1\t1\t1\t1\t1\t10\t10\t90\t30\t96.5\tНародный",
            "5\t1\t1\t1\t1\t2\t110\t10\t50\t30\t90\tсуд",
            "4\t1\t1\t2\t1\t0\t10\t60\t80\t30\t-1\t",
            "5\t1\t1\t2\t1\t1\t10\t60\t80\t30\t70\tрешил",
            "4\t2\t1\t1\t1\t0\t5\t5\t50\t20\t-1\t",
            "5\t2\t1\t1\t1\t1\t5\t5\t50\t20\t80\tдело",
        ]
    )
    one, two = parse_tsv(tsv, 2)
    assert one.text == "Народный суд\n\nрешил"
    assert [ln.to_json() for ln in one.lines] == [[10, 10, 200, 30, 0, 2], [10, 60, 80, 30, 2, 1]]
    assert one.confidence == pytest.approx((96.5 + 90 + 70) / 3)
    assert two.text == "дело" and two.words[0].left == 5


def test_language_aliases() -> None:
    assert normalize_languages("ru+ky") == "rus+kir"
    assert normalize_languages("rus, kir cyrl") == "rus+kir+Cyrillic"
    assert normalize_languages("ky-latn", {"ky-latn": "Latin"}) == "Latin"


def test_error_rates() -> None:
    rng = random.Random(5)
    for _ in range(300):
        a = "".join(rng.choice("абв г") for _ in range(rng.randint(0, 25)))
        b = "".join(rng.choice("абв г") for _ in range(rng.randint(0, 25)))
        prev = list(range(len(b) + 1))
        for i, ca in enumerate(a, 1):
            cur = [i]
            for j, cb in enumerate(b, 1):
                cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
            prev = cur
        assert levenshtein(a, b) == prev[-1]
    c = compare("Народный  суд\nрешил", "Народный суд решил дело")
    assert (c.char_edits, c.chars, c.word_edits, c.words) == (5, 23, 1, 4)


def test_eval_ocr_command_prints_the_contract(
    tmp_path: Path, degraded: list[tuple[Path, Path]]
) -> None:
    folder = tmp_path / "pages"
    folder.mkdir()
    for image, truth in degraded[:2]:
        (folder / image.name).write_bytes(image.read_bytes())
        (folder / truth.name).write_bytes(truth.read_bytes())
    env = {**os.environ, "COLUMNS": "200"}
    r = subprocess.run(
        [
            sys.executable,
            "-m",
            "cli",
            "--data-dir",
            str(tmp_path / "d"),
            "eval",
            "ocr",
            str(folder),
            "--json",
        ],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert r.returncode == 0, r.stderr
    report = json.loads(r.stdout)
    assert {"cer", "wer", "pages", "pages_per_minute", "files"} <= set(report)
    assert report["pages"] == 2 and 0 <= report["cer"] < 0.2 and report["pages_per_minute"] > 0
    assert [f["file"] for f in report["files"]] == [p.name for p, _ in degraded[:2]]
    table = subprocess.run(
        [sys.executable, "-m", "cli", "eval", "ocr", str(folder), "--steps", ""],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert (
        table.returncode == 0 and "CER" in table.stdout and "Разрешённые шаги: нет" in table.stdout
    )
