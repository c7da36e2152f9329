"""Which page image may be published: one that is proven to show nothing the policy removes.

The public text is depersonified; the page image must be too, and a page with no findings
in its text is not thereby clean (a text-layer PDF may carry a scan, a stamp or a photo of
a passport that its text layer does not have). The rule, per page:

1. Every word the text findings remove is boxed (anonymize.redact.plan); a removed letter
   that no word box covers keeps the image private.
2. A scanned page (OCR): its words are the reading of this very image. Every other word
   that reads like a removed word (the same word, or one letter off) is boxed too, and so
   is a word read below `image_proof_min_confidence` right next to a removed word on the
   same line (an initial or a misread half of the name).
3. A text-layer page that paints only text and vector lines shows exactly its text layer:
   steps 1 is the proof. A page that paints anything else (an image, a form XObject, a
   shading, thousands of paths) is OCR'd after redaction: the OCR text goes through the
   same depersonification, every word it removes or that reads like a removed word is
   boxed, and a word that the text layer does not have and that is read below the
   confidence limit keeps the image private: it cannot be checked. (Under a policy that
   removes names, any such word of three letters or more; under one that removes only
   numbers and e-mail addresses — archives — any such word with a digit or an @.)

The original image is never changed and never public; a page without a proof has no
public image, and its public text is published as usual.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
from PIL import Image

from anonymize.redact import PAD, plan, redact_png
from core import text_fold
from core.types import PageSource, WordBox
from ocr.tesseract import recognize

TEXT_ONLY = frozenset({"text", "path"})
MAX_PATHS = 3000  # more vector paths than this may be text drawn as outlines: OCR it
OCR_DPI = 300  # text-layer pages are rendered at the viewer DPI; OCR reads them at this
MIN_LETTERS = 3
_WORD = re.compile(r"[^\W\d_]+")


@dataclass(frozen=True, slots=True)
class PageImage:
    """One page as the anonymize stage sees it."""

    text: str
    source: str
    words: Sequence[WordBox]
    lines: Sequence[Sequence[int]]
    width: int
    png: bytes
    objects: dict[str, int] | None  # painted objects of a text-layer page (PDF handler)
    dpi: int | None  # the DPI the text-layer page was rendered at


@dataclass(frozen=True, slots=True)
class Proof:
    png: bytes | None  # the publishable image, or None when it cannot be proven clean
    reason: str  # why (for the private log / tests)
    boxes: int


Depersonify = Callable[[str], list[tuple[int, int]]]  # text -> removed ranges


_YO = str.maketrans(text_fold.YO)


def fold(word: str) -> str:
    """Lower case, ё→е (core.text_fold.YO), letters only.

    Only ё is folded, not the pre-1918 or Kyrgyz letters: a word here is compared with
    another reading of the same page by the same OCR (and `near` allows one letter off),
    so spelling systems never differ between the two sides; digits and punctuation go so
    that «Иванов,» and «Иванов» meet.
    """
    return "".join(_WORD.findall(word.lower().translate(_YO)))


def near(a: str, b: str) -> bool:
    """Equal, or one edit apart for words of five letters and more (OCR misreads)."""
    if a == b:
        return True
    if min(len(a), len(b)) < 5 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i + (len(a) == len(b)) :] == b[i + 1 :]


def reads_like(word: str, removed: set[str]) -> bool:
    w = fold(word)
    return len(w) >= MIN_LETTERS and any(near(w, r) for r in removed)


def removed_terms(texts: Sequence[str], ranges: Sequence[Sequence[tuple[int, int]]]) -> set[str]:
    """The folded words that depersonification removed anywhere in the document."""
    out: set[str] = set()
    for text, rs in zip(texts, ranges, strict=True):
        for s, e in rs:
            out.update(w for w in (fold(x) for x in text[s:e].split()) if len(w) >= MIN_LETTERS)
    return out


def _box(w: WordBox, scale: float = 1.0) -> tuple[int, int, int, int]:
    return (
        round(w.left * scale) - PAD,
        round(w.top * scale) - PAD,
        round((w.left + w.width) * scale) + PAD,
        round((w.top + w.height) * scale) + PAD,
    )


def _inside(w: WordBox, boxes: Sequence[tuple[int, int, int, int]], scale: float) -> bool:
    """The word's centre lies in a box already filled (so OCR read the black box)."""
    cx, cy = (w.left + w.width / 2) * scale, (w.top + w.height / 2) * scale
    return any(b[0] <= cx <= b[2] and b[1] <= cy <= b[3] for b in boxes)


