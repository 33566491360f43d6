#!/usr/bin/env bash
# Run the test suite on the oldest and the newest Python the package claims (3.10 and
# 3.13), each in its own virtual environment (.venv-3.10, .venv-3.13) installed from the
# lock, both at once; each run's output goes to .cache/pytest-<version>.log and its tail
# is printed. Run by scripts/check.sh after the main interpreter's pytest.
#   bash scripts/pythons.sh [PYTEST ARGS]
# Each interpreter is python3.X on the PATH, else the newest ~/.pyenv/versions/3.X.*;
# PYTHON_3_10=/path/to/python (and PYTHON_3_13=...) name one. A missing interpreter
# fails the run, naming it; ALLOW_MISSING_PYTHONS=1 turns that into a printed notice
# (for a CI image that lacks one). PYTHONS="3.10 3.13" is the list.
set -euo pipefail
cd "$(dirname "$0")/.."

works() { [ -n "$1" ] && "$1" -c 'import sys' >/dev/null 2>&1; }

find_python() {
    local version="$1" override candidate
    override="PYTHON_${version//./_}"
    if [ -n "${!override:-}" ]; then
        echo "${!override}"
        return
    fi
    # A pyenv shim on the PATH may name a version that is not selected: try each.
    for candidate in "$(command -v "python$version" || true)" \
        "$(ls -d "$HOME/.pyenv/versions/$version".* 2>/dev/null | sort -V | tail -n 1)/bin/python$version"; do
        if works "$candidate"; then
            echo "$candidate"
            return
        fi
    done
}

mkdir -p .cache
versions=()
missing=()
for version in ${PYTHONS:-3.10 3.13}; do
    interpreter="$(find_python "$version")"
    if ! works "$interpreter"; then
        missing+=("$version")
        continue
    fi
    echo "== Python $version: $interpreter (.venv-$version)"
    PYTHON="$interpreter" VENV=".venv-$version" . scripts/_venv.sh client dev
    versions+=("$version")
done
if [ "${#missing[@]}" -gt 0 ]; then
    for version in "${missing[@]}"; do
        echo "pythons.sh: Python $version was not found (python$version on the PATH," \
            "~/.pyenv/versions/$version.*, or PYTHON_${version//./_}=...)" >&2
    done
    if [ "${ALLOW_MISSING_PYTHONS:-}" != 1 ]; then
        echo "pythons.sh: the suite must run on every claimed Python; install the missing" \
            "ones, or set ALLOW_MISSING_PYTHONS=1 to go on without them" >&2
        exit 1
    fi
    echo "pythons.sh: NOT TESTED on Python ${missing[*]} (ALLOW_MISSING_PYTHONS=1)" >&2
fi

pids=()
for version in "${versions[@]}"; do
    # No -q of its own: the gate's -q on top would make -qq, which drops pytest's summary line.
    ".venv-$version/bin/python" -m pytest -p no:cacheprovider "$@" \
        >".cache/pytest-$version.log" 2>&1 &
    pids+=("$!")
done
status=0
for index in "${!versions[@]}"; do
    version="${versions[$index]}"
    if wait "${pids[$index]}"; then
        # pytest's own summary ("1234 passed, 1 warning in 300.00s"), not syrupy's line after it.
        summary="$(grep -E '^(=+ )?[0-9]+ (passed|failed)' ".cache/pytest-$version.log" \
            | grep -E ' in [0-9.]+s' | tail -n 1 || true)"
        echo "== pytest on Python $version: ${summary:-$(tail -n 1 ".cache/pytest-$version.log")}"
    else
        status=1
        echo "== pytest on Python $version FAILED (.cache/pytest-$version.log):" >&2
        tail -n 60 ".cache/pytest-$version.log" >&2
    fi
done
exit "$status"
