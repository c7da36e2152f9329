"""Bulk writes in batches, retrying what a busy cluster refuses (429) or drops (timeouts).

Every action carries an explicit _id (document id, `<doc_id>-<number>` for pages), so
resending a batch, or the part of it the cluster refused, is idempotent. Anything else
a bulk item reports (a mapping error, a closed index) is not transient and raises.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from opensearchpy import OpenSearch
from opensearchpy.exceptions import ConnectionError as OSConnectionError
from opensearchpy.exceptions import ConnectionTimeout, TransportError

log = logging.getLogger(__name__)

Action = tuple[dict[str, Any], dict[str, Any] | None]  # (meta line, source or None for delete)


class BulkError(RuntimeError):
    """A bulk item failed for a reason retrying cannot fix, or retries ran out."""


@dataclass(frozen=True, slots=True)
class BulkPolicy:
    batch_actions: int = 500
    batch_bytes: int = 8 * 1024 * 1024
    max_retries: int = 8
    initial_backoff: float = 0.5
    max_backoff: float = 30.0
    request_timeout: float = 120.0

    def backoff(self, attempt: int) -> float:
        out: float = min(self.max_backoff, self.initial_backoff * 2**attempt)
        return out


def index_action(index: str, doc_id: str, source: dict[str, Any]) -> Action:
    return {"index": {"_index": index, "_id": doc_id}}, source


def delete_action(index: str, doc_id: str) -> Action:
    return {"delete": {"_index": index, "_id": doc_id}}, None


def _lines(action: Action) -> str:
    meta, source = action
    head = json.dumps(meta, ensure_ascii=False)
    if source is None:
        return head + "\n"
    return head + "\n" + json.dumps(source, ensure_ascii=False) + "\n"


def batches(actions: Iterable[Action], policy: BulkPolicy) -> Iterator[list[tuple[Action, str]]]:
    """Actions with their NDJSON, cut at a count or a byte size, whichever comes first."""
    batch: list[tuple[Action, str]] = []
    size = 0
    for a in actions:
        text = _lines(a)
        n = len(text.encode())
        if batch and (len(batch) >= policy.batch_actions or size + n > policy.batch_bytes):
            yield batch
            batch, size = [], 0
        batch.append((a, text))
        size += n
    if batch:
        yield batch


def _transient(e: Exception) -> bool:
    if isinstance(e, ConnectionTimeout | OSConnectionError):
        return True
    return isinstance(e, TransportError) and e.status_code in (429, 502, 503, 504)


def _item_ok(op: str, item: dict[str, Any]) -> bool:
    status = int(item.get("status", 500))
    return status < 300 or (op == "delete" and status == 404)


def send_batch(
    client: OpenSearch,
    batch: list[tuple[Action, str]],
    policy: BulkPolicy,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Send one batch until every item is accepted; returns how many retries it took."""
    pending = batch
    for attempt in range(policy.max_retries + 1):
        try:
            resp = client.bulk(
                body="".join(t for _, t in pending),
                timeout=f"{int(policy.request_timeout)}s",
                request_timeout=policy.request_timeout,
            )
        except Exception as e:
            if not _transient(e) or attempt == policy.max_retries:
                raise BulkError(f"bulk request failed: {e}") from e
            log.warning("bulk: %s, retrying in %.1fs", e, policy.backoff(attempt))
            sleep(policy.backoff(attempt))
            continue
        if not resp.get("errors"):
            return attempt
        retry: list[tuple[Action, str]] = []
        for entry, result in zip(pending, resp["items"], strict=True):
            op, item = next(iter(result.items()))
            if _item_ok(op, item):
                continue
            if int(item.get("status", 500)) == 429:
                retry.append(entry)
                continue
            raise BulkError(f"bulk {op} of {item.get('_id')} failed: {item.get('error')}")
        if not retry:
            return attempt
        if attempt == policy.max_retries:
            break
        log.warning(
            "bulk: %d items refused (429), retrying in %.1fs", len(retry), policy.backoff(attempt)
        )
        sleep(policy.backoff(attempt))
        pending = retry
    raise BulkError(
        f"bulk: cluster still refusing {len(pending)} items after {policy.max_retries} retries"
    )


def bulk(
    client: OpenSearch,
    actions: Iterable[Action],
    policy: BulkPolicy | None = None,
    *,
    on_batch: Callable[[int], None] | None = None,
    sleep: Callable[[float], None] = time.sleep,
) -> int:
    """Write every action in batches; returns the number of actions written."""
    policy = policy or BulkPolicy()
    done = 0
    for batch in batches(actions, policy):
        send_batch(client, batch, policy, sleep)
        done += len(batch)
        if on_batch:
            on_batch(len(batch))
    return done
