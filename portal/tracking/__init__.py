"""Persisting the workflow: request rows, their events, and the signals other capabilities hear."""
