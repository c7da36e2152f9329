"""Achyk: drafts — the draft-law portal's domain engine (pure logic, no storage)."""
