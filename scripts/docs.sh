#!/usr/bin/env bash
# Build the documentation site into site/ in strict mode: a broken link, a
# missing anchor or an API reference that does not resolve fails the build.
# Sets up .venv (with the `docs` dependency group) as scripts/check.sh does.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "${DOCS_VENV_READY:-}" != 1 ]; then
    . scripts/_venv.sh client docs
fi
# Material prints an end-of-life notice on every build unless told not to.
NO_MKDOCS_2_WARNING=1 .venv/bin/mkdocs build --strict --clean --site-dir site
echo "docs: built site/index.html"
