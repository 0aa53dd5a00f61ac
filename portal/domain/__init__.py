"""Pure domain rules: no Flask, no SQLAlchemy (tests/domain/test_purity.py checks this)."""
