"""Achyk: indices."""
