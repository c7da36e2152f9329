"""Annotated dependency aliases for routers."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from indices.context import AppContext
from ingest.dispatch import Dispatcher, make_dispatcher


def get_ctx(request: Request) -> AppContext:
    ctx: AppContext = request.app.state.ctx
    return ctx


Ctx = Annotated[AppContext, Depends(get_ctx)]


def get_dispatcher(request: Request) -> Dispatcher:
    """The pipeline runner of this app (Celery or the embedded thread), made on first use."""
    state = request.app.state
    if getattr(state, "dispatcher", None) is None:
        state.dispatcher = make_dispatcher(state.ctx)
    d: Dispatcher = state.dispatcher
    return d


Dispatch = Annotated[Dispatcher, Depends(get_dispatcher)]
