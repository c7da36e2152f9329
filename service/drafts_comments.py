"""Public comments on drafts: submit, confirm the address, moderate, answer, vote, list.

The life of a comment: written on an open discussion by anyone with an e-mail address;
``unconfirmed`` until the address is confirmed once by a signed link (later comments
carry the commenter token the confirmation hands out, and go straight to moderation);
``pending`` in the moderation queue of the draft's agency; ``approved`` (public) or
``rejected`` with a reason from a fixed list. On approval the text, the organisation's
name and an attachment's text are depersonified by the court policy of the anonymize
engine: only those public projections are ever shown, listed or exported. The agency
then answers each approved comment; the report cannot be published while one is left.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from anonymize import anonymize_text
from core.auth import ANONYMOUS, Caller
from core.errors import NotFoundError, TransientError
from core.models import Draft, DraftComment, DraftCommenter, DraftVersion, DraftVote, utcnow
from drafts import DraftError, DraftErrorCode, DraftStage, Structure, is_open_for_comments
from drafts.anchors import Anchor, AnchorStatus, carry_anchor, locate
from drafts.diff import VersionDiff, diff_versions
from drafts.report import Answer, CommenterKind, check_answer
from drafts.structure import unit_label
from indices.context import AppContext
from service.alerts import EMAIL, base_url
from service.drafts import _aware, _load, _parsed, _state, now_local
from service.drafts_text import read_text
from service.mail import Mailer, mailer_for, message
from service.schemas_comments import (
    AnchorOut,
    AnswerIn,
    CommentListOut,
    CommentOut,
    CommentStatus,
    CommentSubmittedOut,
    ConfirmOut,
    ModerationAction,
    ModerationIn,
    ModerationOut,
    RejectReason,
    VoteIn,
    VotesOut,
)
from service.schemas_drafts import VersionKind, no_nul
from service.signing import BadToken, keyed_hash, secret_of, sign, verify

MAX_TEXT = 10_000
ATTACHMENT_MAX_BYTES = 2 << 20  # a comment's attachment: a letter, a table, not a book
PER_ADDRESS_PER_HOUR = 10  # comments one address may send in an hour
PER_CLIENT_PER_HOUR = 30  # comments from one network address (client) in an hour
MAX_UNCONFIRMED = 5  # unconfirmed comments of one address; beyond, nothing more is mailed
CONFIRM_MAX_AGE = 3 * 86400
COMMENTER_MAX_AGE = 365 * 86400
KYRGYZ_LETTERS = frozenset("өүңӨҮҢ")
# Stages in which the report is out: answers are final.
ANSWERS_FINAL = frozenset(
    {
        DraftStage.REPORT_PUBLISHED,
        DraftStage.SUBMITTED,
        DraftStage.ADOPTED,
        DraftStage.REJECTED,
        DraftStage.WITHDRAWN,
    }
)


@dataclass(frozen=True, slots=True)
class CommentIn:
    text: str
    email: str = ""
    token: str = ""
    version: int | None = None
    unit_id: str | None = None
    quote: str = ""
    commenter_kind: CommenterKind = CommenterKind.INDIVIDUAL
    organization: str = ""


@dataclass(frozen=True, slots=True)
class Upload:
    data: bytes
    file_name: str


def depersonify(text: str) -> str:
    """The court policy of the anonymize engine: third parties' names and personal data
    out, officials in office and organisations kept."""
    if not text.strip():
        return text
    lang = "ky" if KYRGYZ_LETTERS & set(text) else "ru"
    return anonymize_text(text, lang=lang, policy="court").text


def _valid_email(email: str) -> str:
    email = email.strip()
    if len(email) > 254 or not EMAIL.match(email):
        raise DraftError(DraftErrorCode.INVALID_EMAIL, "Неверный адрес электронной почты.")
    return email


def _commenter_by_token(s: Session, secret: bytes, token: str) -> DraftCommenter:
    try:
        body = verify(secret, token, "commenter", COMMENTER_MAX_AGE)
    except BadToken as e:
        raise DraftError(
            DraftErrorCode.BAD_TOKEN,
            "Ключ комментатора недействителен или устарел: подтвердите адрес ещё раз.",
        ) from e
    who = s.get(DraftCommenter, int(body.get("c", 0)))
    if who is None or who.confirmed_at is None:
        raise DraftError(DraftErrorCode.BAD_TOKEN, "Адрес не подтверждён.")
    return who


def confirmed_token(ctx: AppContext, token: str) -> bool:
    """Whether ``token`` is a valid commenter token of a confirmed address (the page then
    asks no address)."""
    if not token:
        return False
    with ctx.db.session() as s:
        try:
            _commenter_by_token(s, secret_of(ctx.settings), token)
        except DraftError:
            return False
    return True


def _commenter_of(s: Session, email: str, key: str) -> DraftCommenter:
    """The address's row, made on its first comment; two first comments at once make one
    (the second insert loses on the unique key and reads the winner's row)."""
    found = s.scalar(select(DraftCommenter).where(DraftCommenter.email_key == key))
    if found is not None:
        return found
    try:
        with s.begin_nested():
            made = DraftCommenter(email=email, email_key=key)
            s.add(made)
        return made
    except IntegrityError:
        return s.scalars(select(DraftCommenter).where(DraftCommenter.email_key == key)).one()


def _main_versions(d: Draft) -> list[DraftVersion]:
    return [v for v in d.versions if v.kind == VersionKind.MAIN]


def _open(d: Draft, today: dt.date) -> None:
    if not is_open_for_comments(_state(d), today):
        raise DraftError(
            DraftErrorCode.NOT_IN_DISCUSSION,
            "Обсуждение проекта не идёт: замечания и голоса не принимаются.",
        )


def _mail_confirmation(
    ctx: AppContext, to: str, token: str, base: str, mailer: Mailer | None
) -> None:
    link = f"{base}/comments/confirm?token={token}"
    text = (
        "Здравствуйте!\n\n"
        "С этого адреса отправлено замечание к проекту нормативного правового акта на "
        "портале «Ачык». Чтобы оно ушло на модерацию и было опубликовано, подтвердите адрес:\n"
        f"{link}\n\n"
        "Адрес подтверждается один раз; он никогда не публикуется.\n"
        "Если вы ничего не отправляли, не отвечайте: без подтверждения замечание не появится.\n\n"
        "Дарегиңизди ырастоо үчүн жогорудагы шилтемени басыңыз. Дарек жарыяланбайт.\n"
    )
    try:
        (mailer or mailer_for(ctx.settings)).send(
            message(ctx.settings, to, "Ачык: подтвердите адрес", text)
        )
    except OSError as e:
        raise TransientError("Почта временно недоступна, повторите позже") from e


def submit(
    ctx: AppContext,
    draft_id: int,
    body: CommentIn,
    upload: Upload | None = None,
    *,
    client: str = "",
    base: str = "",
    today: dt.date | None = None,
    mailer: Mailer | None = None,
) -> CommentSubmittedOut:
    """Store a comment: to moderation with a valid commenter token, else unconfirmed with a
    confirmation link mailed (whether or not the address is known: the answer tells nothing
    about who commented before)."""
    today = today or now_local().date()
    secret = secret_of(ctx.settings)
    text = no_nul(body.text).strip()
    with ctx.db.session() as s:
        d = _load(s, draft_id, ANONYMOUS)
        _open(d, today)
        mains = _main_versions(d)
        number = body.version or (mains[-1].number if mains else 0)
        version = next((v for v in mains if v.number == number), None)
        if version is None:
            raise DraftError(
                DraftErrorCode.UNKNOWN_VERSION,
                f"У проекта нет основной версии {number}: замечания пишут к тексту разработчика.",
            )
        locate(Anchor(str(number), body.unit_id or None, body.quote or None), _parsed(version.text))
    file_text = None
    blob = None
    if upload is not None:
        if len(upload.data) > ATTACHMENT_MAX_BYTES:
            raise DraftError(
                DraftErrorCode.FILE_TOO_LARGE,
                f"Файл к замечанию — не больше {ATTACHMENT_MAX_BYTES >> 20} МБ.",
            )
        file_text = read_text(upload.data, upload.file_name, ctx.settings).text
        blob = ctx.blobs.put_bytes(upload.data)
    with ctx.db.session() as s:
        if body.token:
            who = _commenter_by_token(s, secret, body.token)
        else:
            email = _valid_email(body.email)
            key = keyed_hash(secret, email.casefold())
            who = _commenter_of(s, email, key)
        _limit(s, who.id, client[:100], confirmed=bool(body.token))
        c = DraftComment(
            draft_id=draft_id,
            commenter_id=who.id,
            version=number,
            unit_id=body.unit_id or None,
            quote=no_nul(body.quote).strip(),
            commenter_kind=body.commenter_kind,
            organization=no_nul(body.organization).strip()[:300]
            if body.commenter_kind != CommenterKind.INDIVIDUAL
            else "",
            text=text,
            status=CommentStatus.PENDING if body.token else CommentStatus.UNCONFIRMED,
            file_name=no_nul(upload.file_name)[:500] if upload else None,
            file_sha256=blob,
            file_size=len(upload.data) if upload else None,
            file_text=file_text,
            client=client[:100],
        )
        s.add(c)
        s.flush()
        if body.token:
            return CommentSubmittedOut(
                id=c.id,
                status=CommentStatus.PENDING,
                message="Замечание принято и будет опубликовано после модерации.",
            )
        token = sign(secret, "confirm", {"c": who.id})
        # inside the transaction: no mail, no comment (sending again will mail)
        _mail_confirmation(ctx, who.email, token, base_url(ctx.settings, base), mailer)
        return CommentSubmittedOut(
            id=c.id,
            status=CommentStatus.UNCONFIRMED,
            message="На адрес отправлено письмо со ссылкой: после подтверждения замечание "
            "уйдёт на модерацию.",
        )


def _limit(s: Session, commenter_id: int, client: str, *, confirmed: bool) -> None:
    """Counted in the database, so the limits hold across API processes and restarts and
    for the page's form as for the API."""
    hour_ago = utcnow() - dt.timedelta(hours=1)
    from_client = s.scalar(
        select(func.count())
        .select_from(DraftComment)
        .where(DraftComment.client == client, DraftComment.created_at >= hour_ago)
    )
    recent = s.scalar(
        select(func.count())
        .select_from(DraftComment)
        .where(DraftComment.commenter_id == commenter_id, DraftComment.created_at >= hour_ago)
    )
    waiting = s.scalar(
        select(func.count())
        .select_from(DraftComment)
        .where(
            DraftComment.commenter_id == commenter_id,
            DraftComment.status == CommentStatus.UNCONFIRMED,
        )
    )
    if (
        (recent or 0) >= PER_ADDRESS_PER_HOUR
        or (client and (from_client or 0) >= PER_CLIENT_PER_HOUR)
        or (not confirmed and (waiting or 0) >= MAX_UNCONFIRMED)
    ):
        raise DraftError(
            DraftErrorCode.RATE_LIMITED,
            "С этого адреса уже отправлено много замечаний: повторите через час "
            "(или подтвердите адрес по ссылке из письма).",
        )


def confirm(ctx: AppContext, token: str) -> ConfirmOut:
    """Confirm the address of a mailed link: its waiting comments go to moderation."""
    secret = secret_of(ctx.settings)
    try:
        body = verify(secret, token, "confirm", CONFIRM_MAX_AGE)
    except BadToken as e:
        raise NotFoundError("Ссылка подтверждения недействительна или устарела") from e
    with ctx.db.session() as s:
        who = s.get(DraftCommenter, int(body.get("c", 0)))
        if who is None:
            raise NotFoundError("Ссылка подтверждения недействительна или устарела")
        if who.confirmed_at is None:
            who.confirmed_at = utcnow()
        waiting = s.scalars(
            select(DraftComment).where(
                DraftComment.commenter_id == who.id,
                DraftComment.status == CommentStatus.UNCONFIRMED,
            )
        ).all()
        for c in waiting:
            c.status = CommentStatus.PENDING
        return ConfirmOut(
            commenter_token=sign(secret, "commenter", {"c": who.id}), released=len(waiting)
        )


def _comment(s: Session, d: Draft, comment_id: int) -> DraftComment:
    c = s.get(DraftComment, comment_id)
    if c is None or c.draft_id != d.id:
        raise NotFoundError("Нет такого замечания")
    return c


def moderate(
    ctx: AppContext, caller: Caller, draft_id: int, comment_id: int, body: ModerationIn
) -> CommentOut:
    """Approve (depersonified, public) or reject with a reason; a decision may be changed."""
    with ctx.db.session() as s:
        d = _load(s, draft_id, caller)
        caller.require_agency(d.agency)
        c = _comment(s, d, comment_id)
        if c.status == CommentStatus.UNCONFIRMED:
            raise DraftError(
                DraftErrorCode.NOT_CONFIRMED, "Адрес автора ещё не подтверждён: модерировать рано."
            )
        if body.action == ModerationAction.REJECT:
            if body.reason is None:
                raise DraftError(
                    DraftErrorCode.REASON_REQUIRED,
                    "Укажите причину отклонения: spam, insult, off_topic или personal_data.",
                )
            c.status = CommentStatus.REJECTED
            c.reject_reason = body.reason
            c.public_text = c.public_file_text = None
            c.public_organization = ""
        else:
            c.status = CommentStatus.APPROVED
            c.reject_reason = None
            c.public_text = depersonify(c.text)
            c.public_organization = depersonify(c.organization) if c.organization else ""
            c.public_file_text = depersonify(c.file_text) if c.file_text else None
        c.moderated_by = caller.actor
        c.moderated_at = utcnow()
        s.flush()
        return _out(c, _Anchors.of(d), moderation=True)


def answer(
    ctx: AppContext, caller: Caller, draft_id: int, comment_id: int, body: AnswerIn
) -> CommentOut:
    """The developer's answer to a published comment; changeable until the report is out."""
    with ctx.db.session() as s:
        d = _load(s, draft_id, caller)
        caller.require_agency(d.agency)
        c = _comment(s, d, comment_id)
        if c.status != CommentStatus.APPROVED:
            raise DraftError(DraftErrorCode.NOT_PUBLISHED, "Отвечают на опубликованные замечания.")
        if DraftStage(d.stage) in ANSWERS_FINAL:
            raise DraftError(
                DraftErrorCode.ANSWERS_CLOSED,
                "Справка о замечаниях опубликована: ответы не меняются.",
            )
        now = utcnow()
        check_answer(Answer(str(c.id), body.kind, body.reason, now))
        c.answer = body.kind
        c.answer_reason = body.reason.strip()
        c.answered_by = caller.actor
        c.answered_at = now
        s.flush()
        return _out(c, _Anchors.of(d), moderation=True)


def vote(ctx: AppContext, draft_id: int, body: VoteIn, today: dt.date | None = None) -> VotesOut:
    """Support or oppose, once per confirmed address and draft; a new vote replaces it."""
    today = today or now_local().date()
    secret = secret_of(ctx.settings)
    with ctx.db.session() as s:
        d = _load(s, draft_id, ANONYMOUS)
        _open(d, today)
        who = _commenter_by_token(s, secret, body.token)
        v = s.scalar(
            select(DraftVote).where(DraftVote.draft_id == d.id, DraftVote.commenter_id == who.id)
        )
        if v is None:
            v = DraftVote(draft_id=d.id, commenter_id=who.id)
            s.add(v)
        v.vote = body.vote
        v.commenter_kind = body.commenter_kind
        v.at = utcnow()
        s.flush()
        return votes_of(s, d.id)


def votes_of(s: Session, draft_id: int) -> VotesOut:
    rows = dict(
        s.execute(
            select(DraftVote.vote, func.count())
            .where(DraftVote.draft_id == draft_id)
            .group_by(DraftVote.vote)
        ).all()
    )
    return VotesOut(support=rows.get("support", 0), oppose=rows.get("oppose", 0))


@lru_cache(maxsize=64)
def _diff(old: str, new: str, a: str, b: str) -> VersionDiff:
    return diff_versions(_parsed(old), _parsed(new), old_version=a, new_version=b)


@dataclass(frozen=True, slots=True)
class _Anchors:
    """The main versions of a draft, to carry an anchor to the latest one."""

    texts: dict[int, str]
    order: tuple[int, ...]

    @classmethod
    def of(cls, d: Draft) -> _Anchors:
        mains = _main_versions(d)
        return cls({v.number: v.text for v in mains}, tuple(v.number for v in mains))

    @property
    def final(self) -> Structure | None:
        return _parsed(self.texts[self.order[-1]]) if self.order else None

    def chain(self, number: int) -> list[VersionDiff]:
        if number not in self.texts:
            return []
        k = self.order.index(number)
        pairs = zip(self.order[k:], self.order[k + 1 :], strict=False)
        return [_diff(self.texts[a], self.texts[b], str(a), str(b)) for a, b in pairs]

    def label(self, number: int, unit_id: str | None) -> str:
        if unit_id is None or number not in self.texts:
            return "проект в целом"
        st = _parsed(self.texts[number])
        return unit_label(st, unit_id) if unit_id in st.by_id else unit_id

    def current(self, number: int, unit_id: str | None, quote: str) -> AnchorOut:
        final = self.final
        if final is None or number not in self.texts:
            return AnchorOut(version=number, unit_id=unit_id, label="", status="gone")
        r = carry_anchor(Anchor(str(number), unit_id, quote or None), self.chain(number), final)
        last = self.order[-1]
        label = (
            unit_label(final, r.unit_id)
            if r.unit_id
            else "проект в целом"
            if r.status == AnchorStatus.WHOLE_DRAFT
            else "исключено"
        )
        return AnchorOut(version=last, unit_id=r.unit_id, label=label, status=str(r.status))


def comment_units(text: str) -> list[tuple[str, str]]:
    """The units a comment may point at (id, label), in the order of the text."""
    st = _parsed(text)
    kinds = {"article", "part", "point", "subpoint", "paragraph"}
    return [(u.id, unit_label(st, u.id)) for u in st.walk() if str(u.kind) in kinds]


def comment_url(draft_id: int, comment_id: int) -> str:
    return f"/api/v1/drafts/{draft_id}/comments/{comment_id}/attachment"


def _out(c: DraftComment, anchors: _Anchors, *, moderation: bool) -> CommentOut:
    public = c.status == CommentStatus.APPROVED
    return CommentOut(
        id=c.id,
        status=CommentStatus(c.status),
        anchor=AnchorOut(
            version=c.version,
            unit_id=c.unit_id,
            label=anchors.label(c.version, c.unit_id),
            status="whole_draft" if c.unit_id is None else "same",
        ),
        current=anchors.current(c.version, c.unit_id, c.quote),
        quote=c.quote,
        commenter_kind=CommenterKind(c.commenter_kind),
        organization=c.public_organization if public else "",
        text=(c.public_text or "") if public else "",
        submitted_at=_aware(c.created_at),
        attachment_url=comment_url(c.draft_id, c.id) if public and c.file_sha256 else None,
        answer=c.answer,  # type: ignore[arg-type]
        answer_reason=c.answer_reason if public else "",
        answered_at=_aware(c.answered_at) if c.answered_at and public else None,
        moderation=ModerationOut(
            text=c.text,
            organization=c.organization,
            reject_reason=RejectReason(c.reject_reason) if c.reject_reason else None,
            moderated_at=_aware(c.moderated_at) if c.moderated_at else None,
            file_name=c.file_name,
        )
        if moderation
        else None,
    )


def list_comments(
    ctx: AppContext,
    caller: Caller,
    draft_id: int,
    status: CommentStatus | None = None,
    unit_id: str | None = None,
) -> CommentListOut:
    """Approved comments for everyone; the draft's agency and admins also see the queue
    (any ``status``) with each comment as written."""
    with ctx.db.session() as s:
        d = _load(s, draft_id, caller)
        agency = caller.acts_for_agency(d.agency)
        q = select(DraftComment).where(DraftComment.draft_id == d.id)
        if not agency:
            q = q.where(DraftComment.status == CommentStatus.APPROVED)
        elif status is not None:
            q = q.where(DraftComment.status == status)
        rows: Sequence[DraftComment] = s.scalars(q.order_by(DraftComment.id)).all()
        anchors = _Anchors.of(d)
        out = [_out(c, anchors, moderation=agency) for c in rows]
        if unit_id:
            out = [c for c in out if c.current.unit_id == unit_id or c.anchor.unit_id == unit_id]
        return CommentListOut(total=len(out), votes=votes_of(s, d.id), comments=out)


def attachment_text(ctx: AppContext, caller: Caller, draft_id: int, comment_id: int) -> str:
    """The depersonified text of a published comment's attachment (the file itself is
    never served: it may hold what the engine removed)."""
    with ctx.db.session() as s:
        d = _load(s, draft_id, caller)
        c = _comment(s, d, comment_id)
        if c.status != CommentStatus.APPROVED or c.public_file_text is None:
            raise NotFoundError("Нет такого приложения")
        return c.public_file_text
