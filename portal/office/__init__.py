"""The caseworker and reviewer console."""
