"""Russian, Kyrgyz and English wording of the correction pages and the report form
(``?lang=ky``, ``?lang=en``; Russian by default, as the persons pages)."""

from __future__ import annotations

LANGS = ("ru", "ky", "en")

TEXT: dict[str, dict[str, str]] = {
    "correct_title": {
        "ru": "Исправление распознанного текста",
        "ky": "Таанылган текстти оңдоо",
        "en": "Correcting the recognized text",
    },
    "page": {"ru": "страница", "ky": "барак", "en": "page"},
    "document": {"ru": "Документ", "ky": "Документ", "en": "Document"},
    "correct_help": {
        "ru": "Каждая строка распознанного текста — отдельное поле; строка с фокусом "
        "выделена на скане (Enter — следующая строка, Shift+Enter — предыдущая, "
        "Ctrl+Enter — сохранить). Исправьте строки и сохраните: страница сразу "
        "переиндексируется, правка попадает в историю и в журнал аудита.",
        "ky": "Таанылган тексттин ар бир сабы — өзүнчө талаа; фокустагы сап сканда "
        "белгиленет (Enter — кийинки сап, Shift+Enter — мурунку, Ctrl+Enter — сактоо). "
        "Саптарды оңдоп, сактаңыз: барак дароо кайра индекстелет, оңдоо тарыхка жана "
        "аудит журналына жазылат.",
        "en": "Each recognized line is one field; the focused line is outlined on the scan "
        "(Enter: next line, Shift+Enter: previous, Ctrl+Enter: save). Correct lines and "
        "save: the page is re-indexed at once, and the change goes into the history and "
        "the audit trail.",
    },
    "api_key": {
        "ru": "API-ключ архивиста",
        "ky": "Архивисттин API ачкычы",
        "en": "Archivist's API key",
    },
    "open": {"ru": "Открыть", "ky": "Ачуу", "en": "Open"},
    "scan": {"ru": "Скан страницы", "ky": "Барактын сканы", "en": "Page scan"},
    "lines": {"ru": "Строки", "ky": "Саптар", "en": "Lines"},
    "line": {"ru": "Строка", "ky": "Сап", "en": "Line"},
    "reason": {"ru": "Причина правки", "ky": "Оңдоонун себеби", "en": "Reason"},
    "save": {"ru": "Сохранить", "ky": "Сактоо", "en": "Save"},
    "history": {"ru": "История правок", "ky": "Оңдоолордун тарыхы", "en": "History"},
    "revert": {
        "ru": "Вернуть текст до этой правки",
        "ky": "Ушул оңдоого чейинки текстти кайтаруу",
        "en": "Restore the text from before this change",
    },
    "saved": {
        "ru": "Сохранено: правка №{id}, страница переиндексирована",
        "ky": "Сакталды: №{id} оңдоо, барак кайра индекстелди",
        "en": "Saved: revision {id}; the page is re-indexed",
    },
    "nothing": {
        "ru": "Ни одна строка не изменена",
        "ky": "Бир да сап өзгөргөн жок",
        "en": "No line changed",
    },
    "error": {"ru": "Ошибка {status}", "ky": "Ката {status}", "en": "Error {status}"},
    "loaded": {
        "ru": "Строк: {n}, версия {version}",
        "ky": "Саптар: {n}, версия {version}",
        "en": "{n} lines, version {version}",
    },
    "readonly": {
        "ru": "Этот ключ не может исправлять эту страницу",
        "ky": "Бул ачкыч бул баракты оңдой албайт",
        "en": "This key may not correct this page",
    },
    "suggested_by_reader": {
        "ru": "Предложение читателя (сообщение №{id}) подставлено в строку {line}",
        "ky": "Окурмандын сунушу (№{id} билдирүү) {line}-сапка коюлду",
        "en": "The reader's suggestion (report {id}) is filled into line {line}",
    },
    "queue_title": {
        "ru": "Сообщения об ошибках распознавания",
        "ky": "Таануу каталары тууралуу билдирүүлөр",
        "en": "Misreading reports",
    },
    "queue_help": {
        "ru": "Читатели сообщают, где текст распознан неверно. «Принять» открывает редактор "
        "страницы с предложенным текстом; «Отклонить» требует причины.",
        "ky": "Окурмандар текст кайсы жерде туура эмес таанылганын билдиришет. «Кабыл алуу» "
        "баракты сунушталган текст менен редакторго ачат; «Четке кагуу» себепти талап кылат.",
        "en": "Readers report where the text was misread. Accept opens the page's editor with "
        "the suggestion; Reject needs a reason.",
    },
    "show_queue": {"ru": "Показать очередь", "ky": "Кезекти көрсөтүү", "en": "Show the queue"},
    "col_doc": {
        "ru": "Документ, страница, строка",
        "ky": "Документ, барак, сап",
        "en": "Document, page, line",
    },
    "col_now": {"ru": "Сейчас", "ky": "Азыр", "en": "Now"},
    "col_suggested": {"ru": "Предложено", "ky": "Сунушталды", "en": "Suggested"},
    "col_note": {"ru": "Примечание", "ky": "Эскертүү", "en": "Note"},
    "col_actions": {"ru": "Действия", "ky": "Аракеттер", "en": "Actions"},
    "accept": {"ru": "Принять", "ky": "Кабыл алуу", "en": "Accept"},
    "reject": {"ru": "Отклонить", "ky": "Четке кагуу", "en": "Reject"},
    "reject_reason": {
        "ru": "Причина отказа",
        "ky": "Четке кагуунун себеби",
        "en": "Reason to reject",
    },
    "queue_status": {
        "ru": "Открытых сообщений: {n}",
        "ky": "Ачык билдирүүлөр: {n}",
        "en": "Open reports: {n}",
    },
    "report_title": {
        "ru": "Сообщить об ошибке распознавания",
        "ky": "Таануу катасын билдирүү",
        "en": "Report a misreading",
    },
    "report_help": {
        "ru": "Если текст страницы расходится со сканом, напишите, как должно быть. "
        "Имя и контакты не нужны: сообщение прочтёт архивист.",
        "ky": "Барактын тексти скан менен дал келбесе, кандай болушу керек экенин жазыңыз. "
        "Аты-жөнүңүз жана байланышыңыз керек эмес: билдирүүнү архивист окуйт.",
        "en": "If a page's text differs from the scan, write what it should say. No name or "
        "contact is needed: an archivist reads the report.",
    },
    "report_page": {"ru": "Страница", "ky": "Барак", "en": "Page"},
    "report_line": {
        "ru": "Строка (номер сверху, необязательно)",
        "ky": "Сап (үстүнөн баштап номери, милдеттүү эмес)",
        "en": "Line (counted from the top, optional)",
    },
    "report_suggested": {
        "ru": "Как должно быть",
        "ky": "Кандай болушу керек",
        "en": "What it should say",
    },
    "report_note": {
        "ru": "Примечание (необязательно, без контактов)",
        "ky": "Эскертүү (милдеттүү эмес, байланышсыз)",
        "en": "Note (optional, no contact details)",
    },
    "report_send": {"ru": "Отправить", "ky": "Жөнөтүү", "en": "Send"},
    "report_thanks": {
        "ru": "Спасибо! Сообщение №{id} передано архивистам.",
        "ky": "Рахмат! №{id} билдирүү архивисттерге жөнөтүлдү.",
        "en": "Thank you! Report {id} went to the archivists.",
    },
    "report_failed": {
        "ru": "Сообщение не отправлено",
        "ky": "Билдирүү жөнөтүлгөн жок",
        "en": "The report was not sent",
    },
    "for_archivists": {
        "ru": "Архивистам: исправить текст страницы",
        "ky": "Архивисттерге: барактын текстин оңдоо",
        "en": "Archivists: correct the text of page",
    },
    "back": {"ru": "← к документу", "ky": "← документке", "en": "← to the document"},
}


def lang_of(value: str | None) -> str:
    return value if value in LANGS else "ru"


def words(lang: str) -> dict[str, str]:
    return {k: v[lang] for k, v in TEXT.items()}


def report_words(value: str | None) -> dict[str, str]:
    """The report form's words in the page's language (its ``?lang``), and the language."""
    lang = lang_of(value)
    return {**words(lang), "_lang": lang}
