"""The search's filter and order parameters as one FastAPI dependency.

GET /search, GET /search/export and GET /search/feed.atom take the same parameters; they
are built here from the fields of `service.search_filters.SearchOptions` (type, default,
bounds and help text), so a filter added there appears, documented, on all three routes.
The export names the file-format filter `file_format`, because its own `format` is the
export's.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable
from dataclasses import MISSING, fields
from typing import Annotated, Any

from fastapi import Depends, Query

from service.search_filters import SearchOptions, option_types


def search_options_dependency(**renamed: str) -> Callable[..., SearchOptions]:
    """A dependency answering the request's SearchOptions; `renamed` maps an option to
    another query parameter name (format="file_format")."""
    types = option_types()
    params = []
    for f in fields(SearchOptions):
        default = f.default if f.default is not MISSING else None
        bounds = {k: f.metadata[k] for k in ("ge", "le") if k in f.metadata}
        query = Query(alias=renamed.get(f.name), description=f.metadata["help"], **bounds)
        params.append(
            inspect.Parameter(
                f.name,
                inspect.Parameter.KEYWORD_ONLY,
                default=default,
                annotation=Annotated[types[f.name], query],
            )
        )

    def options(**values: Any) -> SearchOptions:
        return SearchOptions(**values)

    options.__signature__ = inspect.Signature(params, return_annotation=SearchOptions)  # type: ignore[attr-defined]
    return options


SearchOptionsDep = Annotated[SearchOptions, Depends(search_options_dependency())]
ExportOptionsDep = Annotated[
    SearchOptions, Depends(search_options_dependency(format="file_format"))
]
