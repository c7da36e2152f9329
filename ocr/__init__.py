"""Achyk: ocr."""
