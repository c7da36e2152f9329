"""IIIF Presentation API 3 manifests and Content Search API 2 answers for documents.

Built from the published projection only, as the other document routes are: the public
metadata (`get_document`), the citation, the published word boxes grouped by line
(`service.document_formats.published_document`, the same lines as the ALTO export) and
the page hits of `service.ocr.document_hits` (the index's own morphology). A canvas is
made for each page that has a public image; the page's pixels are the canvas's
coordinates, so the OCR lines and the hits target `canvas#xywh=` in those pixels.

The JSON is plain typed dicts: the iiif-prezi3 library pins Pillow ≤ 12 while the
project uses 13, and the tests validate every manifest against the official schema.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, TypedDict
from urllib.parse import quote

from core.auth import ANONYMOUS, Caller
from core.errors import NotFoundError
from core.models import Document
from core.types import WordBox
from indices.context import AppContext
from service import citation as cite
from service.document_formats import published_document
from service.iiif_params import identifier
from service.ocr import document_hits
from service.search import get_document

PRESENTATION_CONTEXT = "http://iiif.io/api/presentation/3/context.json"
SEARCH_CONTEXT = "http://iiif.io/api/search/2/context.json"
LANGS = ("ru", "ky", "en")

LangMap = dict[str, list[str]]

LABELS: dict[str, tuple[str, str, str]] = {  # ru, ky, en
    "collection": ("Коллекция", "Коллекция", "Collection"),
    "date": ("Дата", "Датасы", "Date"),
    "archive": ("Архив", "Архив", "Archive"),
    "fond": ("Фонд", "Фонд", "Fond"),
    "opis": ("Опись", "Опись", "Inventory (opis)"),
    "delo": ("Дело", "Иш", "File (delo)"),
    "list": ("Листы", "Барактар", "Sheets"),
    "court": ("Суд", "Сот", "Court"),
    "case_number": ("Номер дела", "Иштин номери", "Case number"),
    "citation": ("Ссылка", "Шилтеме", "Citation"),
    "page": ("Страница {n}", "{n}-бет", "Page {n}"),
    "document": ("Страница документа", "Документтин баракчасы", "Document page"),
    "ocr": ("Распознанный текст", "Таанылган текст", "Recognized text"),
}


class KeyValue(TypedDict):
    label: LangMap
    value: LangMap


def label(key: str, **fmt: object) -> LangMap:
    return {lang: [text.format(**fmt)] for lang, text in zip(LANGS, LABELS[key], strict=True)}


def value(text: str) -> LangMap:
    return {"none": [text]}


def _lang(language: str | None) -> str:
    return language if language in ("ru", "ky", "en") else "none"


class Urls:
    """Every IIIF address of one document, absolute (ids must be URIs)."""

    def __init__(self, base: str, doc_id: int) -> None:
        self.base = base.rstrip("/")
        self.doc = doc_id
        self.root = f"{self.base}/iiif/3/{doc_id}"

    def manifest(self) -> str:
        return f"{self.root}/manifest.json"

    def search(self) -> str:
        return f"{self.root}/search"

    def canvas(self, n: int) -> str:
        return f"{self.root}/canvas/{n}"

    def image_service(self, n: int) -> str:
        return f"{self.base}/iiif/3/{identifier(self.doc, n)}"


def _bbox(words: Sequence[WordBox]) -> str:
    left = min(w.left for w in words)
    top = min(w.top for w in words)
    right = max(w.left + w.width for w in words)
    bottom = max(w.top + w.height for w in words)
    return f"{left},{top},{right - left},{bottom - top}"


def _metadata(doc: Any, cited: cite.CitedDocument) -> list[KeyValue]:
    rows: list[KeyValue] = [{"label": label("collection"), "value": value(doc.collection)}]
    if doc.date or doc.year:
        rows.append({"label": label("date"), "value": value(str(doc.date or doc.year))})
    if cited.archive_ref:
        if cited.archive:
            rows.append({"label": label("archive"), "value": value(cited.archive)})
        for key in cite.ARCHIVE_KEYS:
            v = str(cited.archive_ref.get(key) or "").strip()
            if v:
                rows.append({"label": label(key), "value": value(v)})
    if cited.court:
        rows.append({"label": label("court"), "value": value(cited.court)})
    if cited.case_number:
        rows.append({"label": label("case_number"), "value": value(cited.case_number)})
    return rows


def manifest(
    ctx: AppContext, doc_id: int, *, base_url: str, caller: Caller = ANONYMOUS
) -> dict[str, Any]:
    """The Presentation 3 manifest of a document the caller may read; NotFoundError if
    they may not, or if no page has a public image (there is nothing to show)."""
    doc = get_document(ctx, doc_id, caller)
    published = published_document(ctx, doc_id, base_url=base_url, caller=caller)
    lines = {p.number: p.lines for p in published.pages}
    urls = Urls(base_url, doc_id)
    lang = _lang(doc.language.value if doc.language else None)
    canvases = []
    for page in doc.pages:
        if not page.image_url or not page.width or not page.height:
            continue
        canvas = urls.canvas(page.number)
        service = urls.image_service(page.number)
        text_items = [
            {
                "id": f"{canvas}/line/{i}",
                "type": "Annotation",
                "motivation": "supplementing",
                "body": {
                    "type": "TextualBody",
                    "value": " ".join(w.text for w in words),
                    "format": "text/plain",
                    **({"language": lang} if lang != "none" else {}),
                },
                "target": f"{canvas}#xywh={_bbox(words)}",
            }
            for i, words in enumerate(lines.get(page.number, []), start=1)
        ]
        canvases.append(
            {
                "id": canvas,
                "type": "Canvas",
                "label": label("page", n=page.number),
                "width": page.width,
                "height": page.height,
                "items": [
                    {
                        "id": f"{canvas}/paint",
                        "type": "AnnotationPage",
                        "items": [
                            {
                                "id": f"{canvas}/paint/image",
                                "type": "Annotation",
                                "motivation": "painting",
                                "body": {
                                    "id": f"{service}/full/max/0/default.jpg",
                                    "type": "Image",
                                    "format": "image/jpeg",
                                    "width": page.width,
                                    "height": page.height,
                                    "service": [
                                        {
                                            "id": service,
                                            "type": "ImageService3",
                                            "profile": "level1",
                                        }
                                    ],
                                },
                                "target": canvas,
                            }
                        ],
                    }
                ],
                "annotations": [
                    {
                        "id": f"{canvas}/text",
                        "type": "AnnotationPage",
                        "label": label("ocr"),
                        "items": text_items,
                    }
                ]
                if text_items
                else [],
            }
        )
    if not canvases:
        raise NotFoundError(f"У документа №{doc_id} нет изображений страниц")
    citation = cite.text(published.cited)
    out: dict[str, Any] = {
        "@context": PRESENTATION_CONTEXT,
        "id": urls.manifest(),
        "type": "Manifest",
        "label": {lang: [doc.title or f"№{doc_id}"]},
        "metadata": _metadata(doc, published.cited),
        "requiredStatement": {"label": label("citation"), "value": value(citation)},
        "homepage": [
            {
                "id": f"{urls.base}/documents/{doc_id}",
                "type": "Text",
                "label": label("document"),
                "format": "text/html",
            }
        ],
        "seeAlso": [
            {
                "id": f"{urls.base}/api/v1/documents/{doc_id}/alto",
                "type": "Dataset",
                "format": "application/xml",
                "profile": "http://www.loc.gov/standards/alto/v4/alto.xsd",
            }
        ],
        "service": [{"id": urls.search(), "type": "SearchService2"}],
        "items": canvases,
    }
    if ctx.settings.iiif_rights:
        out["rights"] = ctx.settings.iiif_rights
    if doc.date:
        out["navDate"] = f"{doc.date}T00:00:00Z"
    return out


def search(
    ctx: AppContext, doc_id: int, q: str, *, base_url: str, caller: Caller = ANONYMOUS
) -> dict[str, Any]:
    """Content Search 2: the words of the document's page images that match `q`, as
    `highlighting` annotations on the canvases (QuerySyntaxError for a bad query)."""
    urls = Urls(base_url, doc_id)
    found = document_hits(ctx, doc_id, q, caller)
    items = [
        {
            "id": f"{urls.search()}/hit/{page.page}/{i}",
            "type": "Annotation",
            "motivation": "highlighting",
            "body": {"type": "TextualBody", "value": hit.text, "format": "text/plain"},
            "target": f"{urls.canvas(page.page)}#xywh="
            f"{hit.left},{hit.top},{hit.width},{hit.height}",
        }
        for page in found.pages
        if page.image_url
        for i, hit in enumerate(page.hits, start=1)
    ]
    return {
        "@context": SEARCH_CONTEXT,
        "id": f"{urls.search()}?q={_quote(q)}",
        "type": "AnnotationPage",
        "items": items,
    }


def _quote(q: str) -> str:
    return quote(q, safe="")


def public_collection(ctx: AppContext, doc_id: int) -> bool:
    """Whether the document is in a public collection: shared caches may keep its answers."""
    with ctx.db.session() as s:
        doc = s.get(Document, doc_id)
        return doc is not None and doc.collection.access == "public"
