#!/usr/bin/env bash
# The public types as a user's type checker sees them: build the wheel, install it
# (not editable) into a throwaway virtual environment, and require
# `pyright --verifytypes telnyx_gather --ignoreexternal` to score 100%.
# Run by scripts/check.sh, after .venv is set up with the `dev` group.
set -euo pipefail
cd "$(dirname "$0")/.."

TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

# hatchling comes from the `dev` group, so no isolated build environment is needed.
if ! .venv/bin/python -m build --wheel --no-isolation --outdir "$TMP/dist" . >"$TMP/build.log" 2>&1; then
    cat "$TMP/build.log" >&2
    exit 1
fi
.venv/bin/python -m venv --without-pip "$TMP/venv"
.venv/bin/python -m pip --python "$TMP/venv/bin/python" install --quiet \
    --disable-pip-version-check --no-deps --no-index "$TMP"/dist/*.whl
# The dependencies (pydantic, telnyx, the frameworks, redis) are read from .venv's
# site-packages, added after the throwaway one; a path added by a .pth line gets its
# own .pth files skipped, so the editable install of this project stays out of sight.
SITE="$("$TMP/venv/bin/python" -c 'import sysconfig; print(sysconfig.get_path("purelib"))')"
.venv/bin/python -c 'import sysconfig; print(sysconfig.get_path("purelib"))' >"$SITE/_deps.pth"
FOUND="$("$TMP/venv/bin/python" -c 'import telnyx_gather; print(telnyx_gather.__file__)')"
case "$FOUND" in
    "$SITE"/*) ;;
    *) echo "verifytypes.sh: telnyx_gather resolves to $FOUND, not the wheel" >&2; exit 1 ;;
esac

# pyright takes the interpreter (and so the search paths) from the active environment.
cd "$TMP"
echo '{}' >pyrightconfig.json
if ! VIRTUAL_ENV="$TMP/venv" PATH="$TMP/venv/bin:$PATH" "$OLDPWD/.venv/bin/pyright" \
    --verifytypes telnyx_gather --ignoreexternal >report.txt; then
    cat report.txt
    echo "verifytypes.sh: the public types are not 100% complete (above)" >&2
    exit 1
fi
grep -E '^Type completeness score' report.txt
