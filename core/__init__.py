"""Achyk: core."""
