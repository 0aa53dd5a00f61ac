"""Sign-in, roles and language choice."""
