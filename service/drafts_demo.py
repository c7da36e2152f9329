# ruff: noqa: E501  (the demo's texts are written one paragraph a line, as drafts are)
"""The demo's draft-law portal: a plan of twelve items and a draft for each, at every stage
of the life cycle (planned, in discussion, closed, report published, submitted, adopted,
rejected, withdrawn), two versions each; one of them amends the Criminal Code article the
demo's court decisions apply (ст. 168 УК КР), so its page links to court practice that
exists; comments, votes and answers (``drafts_demo_comments``) on four of them, and summary
reports published where the life cycle has passed that stage.

Everything goes through the service, as an agency would do it (the times of the stage
changes are set in the past, so a discussion can be shown open, closed or over); nothing
is written when the demo already has drafts. The texts are invented for the demo.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import func, select

from core.auth import LOCAL_ADMIN
from core.models import Draft, PlanItemRecord
from drafts import ActKind, DraftStage
from indices.context import AppContext
from service import drafts as svc
from service.drafts_demo_comments import answer_comments, seed_comments
from service.drafts_plan import import_plan
from service.schemas_drafts import AttachmentKind, DraftIn, ExtendIn, StageIn, VersionKind

JUSTICE = "Министерство юстиции"
DIGITAL = "Министерство цифрового развития"
FINANCE = "Министерство финансов"
EDUCATION = "Министерство образования и науки"
ECONOMY = "Министерство экономики и коммерции"
CULTURE = "Министерство культуры, информации, спорта и молодёжной политики"
AGRICULTURE = "Министерство водных ресурсов, сельского хозяйства и перерабатывающей промышленности"
ECOLOGY = "Министерство природных ресурсов, экологии и технического надзора"
YEAR = 2026

PLAN = f"""agency,year,title,act_kind,area,quarter,responsible
{DIGITAL},{YEAR},Об открытых данных государственных органов,law,цифровое развитие,1,Управление цифровой политики
{JUSTICE},{YEAR},О внесении изменений в Уголовный кодекс Кыргызской Республики,law,уголовное право,1,Управление законопроектной работы
{EDUCATION},{YEAR},Мамлекеттик тил жөнүндө мыйзамга өзгөртүүлөр,law,образование,2,
{FINANCE},{YEAR},О казначейском сопровождении,government_decree,бюджет,1,Казначейство
{FINANCE},{YEAR},О государственных закупках у малого бизнеса,law,бюджет,3,
{JUSTICE},{YEAR},О медиации,law,правосудие,4,
{ECONOMY},{YEAR},О туризме,law,туризм,1,Управление туризма
{ECONOMY},{YEAR},О разрешительной системе в предпринимательстве,law,предпринимательство,1,
{ECONOMY},{YEAR},Об игорной деятельности,law,предпринимательство,2,
"{CULTURE}",{YEAR},Жаштар саясаты жөнүндө,law,молодёжная политика,2,
"{AGRICULTURE}",{YEAR},О ветеринарных правилах убоя скота,government_decree,сельское хозяйство,2,
"{ECOLOGY}",{YEAR},Об охране атмосферного воздуха,law,экология,4,
"""

OPEN_DATA_V1 = """ПРОЕКТ

ЗАКОН КЫРГЫЗСКОЙ РЕСПУБЛИКИ
Об открытых данных государственных органов

Глава 1. Общие положения

Статья 1. Предмет регулирования
Настоящий Закон регулирует отношения, возникающие при публикации государственными органами сведений в форме открытых данных.

Статья 2. Основные понятия
Для целей настоящего Закона используются следующие понятия:
1) открытые данные — сведения, размещённые в сети Интернет в машиночитаемом виде для свободного использования;
2) набор открытых данных — совокупность открытых данных, объединённых общим предметом.

Статья 3. Порядок публикации
1. Государственные органы публикуют наборы открытых данных на едином портале.
2. Набор обновляется не реже одного раза в год.

Глава 2. Заключительные положения

