"""The words of the archive pages and the document breadcrumbs, in ru, ky and en."""

from __future__ import annotations

LANGS = ("ru", "ky", "en")
LANG_NAMES = {"ru": "Русский", "ky": "Кыргызча", "en": "English"}
TEXT: dict[str, dict[str, str]] = {
    "archives": {"ru": "Архивы", "ky": "Архивдер", "en": "Archives"},
    "intro": {
        "ru": "Опись архивов: фонды, описи и дела с числом опубликованных документов.",
        "ky": "Архивдердин тизмеси: фонддор, тизмелер жана иштер, жарыяланган "
        "документтердин саны менен.",
        "en": "The finding aids: fonds, series (opisi) and files (dela) with the number of "
        "published documents in each.",
    },
    "none": {
        "ru": "Описи архивов ещё не загружены (achyk archive import).",
        "ky": "Архивдердин тизмелери азырынча жүктөлгөн жок (achyk archive import).",
        "en": "No finding aid has been imported yet (achyk archive import).",
    },
    "level_archive": {"ru": "Архив", "ky": "Архив", "en": "Archive"},
    "level_fond": {"ru": "Фонд", "ky": "Фонд", "en": "Fond"},
    "level_opis": {"ru": "Опись", "ky": "Тизме", "en": "Series (opis)"},
    "level_delo": {"ru": "Дело", "ky": "Иш", "en": "File (delo)"},
    "code": {"ru": "Шифр", "ky": "Шифр", "en": "Reference code"},
    "title": {"ru": "Заголовок", "ky": "Аталышы", "en": "Title"},
    "dates": {"ru": "Даты", "ky": "Даталар", "en": "Dates"},
    "extent": {"ru": "Объём", "ky": "Көлөмү", "en": "Extent"},
    "creator": {"ru": "Фондообразователь", "ky": "Фонд түзүүчү", "en": "Creator"},
    "scope": {"ru": "Содержание", "ky": "Мазмуну", "en": "Scope and content"},
    "access": {"ru": "Условия доступа", "ky": "Жеткиликтүүлүк шарттары", "en": "Access conditions"},
    "language": {"ru": "Язык", "ky": "Тили", "en": "Language"},
    "documents": {"ru": "Документов", "ky": "Документтер", "en": "Documents"},
    "children": {"ru": "Состав", "ky": "Курамы", "en": "Contents"},
    "items": {"ru": "Документы дела", "ky": "Иштин документтери", "en": "Documents in the file"},
    "sheets": {"ru": "Листы", "ky": "Барактар", "en": "Sheets"},
    "date": {"ru": "Дата", "ky": "Дата", "en": "Date"},
    "search_within": {
        "ru": "Искать в пределах",
        "ky": "Ушунун ичинен издөө",
        "en": "Search within",
    },
    "search": {"ru": "Найти", "ky": "Издөө", "en": "Search"},
    "query": {"ru": "Запрос", "ky": "Суроо", "en": "Query"},
    "ead": {"ru": "Опись в EAD 3 (XML)", "ky": "Тизме EAD 3 форматында (XML)", "en": "EAD 3 (XML)"},
    "trail": {"ru": "Место в архиве", "ky": "Архивдеги орду", "en": "Place in the archive"},
    "empty": {
        "ru": "Опубликованных документов здесь пока нет.",
        "ky": "Бул жерде азырынча жарыяланган документтер жок.",
        "en": "No published documents here yet.",
    },
    "lang": {"ru": "Язык", "ky": "Тил", "en": "Language"},
}


def lang_of(value: str) -> str:
    return value if value in LANGS else "ru"


def texts(lang: str) -> dict[str, str]:
    return {k: v[lang] for k, v in TEXT.items()}


def unit_label(level: str, code: str, title: str, lang: str = "ru") -> str:
    """A breadcrumb: an archive by its name, a lower unit by its level and code («Фонд 67»)."""
    if level == "archive":
        return title or code
    return f"{TEXT['level_' + level][lang]} {code}"
