"""Archivist batches: upload (files, ZIPs, manifest), status, live progress, retry."""

from __future__ import annotations

import asyncio
import dataclasses
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, File, Form, Path, Query, Request, Response, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import StreamingResponse

from core.auth import Caller, Permission
from ingest.batches import BatchStatus, batch_status, create_batch, retry_failed
from search_api.auth import audit, requires
from search_api.schemas_ingest import BatchOut, RetryOut
from search_api.uploads import staged
from service.deps import Ctx, Dispatch
from service.params import MAX_ID
from service.schemas import ErrorOut

router = APIRouter(tags=["batches"])
Archivist = Annotated[Caller, requires(Permission.UPLOAD_ARCHIVE)]
BatchId = Annotated[
    int, Path(ge=1, le=MAX_ID, description="Batch id, as returned by POST /batches")
]
POLL_SECONDS = 1.0
KEEPALIVE_SECONDS = 15.0


def batch_out(st: BatchStatus) -> BatchOut:
    data = dataclasses.asdict(st)
    return BatchOut(
        **data,
        done=st.done,
        url=f"/api/v1/batches/{st.id}",
        events_url=f"/api/v1/batches/{st.id}/events",
    )


@router.post(
    "/batches",
    response_model=BatchOut,
    status_code=202,
    summary="Upload a batch of scans or documents (archivists)",
    responses={
        200: {"description": "The same upload was received before: that batch"},
        401: {"description": "No or unknown API key"},
        403: {"description": "The key's role may not upload"},
        422: {
            "description": "The manifest cannot be read at all, or a field is invalid",
            "model": ErrorOut,
        },
    },
    description="Files are stored, checked and queued at once; processing goes on in the "
    "background. Poll the returned `url` or follow `events_url`. ZIP members "
    "and manifest rows that are refused become failed items with a reason; "
    "the rest of the batch goes on. Sending the same upload again returns the "
    "first batch and stores nothing new.",
)
def post_batch(
    ctx: Ctx,
    dispatch: Dispatch,
    caller: Archivist,
    response: Response,
    files: Annotated[
        list[UploadFile],
        File(
            description="Repeatable: documents (PDF, TIFF, PNG, JPEG, DOCX, RTF, TXT) or ZIPs "
            "of them; a folder upload keeps relative paths"
        ),
    ],
    manifest: Annotated[
        UploadFile | None,
        File(
            description="Optional CSV (UTF-8, `;` or `,`): file, collection, title, date (or "
            "date_from/date_to), fond, opis, delo, list, language, access; "
            "see docs/ingest.md"
        ),
    ] = None,
    collection: Annotated[
        str,
        Form(
            min_length=1,
            max_length=100,
            description="Collection for files whose manifest row names none",
        ),
    ] = "archive",
    label: Annotated[str, Form(max_length=300, description="A name for the batch")] = "",
) -> BatchOut:
    manifest_bytes = manifest.file.read() if manifest is not None else None
    with staged(files) as uploads:
        result = create_batch(
            ctx,
            uploads,
            manifest=manifest_bytes,
            collection=collection,
            dispatcher=dispatch,
            label=label or ", ".join(u.name for u in uploads)[:300],
            origin="api",
            key_id=caller.key_id,
        )
    if result.existing:
        response.status_code = 200
    else:
        audit(
            ctx,
            caller,
            "batch.create",
            f"batch:{result.batch_id}",
            files=len(files),
            items=len(result.items),
            new=len(result.new_ids),
            failed=sum(i.outcome == "failed" for i in result.items),
        )
    response.headers["Location"] = f"/api/v1/batches/{result.batch_id}"
    return batch_out(batch_status(ctx, result.batch_id))


@router.get(
    "/batches/{batch_id}",
    response_model=BatchOut,
    summary="Batch status: per-item state, counts, failures with reasons, ETA",
)
def get_batch(
    ctx: Ctx,
    _caller: Archivist,
    batch_id: BatchId,
    items: Annotated[bool, Query(description="Include every item")] = True,
) -> BatchOut:
    return batch_out(batch_status(ctx, batch_id, with_items=items))


@router.get(
    "/batches/{batch_id}/events",
    response_class=StreamingResponse,
    summary="Live batch progress (server-sent events)",
    responses={
        200: {
            "content": {"text/event-stream": {}},
            "description": "`progress` events carry the status (without items) "
            "whenever it changes; a final `done` event ends the "
            "stream. Browsers: read it with fetch() to send the key.",
        }
    },
)
async def batch_events(
    request: Request, ctx: Ctx, _caller: Archivist, batch_id: BatchId
) -> StreamingResponse:
    await run_in_threadpool(batch_status, ctx, batch_id, with_items=False)  # 404 first

    async def stream() -> AsyncIterator[str]:
        last, quiet = "", 0.0
        while True:
            st = await run_in_threadpool(batch_status, ctx, batch_id, with_items=False)
            body = batch_out(st).model_dump_json()
            if body != last:
                yield f"event: progress\ndata: {body}\n\n"
                last, quiet = body, 0.0
            elif quiet >= KEEPALIVE_SECONDS:
                yield ": keep-alive\n\n"
                quiet = 0.0
            if st.finished:
                yield f"event: done\ndata: {body}\n\n"
                return
            if await request.is_disconnected():
                return
            await asyncio.sleep(POLL_SECONDS)
            quiet += POLL_SECONDS

    return StreamingResponse(
        stream(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


@router.post(
    "/batches/{batch_id}/retry",
    response_model=RetryOut,
    summary="Re-run the batch's failed documents only, from the stage that failed",
)
def post_retry(ctx: Ctx, dispatch: Dispatch, caller: Archivist, batch_id: BatchId) -> RetryOut:
    ids = retry_failed(ctx, batch_id, dispatch)
    audit(ctx, caller, "batch.retry", f"batch:{batch_id}", documents=ids)
    return RetryOut(batch_id=batch_id, retried=ids)
