"""The settings the global options built, handed to every command through typer's context.

`achyk --data-dir … <command>` parses the options once in the app callback and stores the
Settings in the root context's ``obj``; commands read them from there instead of from a
module global, so two invocations in one process (tests) never share state.
"""

from __future__ import annotations

import typer

from core.settings import Settings
from indices.context import AppContext


def settings_of(cmd: typer.Context) -> Settings:
    """The Settings of this invocation (the environment's when no callback ran)."""
    root = cmd.find_root()
    if not isinstance(root.obj, Settings):
        root.obj = Settings()
    return root.obj


def open_context(cmd: typer.Context) -> AppContext:
    """A fresh AppContext for one command; the command closes it."""
    return AppContext.create(settings_of(cmd))
