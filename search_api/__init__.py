"""Achyk: search_api."""
