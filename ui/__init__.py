"""Achyk: ui."""
