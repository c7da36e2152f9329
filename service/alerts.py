"""Saved searches and alerts: the Atom feed of a search, subscriptions, the digests.

A search's "new" matches are its published matches ordered by when they were first
published (`Document.published_at`). Everything is read as an anonymous reader: only
published text of public collections goes into a feed or a mail.
"""

from __future__ import annotations

import datetime as dt
import html
import re
import secrets
import xml.etree.ElementTree as ET
from dataclasses import dataclass, replace
from email.message import EmailMessage
from typing import Any
from urllib.parse import urlencode

from sqlalchemy import select

from core.errors import NotFoundError, QuerySyntaxError, TransientError
from core.models import Document, Subscription, utcnow
from core.settings import Settings
from core.types import DocState, SubscriptionKind
from indices.context import AppContext
from indices.query import QueryLimits, parse
from indices.types import KEYWORD_FIELDS, Filters
from service.drafts_follow import draft_id_of, draft_news, draft_query, followable, news_text
from service.mail import Mailer, mailer_for, message
from service.schemas import SearchHit
from service.search import MAX_SIZE, SearchParams, search
from service.search_filters import OPTION_NAMES, options_from_mapping

ATOM = "http://www.w3.org/2005/Atom"
# Characters XML 1.0 does not allow (an OCR page may hold a form feed)
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
FEED_SIZE = 30
DIGEST_MAX = 50  # documents listed in one mail; the rest are counted, with a link
CHUNK = 200  # documents, newest first, asked of the search engine at a time
SMALL_SEARCH = 500  # a feed's search with at most this many matches is read whole
FEED_SCAN_CHUNKS = 25  # else the feed looks among the 5,000 newest documents at most
MAX_PENDING = 5  # unconfirmed subscriptions of one address; beyond, nothing more is mailed
DESCRIBE_MAX = 120
# A saved search keeps the search page's parameters (the low-confidence filter is the
# archivists' tool, not a reader's search).
QUERY_KEYS = ("q", *(n for n in OPTION_NAMES if n != "low_confidence"))
FOLLOWED = {
    SubscriptionKind.FOND: "collection",
    SubscriptionKind.NORM: "norm",
    SubscriptionKind.COURT: "court",
}
EMAIL = re.compile(r"^[^@\s<>(),;:\"\[\]]{1,64}@[^@\s<>(),;:\"\[\]]+\.[^@\s<>(),;:\"\[\]]{2,}$")
KIND_TEXT = {
    SubscriptionKind.SEARCH: "поиск",
    SubscriptionKind.FOND: "фонд",
    SubscriptionKind.NORM: "норма",
    SubscriptionKind.COURT: "суд",
    SubscriptionKind.DRAFT: "проект",
}


@dataclass(frozen=True, slots=True)
class NewMatch:
    id: int
    title: str
    published_at: dt.datetime
    snippet: str  # plain text, from the public text


def clean_query(raw: dict[str, Any]) -> dict[str, list[str]]:
    """Only the search page's parameters, as non-empty lists of bounded strings."""
    out: dict[str, list[str]] = {}
    for key in QUERY_KEYS:
        value = raw.get(key)
        values = value if isinstance(value, list) else [value] if value is not None else []
        kept = [str(v).strip()[:1000] for v in values if str(v).strip()][:20]
        if kept:
            out[key] = kept
    return out


def search_of(ctx: AppContext, query: dict[str, list[str]]) -> tuple[str, Filters]:
    """A saved query as the search it stands for (QuerySyntaxError when it is not one)."""
    q = (query.get("q") or [""])[0]
    if len(q) > ctx.settings.query_max_length:
        raise QuerySyntaxError("Запрос слишком длинный")
    filters = options_from_mapping(query).to_filters(ctx.settings.norm_expansion_max)
    parse(q, QueryLimits.from_settings(ctx.settings))  # a bad query is refused even unrun
    return q, filters


def plain(snippet: str) -> str:
    """A snippet (escaped HTML with <mark>) as plain text."""
    return html.unescape(re.sub(r"<[^>]+>", "", snippet))


