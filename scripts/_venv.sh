# Sourced by the scripts in this folder, from the repository root: create .venv
# (if needed) and install the project into it, editable, with the extras and the
# development dependency groups (PEP 735, from pyproject.toml) given.
# Usage: . scripts/_venv.sh EXTRAS [GROUP ...]   e.g.  . scripts/_venv.sh client dev
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
# pip 25.1 is the first to install dependency groups (--group).
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade 'pip>=25.1'
_groups=()
for _group in "${@:2}"; do _groups+=(--group "$_group"); done
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[$1]" "${_groups[@]}"
unset _groups _group
