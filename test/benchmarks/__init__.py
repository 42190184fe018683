"""Speed and memory benchmarks: ``python -m test.benchmarks`` (never part of pass/fail)."""