def new_matches(
    ctx: AppContext,
    q: str,
    filters: Filters,
    *,
    since: dt.datetime | None = None,
    limit: int = FEED_SIZE,
) -> tuple[list[NewMatch], bool]:
    """Published matches, newest first, published after `since`; and whether there are
    more than those returned.

    The engines rank by relevance, so "newest" is found from the records: a search with
    few matches is read whole and ordered by date; otherwise the newest documents are
    searched a chunk at a time. Without `since` (the feed) that walk stops after
    FEED_SCAN_CHUNKS chunks, so one request costs a bounded number of searches.
    """
    if since is None:
        hits = _all_hits(ctx, q, filters, most=SMALL_SEARCH)
        if hits is not None:
            when = _published_at(ctx, [h.id for h in hits])
            found = _ordered(hits, when)
            return found[:limit], len(found) > limit
    found = []
    offset = 0
    chunks = 0
    while len(found) <= limit and (since is not None or chunks < FEED_SCAN_CHUNKS):
        with ctx.db.session() as s:
            stmt = select(Document.id, Document.published_at).where(
                Document.state == DocState.PUBLISHED, Document.published_at.is_not(None)
            )
            if since is not None:
                stmt = stmt.where(Document.published_at > since)
            rows = s.execute(
                stmt.order_by(Document.published_at.desc(), Document.id.desc())
                .offset(offset)
                .limit(CHUNK)
            ).all()
        if not rows:
            break
        offset += len(rows)
        chunks += 1
        when = {i: _aware(at) for i, at in rows if at is not None}
        found += _ordered(_all_hits(ctx, q, replace(filters, ids=tuple(when))) or [], when)
    return found[:limit], len(found) > limit


def _all_hits(
    ctx: AppContext, q: str, filters: Filters, most: int | None = None
) -> list[SearchHit] | None:
    """Every hit of a search, page by page; None when it has more than `most`."""
    hits: list[SearchHit] = []
    page = 1
    while True:
        res = search(
            ctx, SearchParams(q=q, filters=filters, page=page, size=MAX_SIZE, facets=False)
        )
        if most is not None and res.total > most:
            return None
        hits += res.hits
        if not res.hits or page * MAX_SIZE >= res.total:
            return hits
        page += 1


def _published_at(ctx: AppContext, ids: list[int]) -> dict[int, dt.datetime]:
    with ctx.db.session() as s:
        rows = s.execute(
            select(Document.id, Document.published_at).where(
                Document.id.in_(ids), Document.published_at.is_not(None)
            )
        ).all()
    return {i: _aware(at) for i, at in rows if at is not None}


def _ordered(hits: list[SearchHit], when: dict[int, dt.datetime]) -> list[NewMatch]:
    """Hits as entries, newest first (a hit without a publication time is left out)."""
    out = [
        NewMatch(
            h.id,
            h.title or "Без названия",
            when[h.id],
            plain(h.snippets[0]) if h.snippets else "",
        )
        for h in hits
        if h.id in when
    ]
    out.sort(key=lambda m: (m.published_at, m.id), reverse=True)
    return out


def _aware(at: dt.datetime) -> dt.datetime:
    """SQLite gives naive datetimes back; they were stored in UTC."""
    return at if at.tzinfo else at.replace(tzinfo=dt.UTC)


def base_url(settings: Settings, fallback: str = "") -> str:
    """Absolute links: the public URL, else the request's host, else the server's address."""
    return (settings.public_url or fallback or f"http://{settings.host}:{settings.port}").rstrip(
        "/"
    )


def search_link(base: str, query: dict[str, list[str]]) -> str:
    pairs = [(k, v) for k in QUERY_KEYS for v in query.get(k, [])]
    return f"{base}/?{urlencode(pairs)}" if pairs else f"{base}/"


def describe(query: dict[str, list[str]]) -> str:
    """The search in a few words, for a feed title and a mail subject."""
    if "draft" in query:
        return f"проект № {query['draft'][0]}"
    parts = [f"«{query['q'][0]}»"] if query.get("q") else []
    names = {"collection": "фонд", "court": "суд", "norm": "норма", "archive": "в пределах"}
    for key in KEYWORD_FIELDS:
        for v in query.get(key, []):
            parts.append(f"{names.get(key, key)}: {v}")
    for key, word in (("year_from", "с"), ("year_to", "по")):
        if query.get(key):
            parts.append(f"{word} {query[key][0]} г.")
    for key, word in (("date_from", "с"), ("date_to", "по")):
        if query.get(key):
            parts.append(f"{word} {query[key][0]}")
    text = ", ".join(parts) or "все документы"
    # It is mailed to an address before the address is confirmed: no room for a message.
    return text if len(text) <= DESCRIBE_MAX else text[: DESCRIBE_MAX - 1] + "…"


