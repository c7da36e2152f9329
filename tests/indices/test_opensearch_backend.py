"""What only the OpenSearch backend has: its analyzers, aliases over versioned indexes,
bulk retries, and the DSL its compiler emits.

The node's own `_analyze` is asked to analyse real text with the mapping's analyzers, and
must give the very terms analysis.py gives (what the tantivy index holds): that is the
ground the conformance suite stands on.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterator
from typing import Any

import pytest
from opensearchpy import OpenSearch
from opensearchpy.exceptions import ConnectionTimeout, TransportError

from indices import opensearch_indices as ix
from indices.analysis import MAX_TOKEN_BYTES, exact_terms, kept, terms
from indices.opensearch_backend import OpenSearchBackend, engine_text
from indices.opensearch_bulk import BulkError, BulkPolicy, batches, bulk, index_action
from indices.opensearch_query import compile_node, search_body
from indices.query import Bool, Fuzzy, MatchAll, Terms, parse
from indices.types import Filters, IndexDoc
from tests.indices.samples import DOCS, bench_corpus

T = ("text", "title")


@pytest.fixture
def client(opensearch_url: str) -> Iterator[OpenSearch]:
    c = OpenSearch(hosts=[opensearch_url])
    yield c
    c.close()


@pytest.fixture
def prefix(opensearch_prefix: str, request: pytest.FixtureRequest) -> str:
    return f"{opensearch_prefix}-{request.node.name.split('[')[0][5:30].replace('_', '-')}"


# -- analysis: the node's analyzers give analysis.py's terms ------------------------------

SAMPLE = (
    "Ёлки судъ СѢЛѢ Россія ОБЪЕКТЪ объявление 58-10 ст.ст. 367,368 ГПК КР; «Кызыл-Суу» "
    "Кылмыш-жаза кодексинин 168-беренесинин өкүм ɵкүм мыйзамдыҥ Үй-бүлө трибуналом "
    "трибуналами неудовлетворительного сельскохозяйственной контрреволюционного "
    "e-mail x_y O'Brien naïve 1937г. №14 IV-й "
    + "а" * 45
    + " "
    + "b" * 41
    + " "
    + "ж" * 130
    + " "
    + "q" * 260
)


def _analyze(client: OpenSearch, index: str, analyzer: str, text: str) -> list[str]:
    resp = client.indices.analyze(index=index, body={"analyzer": analyzer, "text": text})
    return [t["token"] for t in resp["tokens"]]


@pytest.mark.opensearch
def test_node_analyzers_give_the_python_terms(client: OpenSearch, prefix: str) -> None:
    b = OpenSearchBackend("", prefix=prefix, client=client)
    index = b.docs_alias
    texts = [SAMPLE] + [p.text for d in DOCS for p in d.pages]
    texts += [p.text for d in bench_corpus().corpus(150).docs for p in d.pages]
    for text in texts:
        sent = engine_text(text)
        assert _analyze(client, index, "achyk_ru", sent) == [t for t in terms(text) if t], text
        assert _analyze(client, index, "achyk_exact", sent) == [
            t for t in exact_terms(text) if kept(t)
        ], text


def test_engine_text_drops_what_tantivy_drops() -> None:
    filler = "x" * (MAX_TOKEN_BYTES + 1)
    assert engine_text("Членъ сельскохозяйственной артели") == "Член сельскохозяйственной артели"
    assert engine_text("ёж " + "ж" * 128 + " артели") == f"еж {filler} артели"  # 256 bytes
    assert engine_text("ёж " + "ж" * 127) == "еж " + "ж" * 127  # 254 bytes stay


# -- aliases over versioned indexes -------------------------------------------------------

V = ix.mapping_version("documents")  # the newest mappings in indices/mappings/, per kind
P = ix.mapping_version("pages")


def _aliases(client: OpenSearch, prefix: str) -> dict[str, list[str]]:
    found = client.indices.get_alias(index=f"{prefix}-*")
    return {name: sorted(v["aliases"]) for name, v in sorted(found.items())}


@pytest.mark.opensearch
def test_versioned_indexes_behind_aliases(client: OpenSearch, prefix: str) -> None:
    b = OpenSearchBackend("", prefix=prefix, client=client)
    assert _aliases(client, prefix) == {
        f"{prefix}-documents-v{V}-1": [f"{prefix}-documents"],
        f"{prefix}-pages-v{P}-1": [f"{prefix}-pages"],
    }
    b.index(DOCS)
    b.rebuild(iter(DOCS))
    assert _aliases(client, prefix) == {
        f"{prefix}-documents-v{V}-2": [f"{prefix}-documents"],
        f"{prefix}-pages-v{P}-2": [f"{prefix}-pages"],
    }
    settings = client.indices.get_settings(index=f"{prefix}-documents-v{V}-2")
    assert settings[f"{prefix}-documents-v{V}-2"]["settings"]["index"]["refresh_interval"] == "1s"
    mapping = client.indices.get_mapping(index=f"{prefix}-pages")
    assert mapping[f"{prefix}-pages-v{P}-2"]["mappings"]["_meta"] == {
        **ix.index_body("pages")["mappings"]["_meta"]
    }
    assert b.count() == 7


@pytest.mark.opensearch
def test_a_failed_rebuild_drops_the_half_built_indexes(client: OpenSearch, prefix: str) -> None:
    b = OpenSearchBackend("", prefix=prefix, client=client)
    b.index(DOCS)

    def broken() -> Iterator[IndexDoc]:
        yield from DOCS
        raise RuntimeError("database went away")

    with pytest.raises(RuntimeError):
        b.rebuild(broken())
    assert sorted(_aliases(client, prefix)) == [
        f"{prefix}-documents-v{V}-1",
        f"{prefix}-pages-v{P}-1",
    ]


@pytest.mark.opensearch
def test_many_processes_opening_at_once_make_one_index(
    client: OpenSearch, prefix: str, opensearch_url: str
) -> None:
    errors: list[BaseException] = []

    def open_one() -> None:
        try:
            OpenSearchBackend(opensearch_url, prefix=prefix).close()
        except BaseException as e:
            errors.append(e)

    threads = [threading.Thread(target=open_one) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(_aliases(client, prefix)) == [
        f"{prefix}-documents-v{V}-1",
        f"{prefix}-pages-v{P}-1",
    ]


@pytest.mark.opensearch
def test_an_older_mapping_is_served_with_a_warning(
    client: OpenSearch, prefix: str, caplog: pytest.LogCaptureFixture
) -> None:
    for kind in ix.KINDS:
        name = ix.index_name(prefix, kind, 0, 7)
        ix.create(client, name, kind)
        client.indices.put_alias(index=name, name=ix.alias_name(prefix, kind))
    with caplog.at_level(logging.WARNING, logger="indices.opensearch_indices"):
        b = OpenSearchBackend("", prefix=prefix, client=client)
    assert "run `achyk reindex`" in caplog.text
    b.rebuild(iter(DOCS[:2]))
    assert sorted(_aliases(client, prefix)) == [
        f"{prefix}-documents-v{V}-8",
        f"{prefix}-pages-v{P}-8",
    ]


# -- bulk: batches and retries (a scripted client: a busy cluster on demand) --------------


class ScriptedClient:
    """Answers bulk calls from a script: an exception to raise or item statuses to report."""

    def __init__(self, script: list[Any]) -> None:
        self.script = script
        self.sent: list[list[str]] = []

    def bulk(self, *, body: str, **_: Any) -> dict[str, Any]:
        ids = [json.loads(line)["index"]["_id"] for line in body.splitlines()[::2]]
        self.sent.append(ids)
        step = self.script.pop(0) if self.script else None
        if isinstance(step, Exception):
            raise step
        statuses = step or {}
        items = [
            {
                "index": {
                    "_id": i,
                    "status": statuses.get(i, 201),
                    "error": {"type": "x"} if statuses.get(i, 201) >= 300 else None,
                }
            }
            for i in ids
        ]
        return {"errors": any(i["index"]["status"] >= 300 for i in items), "items": items}


def _actions(n: int) -> list[Any]:
    return [index_action("ix", str(i), {"n": i}) for i in range(n)]


def test_bulk_cuts_batches_by_count_and_bytes() -> None:
    policy = BulkPolicy(batch_actions=3, batch_bytes=10_000)
    assert [len(b) for b in batches(_actions(7), policy)] == [3, 3, 1]
    big = [index_action("ix", str(i), {"t": "я" * 3000}) for i in range(4)]
    assert [len(b) for b in batches(big, BulkPolicy(batch_bytes=13_000))] == [2, 2]


def test_bulk_retries_refused_items_and_timeouts_with_backoff() -> None:
    client = ScriptedClient(
        [
            TransportError(429, "es_rejected_execution_exception", {}),
            {"1": 429, "2": 429},
            ConnectionTimeout("TIMEOUT", "read", None),
            {},
        ]
    )
    slept: list[float] = []
    done = bulk(
        client,
        _actions(4),
        BulkPolicy(initial_backoff=0.1),  # type: ignore[arg-type]
        sleep=slept.append,
    )
    assert done == 4
    assert client.sent == [["0", "1", "2", "3"], ["0", "1", "2", "3"], ["1", "2"], ["1", "2"]]
    assert slept == [0.1, 0.2, 0.4]


def test_bulk_gives_up_on_real_errors_and_after_retries() -> None:
    with pytest.raises(BulkError, match="bulk index of 1 failed"):
        bulk(ScriptedClient([{"1": 400}]), _actions(3), sleep=lambda _s: None)  # type: ignore[arg-type]
    with pytest.raises(BulkError, match="still refusing 1 items"):
        bulk(
            ScriptedClient([{"0": 429}] * 4),
            _actions(2),  # type: ignore[arg-type]
            BulkPolicy(max_retries=3),
            sleep=lambda _s: None,
        )
    with pytest.raises(BulkError, match="bulk request failed"):
        bulk(
            ScriptedClient([TransportError(400, "parse_exception", {})]),  # type: ignore[arg-type]
            _actions(1),
            sleep=lambda _s: None,
        )


# -- the DSL ------------------------------------------------------------------------------


def test_compiled_dsl_sends_analysed_terms_unchanged() -> None:
    assert compile_node(parse("суда"), "documents") == {
        "bool": {
            "should": [
                {"term": {"text": {"value": "суд", "boost": 1.0}}},
                {"term": {"title": {"value": "суд", "boost": 2.0}}},
            ],
            "minimum_should_match": 1,
        }
    }
    assert compile_node(parse('"Военного трибунала"'), "pages") == {
        "match_phrase": {"text.exact": {"query": "военного трибунала", "boost": 1.0}}
    }
    assert compile_node(parse("title:суд"), "pages") == {"match_none": {}}
    assert compile_node(Fuzzy("суд", 1, ("text",)), "documents") == {
        "fuzzy": {
            "text.exact": {
                "value": "суд",
                "fuzziness": 1,
                "transpositions": True,
                "prefix_length": 0,
                "max_expansions": 1024,
                "rewrite": "constant_score",
                "boost": 1.0,
            }
        }
    }


def test_compiled_bool_matches_like_tantivy() -> None:
    t = Terms(("суд",), ("text",))
    assert compile_node(Bool(), "documents") == {"match_none": {}}
    assert compile_node(Bool(must_not=(t,)), "documents") == {"match_none": {}}
    assert compile_node(Bool(should=(t, t)), "documents")["bool"]["minimum_should_match"] == 1
    assert (
        "minimum_should_match"
        not in compile_node(Bool(must=(MatchAll(),), should=(t,)), "documents")["bool"]
    )
    assert compile_node(Terms((), T), "documents") == {"match_none": {}}


def test_search_body_is_exact_and_bounded() -> None:
    body = search_body(
        parse(""), Filters(language=("ky",), year_from=1930), offset=20_000, limit=10, facets=True
    )
    assert (body["from"], body["size"], body["track_total_hits"]) == (10_000, 0, True)
    assert body["query"]["bool"]["filter"] == [
        {"terms": {"language": ["ky"]}},
        {"range": {"year": {"gte": 1930}}},
    ]
    assert body["aggs"]["year"]["terms"]["order"] == [{"_count": "desc"}, {"_key": "asc"}]
