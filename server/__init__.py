"""The process that serves HTTP: the app composed from the API and the UI."""
