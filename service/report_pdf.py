"""The summary report as PDF (reportlab): the draft, the figures of public opinion, the
summary table of proposals, and the comments still without an answer.

Fonts: DejaVu Sans (Debian's fonts-dejavu-core, in the Docker image), which has the
Kyrgyz letters; the text is the report's, so the PDF holds nothing the page does not.
"""

from __future__ import annotations

import io
from pathlib import Path

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.platypus import Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from drafts.report import ANSWER_LABELS_RU, AnswerKind
from service.drafts_report import DraftReport

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT = "ReportSans"
KINDS_RU = {
    "individual": "граждане",
    "organization": "организации",
    "business": "бизнес",
    "state_body": "государственные органы",
}


def article_label(key: str) -> str:
    """A key of ``by_article`` in words: «статья 5», «проект в целом», «исключено»."""
    if key == "whole":
        return "проект в целом"
    if key == "gone":
        return "исключено"
    return "статья " + key.removeprefix("art-") if key.startswith("art-") else key


def _fonts() -> None:
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(FONT_DIR / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(FONT + "-Bold", str(FONT_DIR / "DejaVuSans-Bold.ttf")))


def _p(text: str, style: ParagraphStyle) -> Paragraph:
    safe = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    return Paragraph(safe.replace("\n", "<br/>"), style)


def report_pdf(r: DraftReport) -> bytes:
    _fonts()
    body = ParagraphStyle("b", fontName=FONT, fontSize=9, leading=11)
    head = ParagraphStyle("h", fontName=FONT + "-Bold", fontSize=14, leading=18, spaceAfter=6)
    sub = ParagraphStyle("s", fontName=FONT + "-Bold", fontSize=11, leading=14, spaceBefore=8)
    buf = io.BytesIO()
    doc = SimpleDocTemplate(
        buf,
        pagesize=landscape(A4),
        leftMargin=12 * mm,
        rightMargin=12 * mm,
        topMargin=12 * mm,
        bottomMargin=12 * mm,
        title=f"Справка по результатам обсуждения: {r.title}",
    )
    grid = TableStyle(
        [
            ("FONTNAME", (0, 0), (-1, -1), FONT),
            ("FONTSIZE", (0, 0), (-1, -1), 9),
            ("GRID", (0, 0), (-1, -1), 0.4, colors.grey),
            ("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#e8eef4")),
            ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ]
    )
    status = "опубликована" if r.published else "предварительная"
    story: list[object] = [
        _p(f"Справка по результатам общественного обсуждения ({status})", head),
        _p(f"Проект: {r.title}", body),
        _p(f"Разработчик: {r.agency}", body),
    ]
    if r.opens and r.closes:
        story.append(_p(f"Обсуждение: {r.opens:%d.%m.%Y} – {r.closes:%d.%m.%Y}", body))
    rep = r.report
    if rep is None:
        story.append(_p("У проекта нет текста.", body))
    else:
        t = rep.totals
        story += [
            _p("Общественное мнение", sub),
            _p(
                f"Замечаний: {t.comments}; учтено {t.accepted}, частично {t.partly_accepted}, "
                f"не учтено {t.not_accepted}, без ответа {t.unanswered}. Голоса: за "
                f"{rep.votes.get('support', 0)}, против {rep.votes.get('oppose', 0)}. "
                f"Отклонено модерацией: {sum(r.rejected.values())}.",
                body,
            ),
        ]
        for title, rows in (
            ("По статьям", {article_label(k): v for k, v in rep.by_article.items()}),
            ("По видам участников", {KINDS_RU.get(k, k): v for k, v in rep.by_commenter.items()}),
            ("По неделям", rep.by_week),
        ):
            data = [[title, "замечаний", "за", "против", "без ответа"]] + [
                [k, v.comments, v.support, v.oppose, v.unanswered] for k, v in rows.items()
            ]
            story += [Spacer(1, 4), Table(data, style=grid, hAlign="LEFT")]
        story.append(_p("Сводная таблица предложений", sub))
        data = [
            [_p(h, body) for h in ("№", "Где", "Участник", "Замечание", "Ответ", "Обоснование")]
        ]
        for row in rep.rows:
            who = KINDS_RU.get(row.commenter, row.commenter)
            data.append(
                [
                    _p(row.comment_id, body),
                    _p(row.unit_label + (f"\n«{row.quote}»" if row.quote else ""), body),
                    _p(who + (f": {row.author_name}" if row.author_name else ""), body),
                    _p(row.text, body),
                    _p(
                        ANSWER_LABELS_RU[AnswerKind(row.answer)] if row.answer else "нет ответа",
                        body,
                    ),
                    _p(row.reason, body),
                ]
            )
        widths = [12 * mm, 40 * mm, 35 * mm, 95 * mm, 25 * mm, 66 * mm]
        story.append(Table(data, colWidths=widths, style=grid, repeatRows=1))
        if rep.unanswered:
            story.append(
                _p(
                    "Без ответа (справка не может быть опубликована): " + ", ".join(rep.unanswered),
                    sub,
                )
            )
    doc.build(story)
    return buf.getvalue()