def atom_feed(
    base: str, query: dict[str, list[str]], self_url: str, found: list[NewMatch]
) -> bytes:
    """An Atom 1.0 document (RFC 4287): the newest matches with their public snippets."""
    ET.register_namespace("", ATOM)

    def sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str) -> ET.Element:
        el = ET.SubElement(parent, f"{{{ATOM}}}{tag}", attrs)
        if text is not None:
            el.text = NOT_XML.sub("", text)
        return el

    feed = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": "ru"})
    sub(feed, "id", self_url)
    sub(feed, "title", f"Ачык — новые документы: {describe(query)}")
    newest = found[0].published_at if found else dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    sub(feed, "updated", newest.isoformat())
    sub(sub(feed, "author"), "name", "Ачык")
    sub(feed, "link", rel="self", type="application/atom+xml", href=self_url)
    sub(feed, "link", rel="alternate", type="text/html", href=search_link(base, query))
    for m in found:
        entry = sub(feed, "entry")
        link = f"{base}/documents/{m.id}"
        sub(entry, "id", link)
        sub(entry, "title", m.title)
        sub(entry, "link", rel="alternate", type="text/html", href=link)
        sub(entry, "updated", m.published_at.isoformat())
        sub(entry, "published", m.published_at.isoformat())
        if m.snippet:
            sub(entry, "summary", m.snippet, type="text")
    return bytes(ET.tostring(feed, encoding="utf-8", xml_declaration=True))


# Subscriptions


def subscription_query(
    kind: SubscriptionKind, query: dict[str, Any], value: str | None
) -> dict[str, list[str]]:
    """The saved query: a follow is the search with one filter (its `value`); a draft's
    follow is the draft's id."""
    if kind is SubscriptionKind.DRAFT:
        return draft_query(value)
    cleaned = clean_query(query)
    if kind is SubscriptionKind.SEARCH:
        return cleaned
    field = FOLLOWED[kind]
    values = [value.strip()] if value and value.strip() else cleaned.get(field, [])
    if not values:
        raise QuerySyntaxError(f"Для подписки на {KIND_TEXT[kind]} укажите значение (value)")
    return {**({"edition": cleaned["edition"]} if "edition" in cleaned else {}), field: values}


def valid_email(email: str) -> str:
    email = email.strip()
    if len(email) > 254 or not EMAIL.match(email):
        raise QuerySyntaxError("Неверный адрес электронной почты")
    return email


def subscribe(
    ctx: AppContext,
    email: str,
    kind: SubscriptionKind,
    query: dict[str, Any],
    value: str | None = None,
    *,
    base: str = "",
    mailer: Mailer | None = None,
) -> None:
    """Save a pending subscription and mail the confirmation link, and nothing else.

    The same subscription asked again mails nothing new; nor does an address that has
    MAX_PENDING unconfirmed ones (nobody can flood an address through this form).
    """
    email = valid_email(email)
    saved = subscription_query(kind, query, value)
    if kind is SubscriptionKind.DRAFT:
        followable(ctx, saved)  # a public draft, or NotFoundError
    else:
        search_of(ctx, saved)  # refuse a query that is no search before anything is kept
    with ctx.db.session() as s:
        mine = s.scalars(select(Subscription).where(Subscription.email == email)).all()
        if any(m.kind == kind and m.query == saved for m in mine):
            return
        if sum(not m.confirmed for m in mine) >= MAX_PENDING:
            return
        sub = Subscription(
            email=email,
            kind=kind,
            query=saved,
            confirmed=False,
            confirm_token=secrets.token_urlsafe(32),
            unsubscribe_token=secrets.token_urlsafe(32),
        )
        s.add(sub)
        s.flush()
        mail = confirmation_mail(ctx.settings, sub, base_url(ctx.settings, base))
        try:  # inside the transaction: no mail, no subscription (asking again will mail)
            (mailer or mailer_for(ctx.settings)).send(mail)
        except OSError as e:
            raise TransientError("Почта временно недоступна, повторите позже") from e


def confirm(ctx: AppContext, token: str) -> None:
    """Confirm by the mailed token; alerts start from now (older documents are not news)."""
    with ctx.db.session() as s:
        sub = s.scalar(select(Subscription).where(Subscription.confirm_token == token))
        if not token or sub is None:
            raise NotFoundError("Ссылка подтверждения недействительна или уже использована")
        sub.confirmed = True
        sub.confirm_token = None
        sub.last_notified_at = utcnow()


def unsubscribe(ctx: AppContext, token: str) -> None:
    """Delete the subscription (its address with it); an unknown token is already gone."""
    if not token:
        return
    with ctx.db.session() as s:
        sub = s.scalar(select(Subscription).where(Subscription.unsubscribe_token == token))
        if sub is not None:
            s.delete(sub)


