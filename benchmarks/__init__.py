"""Benchmarks of telnyx-gather against the floor and against the official SDK.

Run them all with `bash scripts/bench.sh` (or `python -m benchmarks`);
`--quick` takes fewer samples.
"""
