#!/usr/bin/env bash
# Set up a virtual environment (if needed) and run the main job on its embedded default:
# an app written with the Router takes a whole call against the offline Call Control
# sandbox, which injects a dropped answer and a duplicate; each is handled once.
set -euo pipefail
cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --constraint constraints.txt \
    -e ".[client]"
exec .venv/bin/python -m telnyx_gather demo "$@"
