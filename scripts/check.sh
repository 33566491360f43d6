#!/usr/bin/env bash
# Set up a virtual environment (if needed) and run the whole gate:
# ruff, mypy --strict, pyright --strict, pytest (with Prism, the spec mock, and
# dynalite, a DynamoDB-compatible server).
set -euo pipefail
cd "$(dirname "$0")/.."

. scripts/_venv.sh client dev docs

export PATH="$PWD/.venv/bin:$PATH"

# Prism, the mock of the spec that the contract tests run against; installed once.
PRISM_DIR=.cache/prism
if [ ! -x "$PRISM_DIR/node_modules/.bin/prism" ]; then
    command -v npm >/dev/null || {
        echo "check.sh: npm (Node.js) is needed to install Prism for the contract tests" >&2
        exit 1
    }
    echo "== installing @stoplight/prism-cli@5 into $PRISM_DIR"
    npm install --prefix "$PRISM_DIR" --no-audit --no-fund --loglevel=error @stoplight/prism-cli@5
fi

. scripts/_dynalite.sh

echo "== ruff"
ruff check .
ruff format --check .
echo "== mypy"
mypy
echo "== pyright"
pyright
echo "== public types (pyright --verifytypes on a wheel install)"
bash scripts/verifytypes.sh
echo "== pytest"
pytest "$@"
echo "== docs (mkdocs build --strict)"
DOCS_VENV_READY=1 bash scripts/docs.sh
echo "== webhook-only install"
bash scripts/webhook_only.sh
