"""Path and query parameters shared by routers, bounded: an id past what the database and
the engines store (a 30-digit number) is a 422, not an overflow deep inside."""

from __future__ import annotations

from typing import Annotated

from fastapi import Path

MAX_ID = 2**31 - 1
MAX_PAGE = 10_000  # result pages: the engines stop at a window of hits anyway

DocId = Annotated[int, Path(ge=1, le=MAX_ID, description="Document id")]
PageNumber = Annotated[int, Path(ge=1, le=MAX_ID, description="Page number, from 1")]
