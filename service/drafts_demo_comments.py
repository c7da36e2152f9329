# ruff: noqa: E501  (the demo's comments are written one a line)
"""The demo's comments: on the whole draft and on articles, parts and points, in Russian
and Kyrgyz, from people and organisations; some approved and answered, some still in
moderation, one rejected as spam, one with a neighbour's name that the engine removes
before it is shown; votes. Everything goes through the service as a commenter and the
agency would do it (the addresses are confirmed with the link the mail would carry; no
mail is sent), and the times are moved to the days of the discussion they belong to.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from email.message import EmailMessage

from sqlalchemy import update

from core.auth import LOCAL_ADMIN
from core.models import DraftComment, DraftVote
from drafts.report import AnswerKind, CommenterKind, Vote
from indices.context import AppContext
from service import drafts_comments as svc
from service.schemas_comments import (
    AnswerIn,
    ModerationAction,
    ModerationIn,
    RejectReason,
    VoteIn,
)
from service.signing import secret_of, sign


class _NoMail:
    """The demo's commenters are invented: nothing is mailed to them."""

    def send(self, message: EmailMessage) -> None:
        return None


@dataclass(frozen=True, slots=True)
class DemoComment:
    day: int  # days after the discussion opened
    who: str  # the invented address, never shown
    text: str
    unit_id: str | None = None
    version: int = 1
    kind: CommenterKind = CommenterKind.INDIVIDUAL
    organization: str = ""
    moderation: str | None = "approve"  # approve, a RejectReason, or None (still pending)
    answer: tuple[AnswerKind, str] | None = None
    vote: Vote | None = None


ACCEPTED, PARTLY, NOT = AnswerKind.ACCEPTED, AnswerKind.PARTLY_ACCEPTED, AnswerKind.NOT_ACCEPTED
COMMENTS: dict[str, tuple[DemoComment, ...]] = {
    "Об открытых данных государственных органов": (
        DemoComment(
            1,
            "aida@example.kg",
            "Предлагаю указать формат публикации: CSV или JSON, а не только «машиночитаемый вид».",
            "art-2/1",
            answer=(PARTLY, "Форматы будут установлены положением о портале."),
            vote=Vote.SUPPORT,
        ),
        DemoComment(
            2,
            "info@opendata.example.kg",
            "Срок обновления раз в год слишком длинный для бюджетных данных; просим раз в квартал.",
            "art-3/2",
            kind=CommenterKind.ORGANIZATION,
            organization="Ассоциация «Открытые данные»",
            vote=Vote.SUPPORT,
        ),
        DemoComment(
            3,
            "nurlan@example.kg",
            "Мой сосед Асанов Бакыт Жумабекович, проживающий по адресу г. Бишкек, ул. Токтогула, д. 12, не смог найти данные о школах района. Проект нужен.",
            None,
            vote=Vote.SUPPORT,
        ),
        DemoComment(
            3,
            "spam@example.kg",
            "Лучшие кредиты без справок! Звоните!",
            None,
            moderation=RejectReason.SPAM,
        ),
        DemoComment(
            4,
            "erkin@example.kg",
            "Статья 1 должна распространяться и на органы местного самоуправления.",
            "art-1",
            moderation=None,
            vote=Vote.OPPOSE,
        ),
    ),
    "О внесении изменений в Уголовный кодекс Кыргызской Республики": (
        DemoComment(
            2,
            "lawyer@example.kg",
            "Штраф III категории за мошенничество без отягчающих обстоятельств несоразмерен; предлагаем II категорию.",
            "art-1/1",
            kind=CommenterKind.BUSINESS,
            organization="ОсОО «Юридическая консультация»",
            answer=(NOT, "Категория штрафа согласована с практикой Верховного суда."),
            vote=Vote.OPPOSE,
        ),
        DemoComment(
            5,
            "bank@example.kg",
            "Поддерживаем дополнение части 2 статьи 170 об электронных средствах платежа.",
            "art-1/2",
            kind=CommenterKind.ORGANIZATION,
            organization="Союз банков Кыргызстана",
            answer=(ACCEPTED, ""),
            vote=Vote.SUPPORT,
        ),
        DemoComment(
            8,
            "student@example.kg",
            "Нужен переходный период для дел, возбуждённых до вступления в силу.",
            "art-2",
            version=2,
            moderation=None,
        ),
    ),
    "Мамлекеттик тил жөнүндө мыйзамга өзгөртүүлөр": (
        DemoComment(
            3,
            "mugalim@example.kg",
            "Окуу китептерин эки тилде басып чыгаруу үчүн каражат каралышы керек.",
            "art-2",
            answer=(PARTLY, "Каржылоо бюджеттин долбоорунда каралат."),
            vote=Vote.SUPPORT,
        ),
        DemoComment(
            6,
            "ata-ene@example.kg",
            "Мугалимдердин квалификациясын жогорулатуу акысыз болушу керек.",
            "art-3",
            version=2,
            vote=Vote.SUPPORT,
        ),
        DemoComment(
            9,
            "ministry@example.kg",
            "Долбоор толугу менен колдоого алынат.",
            None,
            kind=CommenterKind.STATE_BODY,
            organization="Маданият министрлиги",
            answer=(ACCEPTED, ""),
        ),
    ),
    "О казначейском сопровождении": (
        DemoComment(
            2,
            "buh@example.kg",
            "Месячного срока мало для приведения решений в соответствие; просим два месяца.",
            "p-2",
            kind=CommenterKind.BUSINESS,
            organization="Ассоциация бухгалтеров",
            answer=(ACCEPTED, ""),
            vote=Vote.SUPPORT,
        ),
        DemoComment(
            10,
            "citizen@example.kg",
            "Положение о казначейском сопровождении следует опубликовать вместе с проектом.",
            "p-1",
            answer=(PARTLY, "Положение опубликовано приложением ко второй версии."),
            vote=Vote.SUPPORT,
        ),
        DemoComment(
            12,
            "critic@example.kg",
            "Казначейское сопровождение замедлит платежи подрядчикам.",
            None,
            answer=(
                NOT,
                "Сроки платежей не меняются: проверка идёт в день поступления документов.",
            ),
            vote=Vote.OPPOSE,
        ),
    ),
}


