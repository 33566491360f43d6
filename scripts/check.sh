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

# Mermaid's own parser (under jsdom, no browser) checks every diagram in the docs.
MERMAID_DIR=.cache/mermaid
if [ ! -d "$MERMAID_DIR/node_modules/mermaid" ] || [ ! -d "$MERMAID_DIR/node_modules/jsdom" ]; then
    echo "== installing mermaid@11 and jsdom@24 into $MERMAID_DIR"
    npm install --prefix "$MERMAID_DIR" --no-audit --no-fund --loglevel=error mermaid@11 jsdom@24
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
echo "== mermaid (every diagram in docs/ parsed by Mermaid itself)"
cp scripts/check_mermaid.mjs "$MERMAID_DIR/check_mermaid.mjs"
node "$MERMAID_DIR/check_mermaid.mjs" docs/*.md
echo "== docs (mkdocs build --strict)"
DOCS_VENV_READY=1 bash scripts/docs.sh
echo "== webhook-only install"
bash scripts/webhook_only.sh
