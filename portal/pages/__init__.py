"""The start page and each role's signed-in home."""
