"""The one OpenSearch client (one connection pool) a process holds for its cluster.

The documents and pages indices (`indices.opensearch_backend`) and the persons index
(`persons.index`) live on the same cluster; each used to open its own client, so a
process kept two connection pools (three in a pipeline worker that also proposes
persons) to one resource. The application context (`indices.context.AppContext`) opens
one client with these parameters and hands it to both; an index given a client does not
close it, the context does.
"""

from __future__ import annotations

from opensearchpy import OpenSearch

TIMEOUT_S = 30  # a bulk load or a delete-by-query of a big batch takes seconds
MAX_RETRIES = 3  # the client's own retries of a request whose connection failed


def connect(url: str) -> OpenSearch:
    """A client for the cluster at ``url``: its pool serves every index of the process."""
    return OpenSearch(hosts=[url], timeout=TIMEOUT_S, max_retries=MAX_RETRIES)
