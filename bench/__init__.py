"""Benchmarks: each script prints one JSON line of figures.

Run them as `.venv/bin/python bench/NAME.py`.
"""
