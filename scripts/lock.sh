#!/usr/bin/env bash
# Refresh constraints.txt, the lock every development and CI install uses: one
# resolution of the runtime dependencies, every extra and every dependency group,
# valid on each claimed Python (3.10 and newer; where the pins differ by Python, an
# environment marker says which applies). Review the diff, run the gate, commit.
#   bash scripts/lock.sh            re-resolve, keeping the current pins where they still fit
#   bash scripts/lock.sh --upgrade  move every pin to the newest release
set -euo pipefail
cd "$(dirname "$0")/.."

# uv resolves; it is in the `dev` group, and installed here first if .venv lacks it.
if [ ! -x .venv/bin/uv ]; then
    [ -x .venv/bin/python ] || "${PYTHON:-python3}" -m venv .venv
    _pin=()
    [ -f constraints.txt ] && _pin=(--constraint constraints.txt)
    .venv/bin/python -m pip install --quiet --disable-pip-version-check "${_pin[@]}" 'uv>=0.8'
fi
.venv/bin/uv pip compile pyproject.toml --universal --python-version 3.10 \
    --all-extras --group dev --group docs --group bench \
    --quiet --no-annotate --custom-compile-command "bash scripts/lock.sh" \
    --output-file constraints.txt "$@"
echo "lock.sh: wrote constraints.txt"
