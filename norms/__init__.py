"""Achyk: norms."""
