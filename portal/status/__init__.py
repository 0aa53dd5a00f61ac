"""Timelines for residents, and status look-up without an account."""
