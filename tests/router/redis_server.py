"""A real `redis-server` on a free loopback port, for the store and router tests."""

from __future__ import annotations

import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

import pytest
import redis

from tests.loopback import free_port

STARTUP_SECONDS = 20


class RedisServer:
    """One `redis-server` process in a temporary directory: no persistence, unless `appendonly`.

    With `appendonly`, every write is fsynced to the AOF before it is answered
    (`appendfsync always`), so `kill()` then `start()` loses nothing.
    """

    def __init__(
        self, *, appendonly: bool = False, password: str | None = None, args: Sequence[str] = ()
    ) -> None:
        binary = shutil.which("redis-server")
        if binary is None:
            pytest.fail(
                "redis-server is not installed; the router tests need a real one "
                "(apt-get install redis-server; .ci/run installs it)"
            )
        self._binary = binary
        self._appendonly = appendonly
        self.password = password
        self._args = [*args, *(["--requirepass", password] if password is not None else [])]
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self._dir = tempfile.TemporaryDirectory()
        self.start()

    def start(self) -> None:
        """Start the server (again, after `kill`) on the same port and directory."""
        aof = ["--appendonly", "yes", "--appendfsync", "always"] if self._appendonly else []
        self._proc = subprocess.Popen(
            [
                self._binary,
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                *aof,
                "--dir",
                self._dir.name,
                "--loglevel",
                "warning",
                *self._args,
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
        )
        self._wait()

    def client(self) -> redis.Redis:
        """A new client of this server."""
        return redis.Redis.from_url(self.url, socket_timeout=5, password=self.password)

    def _wait(self) -> None:
        deadline = time.monotonic() + STARTUP_SECONDS
        client = redis.Redis(port=self.port, socket_timeout=1, password=self.password)
        try:
            while time.monotonic() < deadline and self._proc.poll() is None:
                try:
                    if client.ping():
                        return
                except redis.ConnectionError:
                    time.sleep(0.05)
        finally:
            client.close()
        output = self._proc.stdout.read().decode(errors="replace") if self._proc.stdout else ""
        self.stop()
        pytest.fail(f"redis-server did not start on port {self.port}:\n{output[-2000:]}")

    def kill(self) -> None:
        """Kill the server at once (SIGKILL), as a crash would; its directory stays."""
        self._proc.kill()
        self._proc.wait()
        if self._proc.stdout:
            self._proc.stdout.close()

    def pause(self) -> None:
        """Freeze the server (SIGSTOP): connections stay open, and nothing is answered."""
        self._proc.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        """Let a paused server answer again (SIGCONT)."""
        self._proc.send_signal(signal.SIGCONT)

    def stop(self) -> None:
        """Stop the server and remove its directory."""
        self.resume()
        if self._proc.poll() is None:
            self._proc.terminate()
            try:
                self._proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self._proc.kill()
                self._proc.wait()
        if self._proc.stdout:
            self._proc.stdout.close()
        self._dir.cleanup()

    @property
    def path(self) -> Path:
        return Path(self._dir.name)
