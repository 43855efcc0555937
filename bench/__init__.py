"""Benchmarks of the platform (`make bench`): they create their own data and print their figures."""
