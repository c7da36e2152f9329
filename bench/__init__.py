"""Benchmarks: each script prints one JSON line of figures (run as .venv/bin/python bench/NAME.py)."""
