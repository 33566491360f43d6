#!/usr/bin/env bash
# Install the package without extras into a fresh virtual environment, check that
# the telnyx SDK is absent, and run the Lambda example there against signed events.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
VENV="$(mktemp -d)/webhook-only"
trap 'rm -rf "$(dirname "$VENV")"' EXIT

"$PYTHON" -m venv "$VENV"
# pip's cache is reused across runs; the package's real runtime dependencies are installed.
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check .
if "$VENV/bin/python" -c "import telnyx" 2>/dev/null; then
    echo "telnyx is importable in a webhook-only install" >&2
    exit 1
fi
"$VENV/bin/python" scripts/webhook_only_smoke.py
