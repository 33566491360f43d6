"""Run `dynalite`, a DynamoDB-compatible server, on a free loopback port (tests and benchmarks).

`scripts/check.sh` installs it from npm into `.cache/dynalite`. The server
keeps its tables in memory and makes them active at once.
"""

from __future__ import annotations

import importlib
import socket
import subprocess
import time
from collections.abc import Generator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

__all__ = ["BINARY", "CREDENTIALS", "client", "dynalite"]

BINARY = Path(__file__).resolve().parents[1] / ".cache/dynalite/node_modules/.bin/dynalite"
CREDENTIALS = {
    "AWS_ACCESS_KEY_ID": "local",
    "AWS_SECRET_ACCESS_KEY": "local",
    "AWS_DEFAULT_REGION": "us-east-1",
}
"""The dummy credentials and region a client of the local server is given."""
STARTUP_SECONDS = 30


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


def client(url: str) -> Any:
    """A boto3 DynamoDB client of the server at `url`, with the dummy credentials."""
    return importlib.import_module("boto3").client(
        "dynamodb",
        endpoint_url=url,
        region_name=CREDENTIALS["AWS_DEFAULT_REGION"],
        aws_access_key_id=CREDENTIALS["AWS_ACCESS_KEY_ID"],
        aws_secret_access_key=CREDENTIALS["AWS_SECRET_ACCESS_KEY"],
    )


@contextmanager
def dynalite() -> Generator[str, None, None]:
    """Start dynalite on 127.0.0.1 and yield its endpoint URL; stop it afterwards.

    Raises:
        RuntimeError: It is not installed (run `bash scripts/check.sh` once), or did not start.
    """
    if not BINARY.exists():
        raise RuntimeError(
            f"dynalite is not installed at {BINARY}; scripts/check.sh installs it "
            "(npm install --prefix .cache/dynalite dynalite@4.0.0)"
        )
    port = _free_port()
    command = [str(BINARY), "--host", "127.0.0.1", "--port", str(port)]
    command += ["--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"]
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as proc:
        try:
            _wait(proc, port)
            yield f"http://127.0.0.1:{port}"
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                proc.kill()


def _wait(proc: subprocess.Popen[bytes], port: int) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while proc.poll() is None and time.monotonic() < deadline:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            return
        except OSError:
            time.sleep(0.05)
    output = proc.stderr.read().decode(errors="replace") if proc.stderr and proc.poll() else ""
    raise RuntimeError(f"dynalite did not start on port {port}: {output[-2000:]}")
