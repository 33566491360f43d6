#!/usr/bin/env bash
# Mutation testing of the delivery core (router/, the stores, the leases) with mutmut.
# Not part of the gate: a run takes tens of minutes. See docs/development.md.
# Usage: bash scripts/mutate.sh [MUTANT-NAME-GLOB ...]
#   e.g. bash scripts/mutate.sh 'telnyx_gather.router._delivery*'
# Environment: MUTATE_CHILDREN (parallel workers, default 1).
# The modules mutated and the tests run are set in pyproject.toml, [tool.mutmut].
# mutmut works on a copy under mutants/ (ignored by git); delete it for a fresh run.
set -euo pipefail
cd "$(dirname "$0")/.."
if [ ! -x .venv/bin/mutmut ]; then
    .venv/bin/python -m pip install --quiet --disable-pip-version-check 'mutmut==3.8.1'
fi
mkdir -p mutants
# The tests start dynalite from .cache; the copy shares the checkout's.
if [ ! -e mutants/.cache ]; then
    ln -s "$PWD/.cache" mutants/.cache
fi
.venv/bin/mutmut run --max-children "${MUTATE_CHILDREN:-1}" "$@"
.venv/bin/mutmut results