Статья 4. Вступление в силу
Настоящий Закон вступает в силу по истечении трёх месяцев со дня официального опубликования.
"""

OPEN_DATA_V2 = """ПРОЕКТ

ЗАКОН КЫРГЫЗСКОЙ РЕСПУБЛИКИ
Об открытых данных государственных органов

Глава 1. Общие положения

Статья 1. Предмет регулирования
Настоящий Закон регулирует отношения, возникающие при публикации государственными органами и органами местного самоуправления сведений в форме открытых данных.

Статья 2. Основные понятия
Для целей настоящего Закона используются следующие понятия:
1) открытые данные — сведения, размещённые в сети Интернет в машиночитаемом виде для свободного использования;
2) набор открытых данных — совокупность открытых данных, объединённых общим предметом.

Статья 3. Перечень наборов
Перечень обязательных наборов открытых данных утверждается Кабинетом Министров.

Статья 4. Порядок публикации
1. Государственные органы публикуют наборы открытых данных на едином портале.
2. Набор обновляется не реже одного раза в квартал.

Глава 2. Заключительные положения

Статья 5. Вступление в силу
Настоящий Закон вступает в силу по истечении трёх месяцев со дня официального опубликования.
"""

UK_HEAD = """Проект

ЗАКОН КЫРГЫЗСКОЙ РЕСПУБЛИКИ
О внесении изменений в Уголовный кодекс Кыргызской Республики

Статья 1.
Внести в Уголовный кодекс Кыргызской Республики от 28 октября 2021 года № 127 следующие изменения:
1) статью 168 изложить в следующей редакции:
«Статья 168. Мошенничество
1. Мошенничество, то есть хищение чужого имущества путём обмана или злоупотребления доверием, —
наказывается штрафом III категории или лишением свободы I категории.
2. То же деяние, совершённое:
1) группой лиц по предварительному сговору;
2) с использованием служебного положения, —
наказывается лишением свободы II категории.»;
2) часть 2 статьи 170 дополнить словами «, в том числе с использованием электронных средств платежа»{tail}

Статья 2.
Настоящий Закон вступает в силу по истечении десяти дней со дня официального опубликования.
"""
UK_V1 = UK_HEAD.format(tail=".")
UK_V2 = UK_HEAD.format(tail=";\n3) статью 171 признать утратившей силу.")

KY_V1 = """ДОЛБООР

КЫРГЫЗ РЕСПУБЛИКАСЫНЫН МЫЙЗАМЫ
Мамлекеттик тил жөнүндө мыйзамга өзгөртүүлөр киргизүү тууралуу

1-берене. Ушул Мыйзамдын максаты
Ушул Мыйзам мамлекеттик тилди окутуунун тартибин тактайт.

2-берене. Окуу китептери
Окуу китептери мамлекеттик тилде басылып чыгат.

3-берене. Ушул Мыйзамдын күчүнө кириши
Ушул Мыйзам расмий жарыяланган күндөн тартып күчүнө кирет.
"""
KY_V2 = KY_V1.replace(
    "2-берене. Окуу китептери\nОкуу китептери мамлекеттик тилде басылып чыгат.",
    "2-берене. Окуу китептери\nОкуу китептери мамлекеттик тилде жана расмий тилде басылып "
    "чыгат.\n\n3-берене. Мугалимдер\nМугалимдер жыл сайын квалификациясын жогорулатат.",
).replace("3-берене. Ушул Мыйзамдын", "4-берене. Ушул Мыйзамдын")

DECREE_V1 = """ПРОЕКТ

ПОСТАНОВЛЕНИЕ КАБИНЕТА МИНИСТРОВ КЫРГЫЗСКОЙ РЕСПУБЛИКИ
О казначейском сопровождении

1. Утвердить Положение о казначейском сопровождении средств республиканского бюджета.
2. Министерству финансов в месячный срок привести свои решения в соответствие с настоящим постановлением.
3. Настоящее постановление вступает в силу со дня официального опубликования.
"""
DECREE_V2 = DECREE_V1.replace("в месячный срок", "в двухмесячный срок")

PROCUREMENT_V1 = """ПРОЕКТ

