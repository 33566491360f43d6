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
echo "== pytest ($(python --version))"
pytest "$@"
echo "== mermaid (every diagram in docs/ parsed by Mermaid itself)"
cp scripts/check_mermaid.mjs "$MERMAID_DIR/check_mermaid.mjs"
node "$MERMAID_DIR/check_mermaid.mjs" docs/*.md
echo "== pytest on the oldest and newest claimed Pythons"
bash scripts/pythons.sh "$@"
echo "== docs (mkdocs build --strict)"
DOCS_VENV_READY=1 bash scripts/docs.sh
echo "== webhook-only install (the built wheel, no extras)"
VENV_READY=1 bash scripts/webhook_only.sh
