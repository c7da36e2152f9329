"""Pages of corrections: the archivist's line editor beside the scan, the queue of
misreading reports, and the reader's report form (posted from the document page).

The editor and the queue are shells: their data comes from /api/v1 with the archivist's
key (kept in the tab, as on /upload and /persons/review), so nothing private is ever in
a page the server renders. The report form works without JavaScript.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import FastAPI, Form, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.templating import Jinja2Templates
from pydantic import ValidationError

from core.auth import Caller
from core.errors import NotFoundError
from service.deps import Ctx
from service.misreading_reports import report_misreading
from service.page_lines import LineEditError
from service.params import MAX_ID, DocId, PageNumber
from service.schemas_corrections import MAX_NOTE, ReportCreate
from ui.corrections_labels import lang_of, words

templates = Jinja2Templates(directory=Path(__file__).parent / "templates")
Lang = Annotated[str, Query(max_length=5)]


def mount_corrections_ui(app: FastAPI) -> None:
    @app.get(
        "/documents/{doc_id}/pages/{number}/correct",
        response_class=HTMLResponse,
        include_in_schema=False,
    )
    def correct_page(
        request: Request,
        doc_id: DocId,
        number: PageNumber,
        lang: Lang = "ru",
        report: Annotated[int | None, Query(ge=1, le=MAX_ID)] = None,
    ) -> HTMLResponse:
        lang = lang_of(lang)
        return templates.TemplateResponse(
            request,
            "correct.html",
            {"lang": lang, "t": words(lang), "doc_id": doc_id, "number": number, "report": report},
        )

    @app.get("/corrections/reports", response_class=HTMLResponse, include_in_schema=False)
    def queue_page(request: Request, lang: Lang = "ru") -> HTMLResponse:
        lang = lang_of(lang)
        return templates.TemplateResponse(
            request, "corrections_queue.html", {"lang": lang, "t": words(lang)}
        )

    @app.post("/documents/{doc_id}/report", response_class=HTMLResponse, include_in_schema=False)
    def report_form(
        request: Request,
        ctx: Ctx,
        doc_id: DocId,
        page: Annotated[int, Form(ge=1, le=MAX_ID)] = 1,
        suggested: Annotated[str, Form(max_length=2000)] = "",
        line: Annotated[str, Form(max_length=10)] = "",
        note: Annotated[str, Form(max_length=MAX_NOTE)] = "",
        lang: Annotated[str, Form(max_length=5)] = "ru",
    ) -> HTMLResponse:
        lang = lang_of(lang)
        t = words(lang)
        caller = Caller(client=request.client.host if request.client else "")
        status, message = 200, ""
        try:
            body = ReportCreate(
                line=int(line) - 1 if line.strip().isdigit() and int(line) >= 1 else None,
                region=None,
                suggested=suggested,
                note=note,
            )
            out = report_misreading(ctx, caller, doc_id, page, body)
            message = t["report_thanks"].format(id=out.id)
        except NotFoundError as e:
            status, message = 404, e.message
        except LineEditError as e:
            status, message = 400, str(e)
        except ValidationError:
            status, message = 422, t["report_failed"]
        return templates.TemplateResponse(
            request,
            "corrections_message.html",
            {
                "lang": lang,
                "t": t,
                "title": t["report_title"] if status == 200 else t["report_failed"],
                "message": message,
                "back": f"/documents/{doc_id}#page-{page}",
            },
            status_code=status,
        )