ЗАКОН КЫРГЫЗСКОЙ РЕСПУБЛИКИ
О государственных закупках у малого бизнеса

Статья 1. Доля закупок
Государственные органы размещают у субъектов малого бизнеса не менее десяти процентов закупок.

Статья 2. Вступление в силу
Настоящий Закон вступает в силу с 1 января следующего года.
"""
PROCUREMENT_V2 = PROCUREMENT_V1.replace("десяти процентов", "пятнадцати процентов")
MEDIATION_V1 = """ПРОЕКТ

ЗАКОН КЫРГЫЗСКОЙ РЕСПУБЛИКИ
О медиации

Статья 1. Медиация
Медиация — способ урегулирования спора при содействии медиатора.
"""
MEDIATION_V2 = MEDIATION_V1 + "\nСтатья 2. Медиатор\nМедиатор независим от сторон спора.\n"


TOURISM_V1 = """ПРОЕКТ

ЗАКОН КЫРГЫЗСКОЙ РЕСПУБЛИКИ
О туризме

Глава 1. Общие положения

Статья 1. Предмет регулирования
Настоящий Закон определяет основы государственной политики в сфере туризма.

Статья 2. Туристский реестр
Туроператоры вносятся в единый реестр туроператоров.

Глава 2. Заключительные положения

Статья 3. Вступление в силу
Настоящий Закон вступает в силу через шесть месяцев со дня официального опубликования.
"""
TOURISM_V2 = TOURISM_V1.replace(
    "Статья 2. Туристский реестр\nТуроператоры вносятся в единый реестр туроператоров.",
    "Статья 2. Туристский реестр\nТуроператоры и гиды вносятся в единый реестр; сведения "
    "реестра открыты.\n\nСтатья 3. Гостевые дома\nГостевые дома в сельской местности "
    "регистрируются в уведомительном порядке.",
).replace("Статья 3. Вступление", "Статья 4. Вступление")

PERMITS_V1 = """ПРОЕКТ

ЗАКОН КЫРГЫЗСКОЙ РЕСПУБЛИКИ
О разрешительной системе в предпринимательстве

Статья 1. Перечень разрешений
Разрешения выдаются только в случаях, предусмотренных перечнем, утверждённым настоящим Законом.

Статья 2. Срок выдачи
Разрешение выдаётся в срок не более тридцати рабочих дней.

Статья 3. Вступление в силу
Настоящий Закон вступает в силу со дня официального опубликования.
"""
PERMITS_V2 = PERMITS_V1.replace("тридцати рабочих дней", "пятнадцати рабочих дней").replace(
    "Статья 3. Вступление в силу",
    "Статья 3. Молчание — согласие\nЕсли ответ не дан в срок, разрешение считается выданным."
    "\n\nСтатья 4. Вступление в силу",
)

GAMBLING_V1 = """ПРОЕКТ

ЗАКОН КЫРГЫЗСКОЙ РЕСПУБЛИКИ
Об игорной деятельности

Статья 1. Игорные зоны
Игорная деятельность допускается только в игорных зонах.

Статья 2. Лицензия
Организатор азартных игр обязан иметь лицензию.
"""
GAMBLING_V2 = (
    GAMBLING_V1 + "\nСтатья 3. Ставки через Интернет\nПриём ставок через Интернет запрещается.\n"
)

YOUTH_V1 = """ДОЛБООР

КЫРГЫЗ РЕСПУБЛИКАСЫНЫН МЫЙЗАМЫ
Жаштар саясаты жөнүндө

1-берене. Негизги түшүнүктөр
Жаштар — он төрт жаштан отуз беш жашка чейинки жарандар.

2-берене. Жаштар кеңеши
Жергиликтүү жаштар кеңеши шайланат.

