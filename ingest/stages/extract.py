"""extract: sniff the original, hand it to its handler, store pages and page images."""

from __future__ import annotations

from typing import ClassVar

from core.models import Collection, Document, Page
from core.types import Stage
from indices.context import AppContext
from ingest.handlers import ExtractOptions, handler_for
from ingest.sniff import sniff
from ocr.engine import config_from_settings


class Extract:
    stage: ClassVar[Stage] = Stage.EXTRACT

    def run(self, ctx: AppContext, doc_id: int) -> None:
        with ctx.db.session() as s:
            doc = s.get_one(Document, doc_id)
            coll = s.get_one(Collection, doc.collection_id)
            key = doc.sha256
            langs = doc.ocr_languages or coll.ocr_languages or ctx.settings.ocr_languages
            name = doc.original_name
        path = ctx.blobs.path(key)
        kind = sniff(path, name)
        ocr = config_from_settings(ctx.settings, langs)
        st = ctx.settings
        options = ExtractOptions(
            ocr_languages=ocr.languages,
            ocr_dpi=st.ocr_dpi,
            min_text_chars=st.ocr_min_text_chars,
            viewer_dpi=st.page_image_dpi,
            ocr=ocr,
            max_pages=st.pdf_max_pages,
            page_max_pixels=st.page_max_pixels,
            image_max_pixels=st.image_max_pixels,
            image_max_frames=st.image_max_frames,
            docx_max_members=st.docx_max_members,
            docx_max_inflated=st.docx_max_inflated_mb << 20,
        )
        extraction = handler_for(kind).extract(path, options)
        image_keys = [
            ctx.blobs.put_bytes(p.image_png) if p.image_png else None for p in extraction.pages
        ]
        with ctx.db.session() as s:
            doc = s.get_one(Document, doc_id)
            doc.pages.clear()
            s.flush()
            for p, image_key in zip(extraction.pages, image_keys, strict=True):
                doc.pages.append(
                    Page(
                        number=p.number,
                        source=p.source,
                        text=p.text,
                        confidence=p.confidence,
                        words=[w.to_json() for w in p.words],
                        width=p.width,
                        height=p.height,
                        lines=[list(ln) for ln in p.lines],
                        ocr_info=p.ocr_info,
                        image_key=image_key,
                    )
                )
            doc.format = kind
            doc.page_count = len(extraction.pages)
            if not doc.title and extraction.title:
                doc.title = extraction.title
