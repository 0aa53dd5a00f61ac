"""The anonymous eligibility pre-check."""
