"""Benchmarks: commands that measure, print a table and write it as JSON (never timed tests)."""