def _at(opens: dt.date, day: int) -> dt.datetime:
    return dt.datetime.combine(opens + dt.timedelta(days=day), dt.time(12), tzinfo=dt.UTC)


def seed_comments(ctx: AppContext, draft_id: int, title: str, opens: dt.date) -> None:
    """Comments and votes of one demo draft while its discussion is open."""
    secret = secret_of(ctx.settings)
    for c in COMMENTS.get(title, ()):
        out = svc.submit(
            ctx,
            draft_id,
            svc.CommentIn(
                text=c.text,
                email=c.who,
                version=c.version,
                unit_id=c.unit_id,
                commenter_kind=c.kind,
                organization=c.organization,
            ),
            client="demo",
            today=opens + dt.timedelta(days=c.day),
            mailer=_NoMail(),
        )
        with ctx.db.session() as s:
            commenter = s.get_one(DraftComment, out.id).commenter_id
            s.execute(
                update(DraftComment)
                .where(DraftComment.id == out.id)
                .values(created_at=_at(opens, c.day))
            )
        token = svc.confirm(ctx, sign(secret, "confirm", {"c": commenter})).commenter_token
        if c.moderation == "approve":
            svc.moderate(
                ctx, LOCAL_ADMIN, draft_id, out.id, ModerationIn(action=ModerationAction.APPROVE)
            )
        elif c.moderation is not None:
            body = ModerationIn(action=ModerationAction.REJECT, reason=RejectReason(c.moderation))
            svc.moderate(ctx, LOCAL_ADMIN, draft_id, out.id, body)
        if c.vote is not None:
            svc.vote(
                ctx,
                draft_id,
                VoteIn(vote=c.vote, token=token, commenter_kind=c.kind),
                opens + dt.timedelta(days=c.day),
            )
            with ctx.db.session() as s:
                s.execute(
                    update(DraftVote)
                    .where(DraftVote.draft_id == draft_id, DraftVote.commenter_id == commenter)
                    .values(at=_at(opens, c.day))
                )


def answer_comments(ctx: AppContext, draft_id: int, title: str) -> None:
    """The agency's answers (after the discussion closed, before the report)."""
    listed = svc.list_comments(ctx, LOCAL_ADMIN, draft_id).comments
    by_text = {c.moderation.text: c.id for c in listed if c.moderation}
    for c in COMMENTS.get(title, ()):
        if c.answer is not None and c.text in by_text:
            kind, reason = c.answer
            svc.answer(
                ctx, LOCAL_ADMIN, draft_id, by_text[c.text], AnswerIn(kind=kind, reason=reason)
            )
