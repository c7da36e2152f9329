"""The UI's own assets (CSS, JS, icons), served with a cache lifetime.

The reading room may have no Internet, so every asset is served by the application
itself (no CDN); an hour's `Cache-Control` spares a slow room link the same files on
each page, while a changed file reaches readers within the hour. Compression is the
application's (GZipMiddleware in server/app.py).
"""

from __future__ import annotations

import os
from typing import Final

from starlette.responses import Response
from starlette.staticfiles import StaticFiles
from starlette.types import Scope

CACHE_CONTROL: Final = "public, max-age=3600"


class CachedStaticFiles(StaticFiles):
    """StaticFiles whose answers (200 and 304 alike) say how long to keep them."""

    def file_response(
        self,
        full_path: str | os.PathLike[str],
        stat_result: os.stat_result,
        scope: Scope,
        status_code: int = 200,
    ) -> Response:
        response = super().file_response(full_path, stat_result, scope, status_code)
        response.headers["Cache-Control"] = CACHE_CONTROL
        return response
