"""Russian labels for codes shown in the UI."""

from __future__ import annotations

from ui.norm_labels import norm_label

FACET_TITLES = {
    "collection": "Коллекция",
    "doc_type": "Тип документа",
    "language": "Язык",
    "format": "Формат",
    "year": "Год",
    "court": "Суд",
    "instance": "Инстанция",
    "category": "Категория дела",
    "outcome": "Исход",
    "norm": "Нормы",
}
VALUES = {
    "doc_type": {
        "archival_record": "Архивный документ",
        "court_decision": "Судебный акт",
        "draft_law": "Проект закона",
        "document": "Документ",
    },
    "language": {"ru": "русский", "ky": "кыргызский"},
    "format": {
        "pdf": "PDF",
        "image": "Скан (изображение)",
        "docx": "DOCX",
        "rtf": "RTF",
        "txt": "Текст",
    },
    "collection": {"archive": "Архив", "court": "Судебные акты", "laws": "Проекты законов"},
    "source": {"ocr": "распознано (OCR)", "text": "текстовый слой"},
    "instance": {"first": "первая", "appeal": "апелляция", "cassation": "кассация"},
    "category": {
        "criminal": "уголовное",
        "civil": "гражданское",
        "administrative": "административное",
    },
    "outcome": {
        "convicted": "обвинительный приговор",
        "acquitted": "оправдан",
        "terminated": "дело прекращено",
        "granted": "иск удовлетворён",
        "partially_granted": "удовлетворён частично",
        "dismissed": "в иске отказано",
        "upheld": "оставлено без изменения",
        "reversed": "отменено",
        "modified": "изменено",
    },
}


def label(field: str, value: object) -> str:
    if field == "norm":
        return norm_label(str(value))
    if field == "archive":  # "67/9/108" → «Ф. 67. Оп. 9. Д. 108»
        names = ("Ф.", "Оп.", "Д.")
        return ". ".join(f"{n} {c}" for n, c in zip(names, str(value).split("/"), strict=False))
    return VALUES.get(field, {}).get(str(value), str(value))
