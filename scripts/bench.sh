#!/usr/bin/env bash
# Set up a virtual environment (if needed) and run the benchmarks.
# Pass --quick for fewer samples, --explain for a cold start broken down step by step.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/_venv.sh client dev bench
. scripts/_dynalite.sh
exec .venv/bin/python -m benchmarks "$@"
