"""Russian labels for codes shown in the UI."""

from __future__ import annotations

FACET_TITLES = {"collection": "Коллекция", "doc_type": "Тип документа", "language": "Язык",
                "format": "Формат", "year": "Год"}
VALUES = {
    "doc_type": {"archival_record": "Архивный документ", "court_decision": "Судебный акт",
                 "draft_law": "Проект закона", "document": "Документ"},
    "language": {"ru": "русский", "ky": "кыргызский"},
    "format": {"pdf": "PDF", "image": "Скан (изображение)", "docx": "DOCX", "rtf": "RTF",
               "txt": "Текст"},
    "collection": {"archive": "Архив", "court": "Судебные акты", "laws": "Проекты законов"},
    "source": {"ocr": "распознано (OCR)", "text": "текстовый слой"},
}


def label(field: str, value: object) -> str:
    return VALUES.get(field, {}).get(str(value), str(value))
