"""Light server-rendered web UI, served by search_api."""
