"""Speed and size targets, measured as medians and percentiles (`make bench`); never asserted in tests."""
