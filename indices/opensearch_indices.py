"""Versioned OpenSearch indexes behind stable aliases.

Readers and writers only ever name the alias (`<prefix>-documents`, `<prefix>-pages`).
Behind it is one concrete index, `<alias>-v<mapping version>-<generation>`, created from
`indices/mappings/<kind>.v<version>.json`. `achyk reindex` builds the next generation
from the database and moves both aliases in one `_aliases` call, so a search sees either
the old pair or the new pair, never a mix and never nothing.
"""

from __future__ import annotations

import copy
import json
import logging
import re
from functools import cache
from pathlib import Path
from typing import Any, Literal

from opensearchpy import OpenSearch
from opensearchpy.exceptions import RequestError

log = logging.getLogger(__name__)

Kind = Literal["documents", "pages"]
KINDS: tuple[Kind, ...] = ("documents", "pages")
MAPPINGS = Path(__file__).with_name("mappings")
_FILE = re.compile(r"^(?P<kind>[a-z]+)\.v(?P<version>\d+)\.json$")
_NAME = re.compile(r"-v(?P<version>\d+)-(?P<generation>\d+)$")


@cache
def _bodies() -> dict[str, tuple[int, str]]:
    """The newest (version, JSON text) per kind found in indices/mappings/."""
    out: dict[str, tuple[int, str]] = {}
    for p in MAPPINGS.glob("*.json"):
        m = _FILE.match(p.name)
        if m and int(m["version"]) > out.get(m["kind"], (0, ""))[0]:
            out[m["kind"]] = (int(m["version"]), p.read_text(encoding="utf-8"))
    return out


def mapping_version(kind: Kind) -> int:
    return _bodies()[kind][0]


def index_body(kind: Kind) -> dict[str, Any]:
    body: dict[str, Any] = json.loads(_bodies()[kind][1])
    return body


def alias_name(prefix: str, kind: Kind) -> str:
    return f"{prefix}-{kind}"


def index_name(prefix: str, kind: Kind, version: int, generation: int) -> str:
    return f"{alias_name(prefix, kind)}-v{version}-{generation}"


def parse_name(name: str) -> tuple[int, int] | None:
    """(mapping version, generation) of a concrete index name, None if not ours."""
    m = _NAME.search(name)
    return (int(m["version"]), int(m["generation"])) if m else None


def behind_alias(client: OpenSearch, alias: str) -> list[str]:
    if not client.indices.exists_alias(name=alias):
        return []
    return sorted(client.indices.get_alias(name=alias))


def concrete_indexes(client: OpenSearch, prefix: str, kind: Kind) -> list[str]:
    pattern = f"{alias_name(prefix, kind)}-v*"
    found = client.indices.get(index=pattern, allow_no_indices=True, expand_wildcards="open,closed")
    return sorted(n for n in found if parse_name(n) is not None)


def next_generation(client: OpenSearch, prefix: str) -> int:
    gens = [0]
    for kind in KINDS:
        for n in concrete_indexes(client, prefix, kind):
            parsed = parse_name(n)
            if parsed:
                gens.append(parsed[1])
    return max(gens) + 1


def create(client: OpenSearch, name: str, kind: Kind, *, loading: bool = False) -> None:
    """Create one concrete index from the current body; `loading` turns refreshes off."""
    body = copy.deepcopy(index_body(kind))
    if loading:
        body["settings"]["index"]["refresh_interval"] = "-1"
    try:
        client.indices.create(index=name, body=body)
    except RequestError as e:
        if e.error != "resource_already_exists_exception":
            raise


def finish_loading(client: OpenSearch, name: str, kind: Kind) -> None:
    """Back to the body's refresh interval, refreshed, replicas allocated (or yellow)."""
    interval = index_body(kind)["settings"]["index"].get("refresh_interval", "1s")
    client.indices.put_settings(index=name, body={"index": {"refresh_interval": interval}})
    client.indices.refresh(index=name)
    # `timeout` alone would be taken by the client as its own socket timeout
    client.cluster.health(index=name, wait_for_status="yellow", timeout="120s", request_timeout=130)


def ensure(client: OpenSearch, prefix: str) -> dict[Kind, str]:
    """Both aliases exist and point at one index each; creates generation 1 if missing.

    Safe to run from many processes at once: the first index name is deterministic, an
    existing index is not an error, and adding an alias twice is a no-op.
    """
    out: dict[Kind, str] = {}
    for kind in KINDS:
        alias = alias_name(prefix, kind)
        current = behind_alias(client, alias)
        if not current:
            name = index_name(prefix, kind, mapping_version(kind), 1)
            create(client, name, kind)
            client.indices.update_aliases(
                body={"actions": [{"add": {"index": name, "alias": alias}}]}
            )
            current = behind_alias(client, alias)
        if len(current) != 1:
            raise RuntimeError(f"alias {alias} points at {current}: expected one index")
        parsed = parse_name(current[0])
        if parsed and parsed[0] < mapping_version(kind):
            log.warning(
                "%s uses mapping v%d, the code has v%d: run `achyk reindex`",
                alias,
                parsed[0],
                mapping_version(kind),
            )
        out[kind] = current[0]
    return out


def swap(client: OpenSearch, prefix: str, new: dict[Kind, str]) -> list[str]:
    """Point both aliases at the new indexes in one atomic call; returns the old ones."""
    actions: list[dict[str, Any]] = []
    old: list[str] = []
    for kind, name in new.items():
        alias = alias_name(prefix, kind)
        for o in behind_alias(client, alias):
            if o != name:
                actions.append({"remove": {"index": o, "alias": alias}})
                old.append(o)
        actions.append({"add": {"index": name, "alias": alias}})
    client.indices.update_aliases(body={"actions": actions})
    return old


def drop(client: OpenSearch, names: list[str]) -> None:
    for n in names:
        client.indices.delete(index=n, ignore_unavailable=True)
