"""Public comments through the API, end to end on the real app, database, mail outbox and
anonymize engine: comment → confirm the address by the mailed link → moderation → votes
→ a new version carries the anchor → answers → the report blocks publication until every
published comment is answered → publish, with the report as JSON, CSV and PDF.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from email import message_from_bytes, policy
from typing import Any

import pypdfium2 as pdfium
import pytest

from indices.context import AppContext
from service.drafts import BISHKEK
from tests.search_api.test_drafts_api import DATA, JUSTICE, Portal

NEIGHBOUR = "Асанов Бакыт Жумабекович"
WITH_NAME = (
    "Предлагаю сократить срок. Мой сосед {name}, проживающий по адресу г. Бишкек, "
    "ул. Токтогула, д. 12, кв. 5, не смог найти перечень наборов."
)


def mails(ctx: AppContext) -> list[str]:
    folder = ctx.settings.outbox_dir
    files = sorted(folder.glob("*.eml")) if folder.exists() else []
    out = []
    for f in files:
        msg = message_from_bytes(f.read_bytes(), policy=policy.default)
        out.append(msg.get_body(("plain",)).get_content())  # type: ignore[union-attr]
    return out


def confirm_token(text: str) -> str:
    found = re.search(r"/comments/confirm\?token=(\S+)", text)
    assert found, text
    return found.group(1)


def open_draft(p: Portal) -> int:
    body = {"title": "Об открытых данных", "act_kind": "law", "agency": JUSTICE}
    d = int(p.ok("dev_a", "POST", "/drafts", 201, json=body)["id"])
    assert p.upload("dev_a", d, "v1.txt", (DATA / "ru-v1.txt").read_bytes()).status_code == 201
    p.ok(
        "dev_a", "POST", f"/drafts/{d}/stage", json={"stage": "discussion", "closes": "2026-03-31"}
    )
    return d


@pytest.fixture
def portal(ctx: AppContext) -> Iterator[Portal]:
    p = Portal(ctx)
    with p.client:
        yield p


def comment(p: Portal, d: int, **form: Any) -> Any:
    files = form.pop("files", None)
    return p.call("anon", "POST", f"/drafts/{d}/comments", data=form, files=files)


def test_comment_life_cycle(portal: Portal, ctx: AppContext) -> None:
    p = portal
    d = open_draft(p)
    # A comment on article 4 with an address: it waits for the address, a link is mailed.
    r = comment(p, d, text=WITH_NAME.format(name=NEIGHBOUR), email="a@example.kg", unit_id="art-4")
    assert (r.status_code, r.json()["status"]) == (201, "unconfirmed"), r.text
    first = r.json()["id"]
    [mail] = mails(ctx)
    assert "a@example.kg" not in p.client.get(f"/api/v1/drafts/{d}/comments").text
    for bad, code in (
        ({"email": "not-an-address"}, "invalid_email"),
        ({"email": "a@example.kg", "unit_id": "art-99"}, "unknown_unit"),
        (
            {"email": "a@example.kg", "unit_id": "art-4", "quote": "нет таких слов"},
            "quote_not_found",
        ),
        ({"email": "a@example.kg", "version": 7}, "unknown_version"),
        ({"token": "forged.token-value"}, "bad_token"),
    ):
        r = comment(p, d, text="Текст замечания", **bad)
        assert (r.status_code, r.json().get("code")) == (422, code), r.text
    assert p.ok("anon", "GET", f"/drafts/{d}/comments")["total"] == 0
    queue = p.ok("dev_a", "GET", f"/drafts/{d}/comments", params={"status": "unconfirmed"})
    assert [c["id"] for c in queue["comments"]] == [first]
    moderation = f"/drafts/{d}/comments/{first}/moderation"
    p.refused("dev_a", "POST", moderation, 409, "not_confirmed", json={"action": "approve"})

    # The link confirms the address once; the commenter token needs no more mail.
    assert p.client.post("/api/v1/comments/confirm", json={"token": "x" * 20}).status_code == 404
    confirmed = p.client.post("/api/v1/comments/confirm", json={"token": confirm_token(mail)})
    assert confirmed.status_code == 200 and confirmed.json()["released"] == 1, confirmed.text
    token = confirmed.json()["commenter_token"]
    note = f"Справка: {NEIGHBOUR} обращался в министерство.".encode()
    r = comment(
        p,
        d,
        text="Просим учесть мнение ассоциации о проекте в целом.",
        token=token,
        commenter_kind="organization",
        organization="Ассоциация «Открытые данные»",
        files={"file": ("note.txt", note)},
    )
    assert (r.status_code, r.json()["status"]) == (201, "pending"), r.text
    org = r.json()["id"]
    spam = comment(p, d, text="Купите наши услуги!!!", token=token).json()["id"]
    assert len(mails(ctx)) == 1

    # Moderation: the agency only; a rejection needs a reason from the list.
    assert p.call("anon", "POST", moderation, json={"action": "approve"}).status_code == 401
    for who in ("reader", "dev_b"):
        assert p.call(who, "POST", moderation, json={"action": "approve"}).status_code == 403
    spam_url = f"/drafts/{d}/comments/{spam}/moderation"
    p.refused("dev_a", "POST", spam_url, 422, "reason_required", json={"action": "reject"})
    p.ok("dev_a", "POST", spam_url, json={"action": "reject", "reason": "spam"})
    approved = p.ok("dev_a", "POST", moderation, json={"action": "approve"})
    assert (
        approved["moderation"]["text"].startswith("Предлагаю") and NEIGHBOUR not in approved["text"]
    )
    p.ok("admin", "POST", f"/drafts/{d}/comments/{org}/moderation", json={"action": "approve"})
    public = p.ok("anon", "GET", f"/drafts/{d}/comments")
    assert [c["id"] for c in public["comments"]] == [first, org]
    assert all(c["moderation"] is None for c in public["comments"])
    assert "Асанов" not in str(public) and "Токтогула" not in str(public)
    assert public["comments"][1]["organization"] == "Ассоциация «Открытые данные»"
    attachment = p.client.get(public["comments"][1]["attachment_url"])
    assert attachment.status_code == 200 and "Асанов" not in attachment.text, attachment.text

    # One vote per confirmed address, changeable.
    vote = f"/drafts/{d}/vote"
    p.refused("anon", "PUT", vote, 422, "bad_token", json={"vote": "support", "token": "a" * 20})
    assert p.ok("anon", "PUT", vote, json={"vote": "support", "token": token})["support"] == 1
    assert p.ok("anon", "PUT", vote, json={"vote": "oppose", "token": token}) == {
        "support": 0,
        "oppose": 1,
    }

    # A new version renumbers article 4: the anchor follows it.
    assert p.upload("dev_a", d, "v2.txt", (DATA / "ru-v2.txt").read_bytes()).status_code == 201
    current = p.ok("anon", "GET", f"/drafts/{d}/comments")["comments"][0]["current"]
    assert (current["version"], current["unit_id"], current["status"]) == (2, "art-5", "renumbered")
    assert p.ok("anon", "GET", f"/drafts/{d}/comments", params={"unit": "art-5"})["total"] == 1

    # Answers: the agency's, with a reason unless accepted.
    answer = f"/drafts/{d}/comments/{first}/answer"
    assert p.call("dev_b", "POST", answer, json={"kind": "accepted"}).status_code == 403
    p.refused("dev_a", "POST", answer, 422, "answer_reason_required", json={"kind": "not_accepted"})
    p.refused(
        "dev_a",
        "POST",
        f"/drafts/{d}/comments/{spam}/answer",
        409,
        "comment_not_published",
        json={"kind": "accepted"},
    )
    body = {"kind": "partly_accepted", "reason": "Срок сокращён до пяти дней."}
    assert p.ok("dev_a", "POST", answer, json=body)["answer"] == "partly_accepted"

    # Closed: no more comments; the report waits for the last answer.
    p.now = dt.datetime(2026, 4, 1, 9, 0, tzinfo=BISHKEK)
    r = comment(p, d, text="Поздно, но всё же.", token=token)
    assert (r.status_code, r.json()["code"]) == (409, "not_in_discussion")
    p.ok("dev_a", "POST", f"/drafts/{d}/stage", json={"stage": "discussion_closed"})
    report = p.ok("anon", "GET", f"/drafts/{d}/report")
    assert (report["status"], report["unanswered"], report["rejected"]) == (
        "interim",
        [str(org)],
        {"spam": 1},
    )
    publish = {"stage": "report_published"}
    p.refused("dev_a", "POST", f"/drafts/{d}/stage", 409, "unanswered_comments", json=publish)
    p.ok("dev_a", "POST", f"/drafts/{d}/comments/{org}/answer", json={"kind": "accepted"})
    p.ok("dev_a", "POST", f"/drafts/{d}/stage", json=publish)
    p.refused("dev_a", "POST", answer, 409, "answers_closed", json={"kind": "accepted"})

    report = p.ok("anon", "GET", f"/drafts/{d}/report.json")
    assert (report["status"], report["can_publish"], report["final_version"]) == (
        "published",
        True,
        "2",
    )
    assert report["totals"]["comments"] == 2 and report["votes"] == {"support": 0, "oppose": 1}
    assert report["by_article"]["art-5"]["partly_accepted"] == 1
    assert report["by_commenter"]["organization"]["accepted"] == 1
    rows = {r["comment_id"]: r for r in report["proposals"]}
    assert (rows[str(first)]["final_unit_id"], rows[str(first)]["unit_label"]) == (
        "art-5",
        "статья 5",
    )
    csv_text = p.client.get(f"/api/v1/drafts/{d}/report?format=csv").text
    assert csv_text.startswith("comment_id,version,unit_id") and "Асанов" not in csv_text
    pdf = p.client.get(f"/api/v1/drafts/{d}/report.pdf")
    assert pdf.headers["content-type"] == "application/pdf"
    doc = pdfium.PdfDocument(pdf.content)
    pdf_text = "".join(doc[i].get_textpage().get_text_range() for i in range(len(doc)))
    assert "Срок сокращён" in pdf_text and "Асанов" not in pdf_text
    assert "a@example.kg" not in str(report) + csv_text + pdf_text


def test_unconfirmed_comments_of_one_address_are_limited(portal: Portal, ctx: AppContext) -> None:
    d = open_draft(portal)
    codes = [
        comment(portal, d, text=f"Замечание {n}", email="b@example.kg").status_code
        for n in range(6)
    ]
    assert codes == [201] * 5 + [429]
    assert len(mails(ctx)) == 5


def test_plan_to_adopted_with_comments_end_to_end(portal: Portal, ctx: AppContext) -> None:
    """The whole life cycle through the API in one run, as the portal is used: plan →
    draft → versions → diff → comments → moderation → answers → report → adopted."""
    from tests.search_api.test_drafts_api import PLAN_CSV

    p = portal
    plan = {"file": ("plan.csv", PLAN_CSV.encode())}
    assert p.ok("dev_a", "POST", "/plan", files=plan, params={"dry_run": False})["created"] == 2
    item = next(i for i in p.ok("anon", "GET", "/plan") if "открытых данных" in i["title"])
    body = {
        "title": item["title"],
        "act_kind": "law",
        "agency": JUSTICE,
        "plan_item_id": item["id"],
    }
    d = int(p.ok("dev_a", "POST", "/drafts", 201, json=body)["id"])
    assert p.upload("dev_a", d, "v1.txt", (DATA / "ru-v1.txt").read_bytes()).status_code == 201
    p.ok(
        "dev_a", "POST", f"/drafts/{d}/stage", json={"stage": "discussion", "closes": "2026-03-31"}
    )

    first = comment(p, d, text="Статью 4 стоит смягчить.", email="e2e@example.kg", unit_id="art-4")
    assert first.status_code == 201, first.text
    token = p.client.post(
        "/api/v1/comments/confirm", json={"token": confirm_token(mails(ctx)[0])}
    ).json()["commenter_token"]
    second = comment(p, d, text="Проект в целом поддерживаю.", token=token).json()["id"]
    assert p.upload("dev_a", d, "v2.txt", (DATA / "ru-v2.txt").read_bytes()).status_code == 201
    diff = p.ok("anon", "GET", f"/drafts/{d}/diff", params={"from": 1, "to": 2})
    assert diff["mapping"]["art-4"] == "art-5", diff  # article by article: renumbered

    for cid in (first.json()["id"], second):
        p.ok("dev_a", "POST", f"/drafts/{d}/comments/{cid}/moderation", json={"action": "approve"})
        p.ok("dev_a", "POST", f"/drafts/{d}/comments/{cid}/answer", json={"kind": "accepted"})
    p.now = dt.datetime(2026, 4, 1, 9, 0, tzinfo=BISHKEK)
    for stage in ("discussion_closed", "report_published", "submitted", "adopted"):
        assert p.ok("dev_a", "POST", f"/drafts/{d}/stage", json={"stage": stage})["stage"] == stage
    report = p.ok("anon", "GET", f"/drafts/{d}/report.json")
    assert (report["status"], report["totals"]["comments"]) == ("published", 2), report
    assert {i["draft_id"] for i in p.ok("anon", "GET", "/plan")} >= {d}
    rows = p.client.get("/api/v1/drafts/export", params={"format": "csv", "table": "comments"})
    assert rows.status_code == 200 and rows.text.count("accepted") == 2, rows.text
