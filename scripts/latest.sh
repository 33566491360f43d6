#!/usr/bin/env bash
# Run the test suite against the newest release of every dependency instead of the
# lock's (constraints.txt), so that drift shows here before users meet it. Installs
# into its own virtual environment, .venv-latest-<python version>, leaving the locked
# ones alone. Arguments go to pytest.
#   bash scripts/latest.sh                        on python3
#   PYTHON=python3.13 bash scripts/latest.sh -x   on another interpreter
# A failure here is news, not a broken gate: fix the code (or cap the dependency in
# pyproject.toml), then move the lock with `bash scripts/lock.sh --upgrade`.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
VENV=".venv-latest-$("$PYTHON" -c 'import sys; print("%d.%d" % sys.version_info[:2])')"
LATEST=1 . scripts/_venv.sh client dev
. scripts/_prism.sh
echo "== the newest releases in $VENV:"
"$VENV/bin/python" -m pip list --disable-pip-version-check --format freeze \
    | grep -iE '^(pydantic|pydantic.core|telnyx|starlette|fastapi|flask|django|redis|httpx2?)=='
"$VENV/bin/python" -m pytest -p no:cacheprovider "$@"
