"""Russian and Kyrgyz wording of the draft-law portal's pages (``?lang=ky``)."""

from __future__ import annotations

from typing import Any

from drafts.lifecycle import STAGE_LABELS_RU, DraftStage
from drafts.plan import ACT_KIND_LABELS_RU, ActKind

STAGES: dict[str, dict[str, str]] = {
    "ru": {str(k): v for k, v in STAGE_LABELS_RU.items()},
    "ky": {
        DraftStage.PLANNED: "пландалган",
        DraftStage.DISCUSSION: "коомдук талкуу",
        DraftStage.DISCUSSION_CLOSED: "талкуу аяктады",
        DraftStage.REPORT_PUBLISHED: "сунуштардын жыйынтыгы жарыяланды",
        DraftStage.SUBMITTED: "кароого киргизилди",
        DraftStage.ADOPTED: "кабыл алынды",
        DraftStage.REJECTED: "четке кагылды",
        DraftStage.WITHDRAWN: "кайтарылып алынды",
    },
}
ACT_KINDS: dict[str, dict[str, str]] = {
    "ru": {str(k): v for k, v in ACT_KIND_LABELS_RU.items()},
    "ky": {
        ActKind.CONSTITUTIONAL_LAW: "конституциялык мыйзам",
        ActKind.CODE: "кодекс",
        ActKind.LAW: "мыйзам",
        ActKind.PRESIDENTIAL_DECREE: "Президенттин жарлыгы",
        ActKind.GOVERNMENT_DECREE: "Министрлер Кабинетинин токтому",
        ActKind.AGENCY_ACT: "ведомстволук акт",
    },
}
OPERATIONS: dict[str, dict[str, str]] = {
    "ru": {
        "amend": "новая редакция",
        "insert": "дополнение",
        "repeal": "признание утратившей силу",
        "renumber": "новая нумерация",
    },
    "ky": {
        "amend": "жаңы редакция",
        "insert": "толуктоо",
        "repeal": "күчүн жоготту деп табуу",
        "renumber": "жаңы номерлөө",
    },
}
CHANGES: dict[str, dict[str, str]] = {
    "ru": {
        "unchanged": "без изменений",
        "changed": "изменена",
        "renumbered": "новый номер",
        "added": "новая",
        "removed": "исключена",
    },
    "ky": {
        "unchanged": "өзгөрүүсүз",
        "changed": "өзгөртүлдү",
        "renumbered": "жаңы номер",
        "added": "жаңы",
        "removed": "алынып салынды",
    },
}
ATTACHMENTS: dict[str, dict[str, str]] = {
    "ru": {
        "justification_note": "справка-обоснование",
        "regulatory_impact": "анализ регулятивного воздействия",
        "comparative_table": "сравнительная таблица",
    },
    "ky": {
        "justification_note": "негиздеме-маалымкат",
        "regulatory_impact": "жөнгө салуучу таасирди талдоо",
        "comparative_table": "салыштырма таблица",
    },
}
TEXT: dict[str, dict[str, str]] = {
    "drafts": {
        "ru": "Проекты нормативных правовых актов",
        "ky": "Ченемдик укуктук актылардын долбоорлору",
    },
    "plan": {"ru": "План нормотворческой деятельности", "ky": "Ченем жаратуу ишинин планы"},
    "to_plan": {"ru": "План нормотворчества", "ky": "Ченем жаратуу планы"},
    "to_drafts": {"ru": "Все проекты", "ky": "Бардык долбоорлор"},
    "stage": {"ru": "Стадия", "ky": "Стадия"},
    "any": {"ru": "любая", "ky": "баары"},
    "show": {"ru": "Показать", "ky": "Көрсөтүү"},
    "open_now": {"ru": "открыт для замечаний", "ky": "сын-пикир кабыл алынат"},
    "found": {"ru": "Проектов", "ky": "Долбоорлор"},
    "nothing": {"ru": "Нет проектов.", "ky": "Долбоорлор жок."},
    "agency": {"ru": "Разработчик", "ky": "Иштеп чыгуучу"},
    "area": {"ru": "Сфера регулирования", "ky": "Жөнгө салуу чөйрөсү"},
    "kind": {"ru": "Вид акта", "ky": "Актынын түрү"},
    "year": {"ru": "Год", "ky": "Жыл"},
    "quarter": {"ru": "Квартал", "ky": "Чейрек"},
    "responsible": {"ru": "Ответственный", "ky": "Жооптуу"},
    "title": {"ru": "Наименование", "ky": "Аталышы"},
    "draft": {"ru": "Проект", "ky": "Долбоор"},
    "not_yet": {"ru": "ещё не опубликован", "ky": "азырынча жарыялана элек"},
    "window": {"ru": "Общественное обсуждение", "ky": "Коомдук талкуу"},
    "from_to": {
        "ru": "с {opens} по {closes} включительно",
        "ky": "{opens} – {closes} кошо алганда",
    },
    "open": {"ru": "идёт: замечания принимаются", "ky": "жүрүп жатат: сын-пикирлер кабыл алынат"},
    "closed": {"ru": "замечания не принимаются", "ky": "сын-пикирлер кабыл алынбайт"},
    "history": {"ru": "Ход работы над проектом", "ky": "Долбоордун жүрүшү"},
    "extended": {"ru": "обсуждение продлено до {date}", "ky": "талкуу {date} чейин узартылды"},
    "reason": {"ru": "причина", "ky": "себеби"},
    "versions": {"ru": "Версии текста", "ky": "Тексттин версиялары"},
    "version": {"ru": "Версия", "ky": "Версия"},
    "main": {"ru": "разработчика", "ky": "иштеп чыгуучунун"},
    "alternative": {"ru": "альтернативная", "ky": "альтернативдүү"},
    "compare": {"ru": "Сравнить", "ky": "Салыштыруу"},
    "with_previous": {"ru": "сравнить с версией {n}", "ky": "{n}-версия менен салыштыруу"},
    "attachments": {"ru": "Сопроводительные документы", "ky": "Коштомо документтер"},
    "changes_norms": {"ru": "Что изменит проект", "ky": "Долбоор эмнени өзгөртөт"},
    "unit": {"ru": "Где в проекте", "ky": "Долбоордо кайда"},
    "operation": {"ru": "Изменение", "ky": "Өзгөртүү"},
    "norm": {"ru": "Норма", "ky": "Ченем"},
    "practice": {"ru": "судебная практика", "ky": "соттук практика"},
    "diff": {"ru": "Сравнение версий {a} и {b}", "ky": "{a} жана {b} версияларды салыштыруу"},
    "counts": {"ru": "Статей", "ky": "Беренелер"},
    "moved": {"ru": "перемещена", "ky": "жылдырылды"},
    "old": {"ru": "было", "ky": "болгон"},
    "new": {"ru": "стало", "ky": "болду"},
    "back": {"ru": "← к проекту", "ky": "← долбоорго"},
    "from": {"ru": "версия", "ky": "версия"},
    "to": {"ru": "с версией", "ky": "версия менен"},
    "whole": {"ru": "проект в целом", "ky": "долбоор толугу менен"},
    "summary": {"ru": "Кратко", "ky": "Кыскача"},
    "words": {"ru": "Слова в тексте проекта", "ky": "Долбоордун текстиндеги сөздөр"},
    "search": {"ru": "Найти", "ky": "Издөө"},
    "closing_within": {
        "ru": "Обсуждение закончится в течение, дней",
        "ky": "Талкуу бүтөт, күн ичинде",
    },
    "open_only": {"ru": "только открытые для замечаний", "ky": "сын-пикир кабыл алынгандар гана"},
    "refine": {"ru": "Уточнить", "ky": "Тактоо"},
    "feed": {"ru": "Лента Atom этой выборки", "ky": "Ушул тандоонун Atom тасмасы"},
    "plan_feed": {"ru": "Лента Atom плана", "ky": "Пландын Atom тасмасы"},
    "calendar": {
        "ru": "Календарь: обсуждения, которые скоро закончатся",
        "ky": "Календарь: жакында бүтө турган талкуулар",
    },
    "to_calendar": {"ru": "Календарь обсуждений", "ky": "Талкуулар календары"},
    "days_left": {"ru": "осталось дней: {n}", "ky": "калган күн: {n}"},
    "last_day": {"ru": "последний день", "ky": "акыркы күн"},
    "no_open": {"ru": "Сейчас нет открытых обсуждений.", "ky": "Азыр ачык талкуу жок."},
    "follow": {"ru": "Следить за проектом по почте", "ky": "Долбоорду почта аркылуу көзөмөлдөө"},
    "follow_help": {
        "ru": "Письмо придёт при новой версии, смене стадии, публикации отчёта. "
        "Адрес нигде не публикуется.",
        "ky": "Жаңы версия, стадиянын өзгөрүшү, отчёт жарыяланганда кат келет. Дарек жарыяланбайт.",
    },
    "email": {"ru": "Адрес электронной почты", "ky": "Электрондук почтанын дареги"},
    "subscribe": {"ru": "Подписаться", "ky": "Жазылуу"},
    "open_data": {"ru": "Открытые данные", "ky": "Ачык маалыматтар"},
}


def words(lang: str) -> dict[str, Any]:
    return {
        "t": {k: v[lang] for k, v in TEXT.items()},
        "STAGES": STAGES[lang],
        "ACT_KINDS": ACT_KINDS[lang],
        "OPERATIONS": OPERATIONS[lang],
        "CHANGES": CHANGES[lang],
        "ATTACHMENTS": ATTACHMENTS[lang],
        "lang": lang,
    }
