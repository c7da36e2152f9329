"""Achyk: anonymize."""
