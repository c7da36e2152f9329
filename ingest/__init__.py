"""Achyk: ingest."""
