"""What the API, the UI and the CLI share: backups and restores today."""
