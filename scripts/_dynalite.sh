# Sourced by check.sh and bench.sh, from the repository root: install dynalite, the
# DynamoDB-compatible server the DynamoDB store's tests and benchmark start, into
# .cache/dynalite (once; npm comes with Node.js).
if [ ! -x .cache/dynalite/node_modules/.bin/dynalite ]; then
    command -v npm >/dev/null || {
        echo "npm (Node.js) is needed to install dynalite for the DynamoDB store" >&2
        exit 1
    }
    echo "== installing dynalite@4.0.0 into .cache/dynalite"
    npm install --prefix .cache/dynalite --no-audit --no-fund --loglevel=error dynalite@4.0.0
fi
