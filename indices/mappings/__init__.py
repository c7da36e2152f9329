"""Versioned OpenSearch index bodies (settings + mappings): `<kind>.v<N>.json`.

A change to a file's analysis or mappings is a new file with the next N, never an edit:
the alias keeps serving the old index until `achyk reindex` builds one from the new body.
"""