def confirmation_mail(settings: Settings, sub: Subscription, base: str) -> EmailMessage:
    query = sub.query
    leave = f"{base}/subscriptions/unsubscribe?token={sub.unsubscribe_token}"
    text = (
        "Здравствуйте!\n\n"
        + (
            f"На этот адрес оформлена подписка на новости проекта акта в «Ачык» "
            f"({describe(query)}: новые версии, смена стадии, отчёт).\n"
            if sub.kind == SubscriptionKind.DRAFT
            else f"На этот адрес оформлена подписка на новые документы в «Ачык» "
            f"({KIND_TEXT[SubscriptionKind(sub.kind)]}: {describe(query)}).\n"
        )
        + "Чтобы получать письма, подтвердите адрес:\n"
        f"{base}/subscriptions/confirm?token={sub.confirm_token}\n\n"
        "Если вы не подписывались, просто не отвечайте: без подтверждения писем не будет.\n\n"
        "Жазылууну ырастоо үчүн жогорудагы шилтемени басыңыз.\n\n"
        f"Отписаться: {leave}\n"
    )
    return message(settings, sub.email, "Ачык: подтвердите подписку", text, unsubscribe=leave)


def digest_text(base: str, sub: Subscription, found: list[NewMatch], more: bool) -> str:
    lines = [
        "Здравствуйте!",
        "",
        f"Новые документы в «Ачык» ({KIND_TEXT[SubscriptionKind(sub.kind)]}: "
        f"{describe(sub.query)}): {len(found)}{' и больше' if more else ''}.",
        "Жаңы документтер.",
        "",
    ]
    for m in found:
        lines.append(f"• {m.title}")
        lines.append(f"  {base}/documents/{m.id}")
        if m.snippet:
            lines.append(f"  {m.snippet}")
        lines.append("")
    if more:
        lines += [f"Это не все; все результаты поиска: {search_link(base, sub.query)}", ""]
    lines.append(
        f"Отписаться одним нажатием: {base}/subscriptions/unsubscribe?token={sub.unsubscribe_token}"
    )
    lines.append("Жазылуудан баш тартуу: ушул шилтеме.")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True, slots=True)
class AlertRun:
    subscriptions: int
    mailed: int
    failed: int


def run_alerts(ctx: AppContext, *, mailer: Mailer | None = None) -> AlertRun:
    """One digest per confirmed subscription with new published matches since its last
    mail; its mark moves on only once the mail is handed over (a failed send is tried
    again on the next run). A saved query that no longer parses is skipped, counted."""
    mailer = mailer or mailer_for(ctx.settings)
    base = base_url(ctx.settings)
    with ctx.db.session() as s:
        ids = list(s.scalars(select(Subscription.id).where(Subscription.confirmed.is_(True))))
    mailed = failed = 0
    for sub_id in ids:
        started = utcnow()
        with ctx.db.session() as s:
            sub = s.get(Subscription, sub_id)
            if sub is None:
                continue
            since = _aware(sub.last_notified_at) if sub.last_notified_at else None
            if sub.kind == SubscriptionKind.DRAFT:
                sent = _draft_digest(ctx, sub, since, base, mailer)
                if sent is None:
                    failed += 1
                    continue
                mailed += sent
                sub.last_notified_at = started
                continue
            try:
                q, filters = search_of(ctx, sub.query)
                found, more = new_matches(ctx, q, filters, since=since, limit=DIGEST_MAX)
            except QuerySyntaxError:
                failed += 1
                continue
            if found:
                try:
                    mailer.send(
                        message(
                            ctx.settings,
                            sub.email,
                            f"Ачык: новые документы ({len(found)}{'+' if more else ''})",
                            digest_text(base, sub, found, more),
                            unsubscribe=f"{base}/subscriptions/unsubscribe?token="
                            f"{sub.unsubscribe_token}",
                        )
                    )
                except OSError:
                    failed += 1
                    continue
                mailed += 1
            sub.last_notified_at = started
    return AlertRun(len(ids), mailed, failed)


def _draft_digest(
    ctx: AppContext, sub: Subscription, since: dt.datetime | None, base: str, mailer: Mailer
) -> int | None:
    """Mail a followed draft's news: 1 mailed, 0 nothing new, None the send failed."""
    draft_id = draft_id_of(sub.query)
    news = draft_news(ctx, draft_id, since)
    if not news:
        return 0
    try:
        title = followable(ctx, sub.query)
    except NotFoundError:
        return 0
    leave = f"{base}/subscriptions/unsubscribe?token={sub.unsubscribe_token}"
    try:
        mailer.send(
            message(
                ctx.settings,
                sub.email,
                f"Ачык: новое по проекту № {draft_id}",
                news_text(base, draft_id, title, news, leave),
                unsubscribe=leave,
            )
        )
    except OSError:
        return None
    return 1
