"""Achyk: ingest/handlers."""
