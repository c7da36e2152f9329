"""anonymize: the public projection of every page under the collection's policy.

This is the only place that writes `public_text`, `public_words`, `public_image_key` and
the public title; the index and the API read nothing else. A policy that removes nothing
(draft laws) passes text through; court decisions are depersonified, and what was
removed is logged privately (FindingRecord).

Fail closed, everywhere:
- an unknown policy stops the document (`unknown_policy`) with nothing public;
- a page image is published only when ingest.image_proof proves it clean, whether or not
  its text had findings;
- a word box is public only when it is aligned to the text, removes nothing and every
  token of it stands in the public text (page hits read only these);
- the title (manifest title, DOCX core title, first line, or the uploaded file name) goes
  through the same engine with the document, so a name in it gets the same pseudonym.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence
from pathlib import PurePosixPath
from typing import Any, ClassVar

from sqlalchemy import delete

from anonymize import AnonymizedText, Finding, anonymize_pages, anonymize_text
from anonymize.policy import available as available_policies
from anonymize.policy import load_policy
from core.errors import ErrorCode, StageError
from core.models import Collection, Document, FindingRecord
from core.types import Stage, WordBox
from core.word_align import align_words
from indices.analysis import exact_terms
from indices.context import AppContext
from ingest.image_proof import PageImage, prove, removed_terms
from ocr.engine import config_from_settings

WORD_LABELS = frozenset({"PERSON", "ADDRESS", "CAR_PLATE"})  # removed data made of letters
SOURCE_TITLE = "source_title"  # Document.meta key of the title before depersonification


def title_from_name(name: str) -> str:
    """An uploaded file name as a title: no folders, no extension, no underscores."""
    stem = PurePosixPath(name.replace("\\", "/")).name
    if "." in stem[1:]:
        stem = stem.rsplit(".", 1)[0]
    return " ".join(stem.replace("_", " ").split())


def clean_title(title: str) -> str:
    """Without control and format characters (a right-to-left override reverses what a
    reader sees of a name)."""
    kept = "".join(ch for ch in title if unicodedata.category(ch) not in ("Cc", "Cf", "Cs"))
    return " ".join(kept.split())[:500]


def public_words(
    text: str, words: list[WordBox], public_text: str, removed: list[tuple[int, int]]
) -> list[list[object] | None]:
    """The page's boxes with every word that may reveal removed data set to None."""
    if not removed and public_text == text:
        return [w.to_json() for w in words]
    allowed = set(exact_terms(public_text))
    spans = align_words(text, [w.to_json() for w in words])
    out: list[list[object] | None] = []
    for w, span in zip(words, spans, strict=True):
        gone = span is None or any(s < span[1] and span[0] < e for s, e in removed)
        shown = not gone and all(t in allowed for t in exact_terms(w.text))
        out.append(w.to_json() if shown else None)
    return out


def _unknown_policy(ctx: AppContext, doc_id: int, policy: str) -> StageError:
    with ctx.db.session() as s:
        for page in s.get_one(Document, doc_id).pages:
            page.public_text = None
            page.public_words = None
            page.public_image_key = None
    return StageError(
        ErrorCode.UNKNOWN_POLICY,
        (
            f"Неизвестная политика обезличивания «{policy}» у коллекции: документ не "
            f"опубликован (есть: {', '.join(available_policies())})"
        ),
    )


class Anonymize:
    stage: ClassVar[Stage] = Stage.ANONYMIZE

    def run(self, ctx: AppContext, doc_id: int) -> None:
        with ctx.db.session() as s:
            doc = s.get_one(Document, doc_id)
            coll = s.get_one(Collection, doc.collection_id)
            policy = coll.policy
            texts = [p.text for p in doc.pages]
            lang, date = doc.language or "ru", doc.doc_date
            meta: dict[str, Any] = dict(doc.meta or {})
            source_title = clean_title(
                str(meta.get(SOURCE_TITLE) or doc.title or "") or doc.original_name
            )
            # a title that is the file name is read without its extension and underscores
            from_name = source_title == clean_title(doc.original_name)
            title_text = title_from_name(source_title) if from_name else source_title
            languages = doc.ocr_languages or coll.ocr_languages or ctx.settings.ocr_languages
            pages = [
                (
                    p.number,
                    p.source,
                    p.text,
                    [WordBox.from_json(w) for w in p.words or []],
                    list(p.lines or []),
                    p.width,
                    p.image_key,
                    p.ocr_info or {},
                )
                for p in doc.pages
            ]
        if policy not in available_policies():
            raise _unknown_policy(ctx, doc_id, policy)
        removes = bool(load_policy(policy).remove)
        words_matter = bool(load_policy(policy).remove & WORD_LABELS)
        if removes:
            results = anonymize_pages([*texts, title_text], lang=lang, policy=policy, doc_date=date)
        else:  # a public text (draft laws): nothing to find, nothing to hide
            results = [AnonymizedText(t, (), ()) for t in [*texts, title_text]]
        title_res, results = results[-1], results[:-1]
        if title_res.findings or not from_name:
            title = clean_title(title_res.text) or f"Документ №{doc_id}"
        else:  # an unchanged file name stays as the sender wrote it (with its extension)
            title = source_title
        ranges = [r.removed_ranges() for r in results]
        removed = removed_terms([*texts, title_text], [*ranges, title_res.removed_ranges()])
        tess = config_from_settings(ctx.settings, languages).languages

        def depersonify(text: str) -> list[tuple[int, int]]:
            return anonymize_text(text, lang=lang, policy=policy, doc_date=date).removed_ranges()

        images: list[str | None] = []
        for (_n, source, text, words, lines, width, image_key, info), rng in zip(
            pages, ranges, strict=True
        ):
            if not image_key or not width:
                images.append(None)
                continue
            if not removes:
                images.append(image_key)
                continue
            original = ctx.blobs.get(image_key)
            proof = prove(
                PageImage(
                    text,
                    source,
                    words,
                    lines,
                    width,
                    original,
                    info.get("objects"),
                    info.get("dpi"),
                ),
                rng,
                removed,
                depersonify,
                tess,
                ctx.settings.image_proof_min_confidence,
                words_matter,
            )
            if proof.png is None:
                images.append(None)
            elif proof.png is original:
                images.append(image_key)
            else:
                images.append(ctx.blobs.put_bytes(proof.png))
        with ctx.db.session() as s:
            doc = s.get_one(Document, doc_id)
            s.execute(delete(FindingRecord).where(FindingRecord.document_id == doc_id))
            doc.meta = {**meta, SOURCE_TITLE: source_title}
            doc.title = title
            for page, res, rng, key in zip(doc.pages, results, ranges, images, strict=True):
                page.public_text = res.text
                boxes = [WordBox.from_json(w) for w in page.words or []]
                page.public_words = public_words(page.text, boxes, res.text, rng)
                page.public_image_key = key
                s.add_all(_log(doc_id, page.number, res.findings))
            s.add_all(_log(doc_id, 0, title_res.findings))  # page 0: the title


def _log(doc_id: int, page: int, findings: Sequence[Finding]) -> list[FindingRecord]:
    return [
        FindingRecord(
            document_id=doc_id,
            page=page,
            start=f.start,
            end=f.end,
            label=f.label,
            recognizer=f.recognizer,
            score=f.score,
            text=f.text,
            replacement=f.replacement,
        )
        for f in findings
    ]
