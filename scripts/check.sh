#!/usr/bin/env bash
# Set up a virtual environment (if needed, from the lock: constraints.txt) and run the
# whole gate: ruff, mypy --strict, pyright --strict, the public types, pytest (with
# Prism, the spec mock) on this python3 and then on the oldest and newest claimed
# Pythons (scripts/pythons.sh), the docs, the built wheel's webhook-only install.
# Arguments go to pytest. `bash scripts/latest.sh` runs the suite on the newest releases.
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/_venv.sh client dev docs

export PATH="$PWD/.venv/bin:$PATH"

. scripts/_prism.sh

echo "== ruff"
ruff check .
ruff format --check .
echo "== mypy"
mypy
echo "== pyright"
pyright
echo "== public types (pyright --verifytypes on a wheel install)"
bash scripts/verifytypes.sh
echo "== pytest ($(python --version))"
pytest "$@"
echo "== pytest on the oldest and newest claimed Pythons"
bash scripts/pythons.sh "$@"
echo "== docs (mkdocs build --strict)"
DOCS_VENV_READY=1 bash scripts/docs.sh
echo "== webhook-only install (the built wheel, no extras)"
VENV_READY=1 bash scripts/webhook_only.sh
