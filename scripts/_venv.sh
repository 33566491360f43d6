# Sourced by the scripts in this folder, from the repository root: create a virtual
# environment (if needed) and install the project into it, editable, with the extras
# and the development dependency groups (PEP 735, from pyproject.toml) given, at the
# versions pinned in constraints.txt (the lock; `bash scripts/lock.sh` refreshes it).
# Usage: . scripts/_venv.sh EXTRAS [GROUP ...]   e.g.  . scripts/_venv.sh client dev
# Environment: PYTHON (the interpreter, default python3), VENV (default .venv),
# LATEST=1 (ignore the lock and upgrade everything to the newest releases).
PYTHON="${PYTHON:-python3}"
VENV="${VENV:-.venv}"
if [ ! -x "$VENV/bin/python" ]; then
    "$PYTHON" -m venv "$VENV"
fi
# pip 25.1 is the first to install dependency groups (--group).
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade 'pip>=25.1'
_pins=(--constraint constraints.txt)
if [ "${LATEST:-}" = 1 ]; then
    _pins=(--upgrade --upgrade-strategy eager)
fi
_groups=()
for _group in "${@:2}"; do _groups+=(--group "$_group"); done
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check "${_pins[@]}" \
    -e ".[$1]" "${_groups[@]}"
unset _groups _group _pins
