#!/usr/bin/env bash
# Set up a virtual environment (if needed) and run the whole gate:
# ruff, mypy --strict, pyright --strict, pytest.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[dev,client]'

export PATH="$PWD/.venv/bin:$PATH"

echo "== ruff"
ruff check .
ruff format --check .
echo "== mypy"
mypy
echo "== pyright"
pyright
echo "== pytest"
pytest "$@"
echo "== webhook-only install"
bash scripts/webhook_only.sh
