"""Benchmark: build a synthetic large OPCC and measure the build."""