def _line_of(lines: Sequence[Sequence[int]], count: int) -> list[int]:
    line = [-1] * count
    for n, ln in enumerate(lines):
        if len(ln) >= 6:
            for i in range(int(ln[4]), min(count, int(ln[4]) + int(ln[5]))):
                line[i] = n
    return line


def _scan_boxes(
    page: PageImage, hit: set[int], removed: set[str], min_conf: float
) -> list[tuple[int, int, int, int]]:
    """Extra boxes on a scanned page: look-alikes of removed words, and low-confidence
    neighbours of removed words on the same line."""
    line = _line_of(page.lines, len(page.words))
    extra: set[int] = set()
    for i, w in enumerate(page.words):
        if i not in hit and reads_like(w.text, removed):
            extra.add(i)
    for i in sorted(hit | extra):
        for j in (i - 1, i + 1):
            if (
                0 <= j < len(page.words)
                and j not in hit
                and line[j] == line[i]
                and page.words[j].conf < min_conf
                and fold(page.words[j].text)
            ):
                extra.add(j)
    return [_box(page.words[i]) for i in sorted(extra - hit)]


def _ocr(png: bytes, scale: float, languages: str) -> tuple[list[WordBox], str]:
    with Image.open(io.BytesIO(png)) as img:
        gray = img.convert("L")
    if scale != 1.0:
        gray = gray.resize(
            (round(gray.width * scale), round(gray.height * scale)), Image.Resampling.LANCZOS
        )
    [res] = recognize([np.asarray(gray)], languages)
    return list(res.words), res.text


def _checkable(raw: str, folded: str, words_matter: bool) -> bool:
    """Whether an unreadable word could be something the policy removes: any word of three
    letters or more when names and addresses are removed; else only one with a digit or
    an @ (the archive policy keeps names and removes numbers and e-mail addresses)."""
    if words_matter and len(folded) >= MIN_LETTERS:
        return True
    return any(ch.isdigit() or ch == "@" for ch in raw)


def prove(
    page: PageImage,
    removed_ranges: Sequence[tuple[int, int]],
    removed: set[str],
    depersonify: Depersonify,
    languages: str,
    min_conf: float,
    words_matter: bool = True,
) -> Proof:
    """The publishable image of `page` (see the module doc), or None with the reason.

    `words_matter`: the policy removes words (names, addresses), not only numbers."""
    words_json = [w.to_json() for w in page.words]
    red = plan(page.text, words_json, removed_ranges)
    if removed_ranges and not red.complete:
        return Proof(None, "a removed letter is not under any word box", 0)
    boxes = list(red.boxes)
    hit = (
        {i for i, w in enumerate(page.words) if any(b == _box(w) for b in red.boxes)}
        if red.boxes
        else set()
    )
    if page.source == PageSource.OCR:
        boxes += _scan_boxes(page, hit, removed, min_conf)
    elif (
        page.objects is not None
        and set(page.objects) <= TEXT_ONLY
        and page.objects.get("path", 0) <= MAX_PATHS
    ):
        pass  # the image is the text layer drawn: the text-layer boxes are the proof
    else:
        candidate = redact_png(page.png, boxes, page.width) if boxes else page.png
        up = max(1.0, min(3.0, OCR_DPI / page.dpi)) if page.dpi else 1.0
        seen, _ = _ocr(candidate, up, languages)
        seen = [w for w in seen if fold(w.text) and not _inside(w, boxes, up)]
        layer = {fold(w.text) for w in page.words} | {fold(t) for t in page.text.split()}
        layer.discard("")
        ocr_text = " ".join(w.text for w in seen)
        spans, at = [], 0
        for w in seen:
            spans.append((at, at + len(w.text)))
            at += len(w.text) + 1
        gone = depersonify(ocr_text) if ocr_text.strip() else []
        for w, (s, e) in zip(seen, spans, strict=True):
            f = fold(w.text)
            if any(a < e and s < b for a, b in gone) or reads_like(w.text, removed):
                boxes.append(_box(w, 1 / up))
            elif (
                w.conf < min_conf
                and _checkable(w.text, f, words_matter)
                and f not in layer
                and not any(near(f, t) for t in layer)
            ):
                return Proof(
                    None,
                    f"an image word read at {w.conf:.0f}% is not in the text "
                    f"layer and cannot be checked",
                    0,
                )
    if not boxes:
        return Proof(page.png, "clean", 0)
    return Proof(redact_png(page.png, boxes, page.width), "redacted", len(boxes))
