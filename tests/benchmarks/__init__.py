"""Benchmarks and the data they run on; not collected by pytest (bench_*.py)."""
