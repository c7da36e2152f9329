"""Achyk: search_api/routers."""
