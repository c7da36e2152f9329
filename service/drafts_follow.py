"""Following a draft by e-mail: what is news of a draft since a follower's last mail.

A follow is a row of the subscriptions table (kind ``draft``, query ``{"draft": ["12"]}``)
with the saved searches' confirmation, unsubscribe link and digest run
(service.alerts.run_alerts). News is what the public could see happen: a stage change
(the report's publication is the stage `report_published`), an extension of the
discussion, a new version. A draft not public (any more) gives none.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select

from core.errors import NotFoundError, QuerySyntaxError
from core.models import Draft, DraftEventRecord, DraftVersion
from drafts import DraftStage
from drafts.lifecycle import STAGE_LABELS_RU
from indices.context import AppContext

MAX_NEWS = 50


@dataclass(frozen=True, slots=True)
class DraftNews:
    at: dt.datetime
    text: str


def draft_query(value: str | None) -> dict[str, list[str]]:
    """The saved query of a follow: the draft's id (QuerySyntaxError when not one)."""
    v = (value or "").strip()
    if not v.isdigit() or not 1 <= int(v) <= 2**31 - 1:
        raise QuerySyntaxError("Для подписки на проект укажите его номер (value)")
    return {"draft": [str(int(v))]}


def draft_id_of(query: dict[str, list[str]]) -> int:
    return int(query["draft"][0])


def followable(ctx: AppContext, query: dict[str, list[str]]) -> str:
    """The title of a public draft (NotFoundError otherwise: as on its page)."""
    with ctx.db.session() as s:
        d = s.get(Draft, draft_id_of(query))
        if d is None or d.published_at is None:
            raise NotFoundError("Нет такого проекта")
        return d.title


def _aware(at: dt.datetime) -> dt.datetime:
    return at if at.tzinfo else at.replace(tzinfo=dt.UTC)


def draft_news(ctx: AppContext, draft_id: int, since: dt.datetime | None) -> list[DraftNews]:
    """The draft's public changes after `since`, oldest first."""
    since = since or dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
    with ctx.db.session() as s:
        d = s.get(Draft, draft_id)
        if d is None or d.published_at is None:
            return []
        out = []
        events = s.scalars(
            select(DraftEventRecord).where(
                DraftEventRecord.draft_id == draft_id, DraftEventRecord.at > since
            )
        )
        for e in events:
            if e.from_stage != e.to_stage:
                to = STAGE_LABELS_RU[DraftStage(e.to_stage)]
                text = f"Новая стадия: {to}" + (f" ({e.reason})" if e.reason else "")
                if e.to_stage == DraftStage.DISCUSSION and e.closes_after:
                    text += f"; обсуждение до {e.closes_after:%d.%m.%Y}"
            else:
                text = "Обсуждение продлено" + (
                    f" до {e.closes_after:%d.%m.%Y}" if e.closes_after else ""
                )
                text += f" ({e.reason})" if e.reason else ""
            out.append(DraftNews(_aware(e.at), text))
        versions = s.scalars(
            select(DraftVersion).where(
                DraftVersion.draft_id == draft_id, DraftVersion.created_at > since
            )
        )
        for v in versions:
            kind = "альтернативная версия" if v.kind == "alternative" else "новая версия"
            party = f" ({v.party})" if v.party else ""
            out.append(DraftNews(_aware(v.created_at), f"Опубликована {kind} № {v.number}{party}"))
    out.sort(key=lambda n: n.at)
    return out[:MAX_NEWS]


def news_text(base: str, draft_id: int, title: str, news: list[DraftNews], leave: str) -> str:
    lines = [
        "Здравствуйте!",
        "",
        f"Новое по проекту «{title}»:",
        "Долбоор боюнча жаңылыктар:",
        "",
    ]
    lines += [f"• {n.at:%d.%m.%Y}: {n.text}" for n in news]
    lines += ["", f"Проект: {base}/drafts/{draft_id}", "", f"Отписаться одним нажатием: {leave}"]
    lines.append("Жазылуудан баш тартуу: ушул шилтеме.")
    return "\n".join(lines) + "\n"
