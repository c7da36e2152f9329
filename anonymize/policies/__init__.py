"""Depersonification policies, one JSON file per collection kind."""