3-берене. Ушул Мыйзамдын күчүнө кириши
Ушул Мыйзам расмий жарыяланган күндөн тартып күчүнө кирет.
"""
YOUTH_V2 = YOUTH_V1.replace("отуз беш жашка", "отуз жашка")

SLAUGHTER_V1 = """ПРОЕКТ

ПОСТАНОВЛЕНИЕ КАБИНЕТА МИНИСТРОВ КЫРГЫЗСКОЙ РЕСПУБЛИКИ
О ветеринарных правилах убоя скота

1. Утвердить Ветеринарные правила убоя скота на убойных пунктах.
2. Признать утратившим силу постановление о временных правилах убоя скота.
3. Настоящее постановление вступает в силу через три месяца со дня официального опубликования.
"""
SLAUGHTER_V2 = SLAUGHTER_V1.replace("через три месяца", "через шесть месяцев")

AIR_V1 = """ПРОЕКТ

ЗАКОН КЫРГЫЗСКОЙ РЕСПУБЛИКИ
Об охране атмосферного воздуха

Статья 1. Нормативы выбросов
Нормативы выбросов загрязняющих веществ устанавливаются для каждого источника.

Статья 2. Мониторинг
Данные мониторинга качества воздуха публикуются ежедневно.
"""
AIR_V2 = AIR_V1.replace("публикуются ежедневно", "публикуются ежечасно")


@dataclass(frozen=True, slots=True)
class DemoDraft:
    title: str
    agency: str
    act_kind: str
    area: str
    texts: tuple[str, str]
    # days before today the discussion opened, and its length (None: still planned)
    opened_days_ago: int | None
    length: int = 30
    stages: tuple[str, ...] = ()  # moves after the discussion closed (it closes the day after)
    reason: str = ""
    alternative: str = ""  # the party of an alternative third version


DRAFTS = (
    DemoDraft(
        "Об открытых данных государственных органов",
        DIGITAL,
        "law",
        "цифровое развитие",
        (OPEN_DATA_V1, OPEN_DATA_V2),
        opened_days_ago=5,
        length=40,
        alternative="Ассоциация «Открытые данные»",
    ),
    DemoDraft(
        "О внесении изменений в Уголовный кодекс Кыргызской Республики",
        JUSTICE,
        "law",
        "уголовное право",
        (UK_V1, UK_V2),
        opened_days_ago=25,
    ),
    DemoDraft(
        "Мамлекеттик тил жөнүндө мыйзамга өзгөртүүлөр",
        EDUCATION,
        "law",
        "образование",
        (KY_V1, KY_V2),
        opened_days_ago=50,
    ),
    DemoDraft(
        "О казначейском сопровождении",
        FINANCE,
        "government_decree",
        "бюджет",
        (DECREE_V1, DECREE_V2),
        opened_days_ago=120,
        stages=("report_published", "submitted", "adopted"),
    ),
    DemoDraft(
        "О государственных закупках у малого бизнеса",
        FINANCE,
        "law",
        "бюджет",
        (PROCUREMENT_V1, PROCUREMENT_V2),
        opened_days_ago=90,
        stages=("withdrawn",),
        reason="Вопрос урегулирован законом о государственных закупках",
    ),
    DemoDraft("О медиации", JUSTICE, "law", "правосудие", (MEDIATION_V1, MEDIATION_V2), None),
    DemoDraft(
        "О туризме",
        ECONOMY,
        "law",
        "туризм",
        (TOURISM_V1, TOURISM_V2),
        opened_days_ago=70,
        stages=("report_published",),
    ),
    DemoDraft(
        "О разрешительной системе в предпринимательстве",
        ECONOMY,
        "law",
        "предпринимательство",
        (PERMITS_V1, PERMITS_V2),
        opened_days_ago=80,
        stages=("report_published", "submitted"),
    ),
    DemoDraft(
        "Об игорной деятельности",
        ECONOMY,
        "law",
        "предпринимательство",
        (GAMBLING_V1, GAMBLING_V2),
        opened_days_ago=110,
        stages=("report_published", "submitted", "rejected"),
        reason="Жогорку Кенеш отклонил проект в первом чтении",
    ),
    DemoDraft(
        "Жаштар саясаты жөнүндө",
        CULTURE,
        "law",
        "молодёжная политика",
        (YOUTH_V1, YOUTH_V2),
        opened_days_ago=12,
        length=45,
    ),
    DemoDraft(
        "О ветеринарных правилах убоя скота",
        AGRICULTURE,
        "government_decree",
        "сельское хозяйство",
        (SLAUGHTER_V1, SLAUGHTER_V2),
        opened_days_ago=40,
    ),
    DemoDraft("Об охране атмосферного воздуха", ECOLOGY, "law", "экология", (AIR_V1, AIR_V2), None),
)


def seed_drafts(ctx: AppContext, today: dt.date | None = None) -> int:
    """Store the demo plan and drafts once; the number of drafts made (0: already there)."""
    with ctx.db.session() as s:
        if s.scalar(select(func.count()).select_from(Draft)):
            return 0
    today = today or svc.now_local().date()
    imported = import_plan(ctx, LOCAL_ADMIN, PLAN.encode(), dry_run=False)
    assert not imported.errors, imported.errors
    with ctx.db.session() as s:
        items = {r.title: r.id for r in s.scalars(select(PlanItemRecord))}
    for demo in DRAFTS:
        _one(ctx, demo, today, items)
    return len(DRAFTS)


def _at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime.combine(day, dt.time(hour), tzinfo=svc.BISHKEK)


def _one(ctx: AppContext, demo: DemoDraft, today: dt.date, items: dict[str, int]) -> None:
    me = LOCAL_ADMIN
    plan_item = items.get(demo.title)
    d = svc.create_draft(
        ctx,
        me,
        DraftIn(
            title=demo.title,
            act_kind=ActKind(demo.act_kind),
            agency=demo.agency,
            area=demo.area,
            plan_item_id=plan_item,
        ),
    ).id
    for n, text in enumerate(demo.texts, 1):
        svc.add_version(ctx, me, d, text.encode(), f"proekt-v{n}.txt")
    if demo.alternative:
        alt = demo.texts[1].replace("не реже одного раза в квартал", "не реже одного раза в месяц")
        svc.add_version(
            ctx,
            me,
            d,
            alt.encode(),
            "alternativa.txt",
            kind=VersionKind.ALTERNATIVE,
            party=demo.alternative,
        )
    note = f"Справка-обоснование к проекту «{demo.title}»: цели, ожидаемые результаты."
    svc.add_attachment(ctx, me, d, AttachmentKind.JUSTIFICATION_NOTE, note.encode(), "spravka.txt")
    if demo.opened_days_ago is None:
        return
    opens = today - dt.timedelta(days=demo.opened_days_ago)
    closes = opens + dt.timedelta(days=demo.length - 1)
    svc.change_stage(ctx, me, d, StageIn(stage=DraftStage.DISCUSSION, closes=closes), _at(opens))
    if demo.alternative:  # an extension, so the history shows one
        later = ExtendIn(closes=closes + dt.timedelta(days=10), reason="просьба бизнес-ассоциаций")
        svc.extend(ctx, me, d, later, _at(opens + dt.timedelta(days=2)))
        closes = later.closes
    seed_comments(ctx, d, demo.title, opens)
    answer_comments(ctx, d, demo.title)
    day = closes + dt.timedelta(days=1)
    if day > today:
        return
    svc.change_stage(ctx, me, d, StageIn(stage=DraftStage.DISCUSSION_CLOSED), _at(day))
    for n, stage in enumerate(demo.stages, 1):
        step = _at(min(today, day + dt.timedelta(days=5 * n)), 11)
        body = StageIn(stage=DraftStage(stage), reason=demo.reason)
        svc.change_stage(ctx, me, d, body, step)
