"""Tools built on the test client: `python -m tests.tools.walkthrough` (or `make walkthrough`)."""
