# Sourced by the scripts in this folder, from the repository root:
# create .venv (if needed) and install the project into it with the extras given.
# Usage: . scripts/_venv.sh 'dev,client'
PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[$1]"
