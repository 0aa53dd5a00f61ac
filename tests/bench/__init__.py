"""Benchmarks: they measure and print, they never pass or fail (run by `make bench`)."""
