# Sourced by scripts/check.sh and scripts/latest.sh: Prism, the mock of the spec that
# the contract tests run against, installed once into .cache/prism.
PRISM_DIR=.cache/prism
if [ ! -x "$PRISM_DIR/node_modules/.bin/prism" ]; then
    command -v npm >/dev/null || {
        echo "npm (Node.js) is needed to install Prism for the contract tests" >&2
        exit 1
    }
    echo "== installing @stoplight/prism-cli@5 into $PRISM_DIR"
    npm install --prefix "$PRISM_DIR" --no-audit --no-fund --loglevel=error @stoplight/prism-cli@5
fi
