"""anonymize: the public projection of every page under the collection's policy.

This is the only place that writes `public_text`, `public_words` and `public_image_key`;
the index and the API read nothing else. A policy that removes nothing (draft laws)
passes pages through; court decisions are depersonified, scanned pages redacted, and
what was removed is logged privately (FindingRecord).
"""

from __future__ import annotations

from typing import ClassVar

from sqlalchemy import delete

from anonymize import anonymize_pages
from anonymize.policy import available as available_policies
from anonymize.redact import plan, redact_png
from core.context import AppContext
from core.models import Collection, Document, FindingRecord
from core.types import Stage


class Anonymize:
    stage: ClassVar[Stage] = Stage.ANONYMIZE

    def run(self, ctx: AppContext, doc_id: int) -> None:
        with ctx.db.session() as s:
            doc = s.get_one(Document, doc_id)
            policy = s.get_one(Collection, doc.collection_id).policy
            texts = [p.text for p in doc.pages]
            lang, date = doc.language or "ru", doc.doc_date
        if policy not in available_policies():
            results = None
        else:
            results = anonymize_pages(texts, lang=lang, policy=policy, doc_date=date)
        with ctx.db.session() as s:
            doc = s.get_one(Document, doc_id)
            s.execute(delete(FindingRecord).where(FindingRecord.document_id == doc_id))
            for i, page in enumerate(doc.pages):
                if results is None or not results[i].findings:
                    page.public_text = page.text
                    page.public_words = list(page.words)
                    page.public_image_key = page.image_key
                    continue
                res = results[i]
                page.public_text = res.text
                red = plan(page.text, page.words, res.removed_ranges())
                page.public_words = red.public_words
                if page.image_key and red.complete and page.width:
                    png = redact_png(ctx.blobs.get(page.image_key), red.boxes, page.width)
                    page.public_image_key = ctx.blobs.put_bytes(png)
                else:
                    page.public_image_key = None  # cannot prove it is clean: not published
                s.add_all(FindingRecord(
                    document_id=doc_id, page=page.number, start=f.start, end=f.end,
                    label=f.label, recognizer=f.recognizer, score=f.score, text=f.text,
                    replacement=f.replacement) for f in res.findings)
