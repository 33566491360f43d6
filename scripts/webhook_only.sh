#!/usr/bin/env bash
# Install the package as the README says, from a built wheel, without extras: build the
# wheel and sdist (`python -m build`), require `twine check --strict` to pass on both,
# install the wheel into a fresh virtual environment, check that the telnyx SDK is
# absent, and run the Lambda example there against signed events.
# Uses .venv (build, hatchling and twine come from the `dev` group); scripts/check.sh
# sets it up first, and so does this script when run alone.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${VENV_READY:-}" != 1 ]; then
    . scripts/_venv.sh client dev
fi
PYTHON="${PYTHON:-python3}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# hatchling is pinned in the lock, so no isolated build environment is needed.
if ! .venv/bin/python -m build --no-isolation --outdir "$TMP/dist" . >"$TMP/build.log" 2>&1; then
    cat "$TMP/build.log" >&2
    exit 1
fi
.venv/bin/python -m twine check --strict "$TMP"/dist/*
"$PYTHON" -m venv "$TMP/webhook-only"
# The package's runtime dependencies, at the lock's versions (pip's cache is reused).
"$TMP/webhook-only/bin/python" -m pip install --quiet --disable-pip-version-check \
    --constraint constraints.txt "$TMP"/dist/*.whl
if "$TMP/webhook-only/bin/python" -c "import telnyx" 2>/dev/null; then
    echo "telnyx is importable in a webhook-only install" >&2
    exit 1
fi
"$TMP/webhook-only/bin/python" scripts/webhook_only_smoke.py
