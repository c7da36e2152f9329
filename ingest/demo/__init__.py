"""Achyk: ingest/demo."""
