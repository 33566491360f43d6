"""Server memory under a flood of oversized webhook bodies, against real servers.

Usage: `python -m benchmarks.flood [--bodies 4] [--mib 100] [--servers ...]`
(`bash scripts/bench.sh` installs the servers; this is not part of the tests).

For each server (uvicorn serving Starlette, gunicorn and waitress serving
Flask) and each variant, it starts the server on 127.0.0.1, posts `--bodies`
concurrent bodies of `--mib` MiB each, once with a declared
`Content-Length` and once chunked, and reports the server's resident memory
(its whole process tree) before the flood, at its peak, and two seconds
after. The variants:

- `baseline`: read the whole body, then verify it (what the adapters did
  before they bounded their reads);
- `adapter`: the integration as shipped, which stops at `max_body_bytes`.

Both answer 413. The figure is the growth at peak, adapter against baseline
in the same run; the garbage collector is on in every process.
"""

from __future__ import annotations

import argparse
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Generator
from contextlib import contextmanager
from dataclasses import dataclass

__all__ = ["Run", "main"]

MIB = 1024 * 1024
SERVERS = {
    "uvicorn": "{python} -m uvicorn benchmarks._flood_apps:asgi --host 127.0.0.1 --port {port}"
    " --log-level warning",
    "gunicorn": "{python} -m gunicorn --workers 1 --threads 4 --bind 127.0.0.1:{port}"
    " --log-level warning benchmarks._flood_apps:wsgi",
    "waitress": "{python} -m waitress --listen=127.0.0.1:{port} --threads 4"
    " benchmarks._flood_apps:wsgi",
}


@dataclass(frozen=True)
class Run:
    """One flood against one server: its memory in MiB, and what the clients got."""

    server: str
    variant: str
    mode: str
    before: float
    peak: float
    after: float
    statuses: tuple[str, ...]

    @property
    def growth(self) -> float:
        """MiB added at the peak."""
        return self.peak - self.before


def tree_rss(pid: int) -> int:
    """Resident bytes of `pid` and every process below it (gunicorn has a worker)."""
    parents: dict[int, int] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as stat:
                    parents[int(entry)] = int(stat.read().rsplit(")", 1)[1].split()[1])
            except OSError:
                continue
    tree, frontier = {pid}, [pid]
    while frontier:
        parent = frontier.pop()
        children = [child for child, of in parents.items() if of == parent]
        tree.update(children)
        frontier.extend(children)
    total = 0
    for member in tree:
        try:
            with open(f"/proc/{member}/statm") as statm:
                total += int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        except OSError:
            continue
    return total


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


@contextmanager
def serving(server: str, variant: str) -> Generator[tuple[int, int], None, None]:
    """Start `server` with `variant`'s app; yield its pid and port; stop it."""
    port = _free_port()
    command = SERVERS[server].format(python=sys.executable, port=port).split()
    env = {**os.environ, "FLOOD_VARIANT": variant}
    quiet = subprocess.DEVNULL
    process = subprocess.Popen(command, env=env, stdout=quiet, stderr=quiet)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"{server} did not start") from None
                time.sleep(0.1)
        time.sleep(1.0)  # let it finish importing and settle
        yield process.pid, port
    finally:
        process.terminate()
        process.wait(timeout=30)


def post(port: int, mib: int, *, chunked: bool) -> str:
    """Send one `mib`-MiB body; return the response's status line (or what went wrong)."""
    block = b"x" * MIB
    head = "POST /hook HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
    head += "Transfer-Encoding: chunked\r\n" if chunked else f"Content-Length: {mib * MIB}\r\n"
    with socket.create_connection(("127.0.0.1", port), timeout=60) as conn:
        try:
            conn.sendall(head.encode() + b"Connection: close\r\n\r\n")
            for _ in range(mib):
                conn.sendall(b"100000\r\n" + block + b"\r\n" if chunked else block)
            if chunked:
                conn.sendall(b"0\r\n\r\n")
        except OSError:
            pass  # the server answered and closed before the whole body was sent
        try:
            return conn.recv(4096).split(b"\r\n", 1)[0].decode("latin-1") or "closed"
        except OSError as exc:
            return type(exc).__name__


def flood(server: str, variant: str, mode: str, bodies: int, mib: int) -> Run:
    """Measure one server under one flood."""
    with serving(server, variant) as (pid, port):
        before = tree_rss(pid)
        peak = before
        statuses: list[str] = []
        done = threading.Event()

        def client() -> None:
            statuses.append(post(port, mib, chunked=mode == "chunked"))

        clients = [threading.Thread(target=client) for _ in range(bodies)]
        for thread in clients:
            thread.start()
        while any(thread.is_alive() for thread in clients):
            peak = max(peak, tree_rss(pid))
            done.wait(0.02)
        time.sleep(2.0)
        after = tree_rss(pid)
    return Run(server, variant, mode, before / MIB, peak / MIB, after / MIB, tuple(statuses))


def main(argv: list[str] | None = None) -> list[Run]:
    """Flood every server in both variants and both modes; print the table."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.flood", description=__doc__)
    parser.add_argument("--bodies", type=int, default=4, help="concurrent bodies (4)")
    parser.add_argument("--mib", type=int, default=100, help="MiB per body (100)")
    parser.add_argument("--servers", nargs="+", choices=sorted(SERVERS), default=list(SERVERS))
    args = parser.parse_args(argv)
    print(f"{args.bodies} concurrent bodies of {args.mib} MiB; server RSS in MiB")
    print(f"{'server':<9} {'mode':<8} {'variant':<9} {'before':>7} {'peak':>7} {'after':>7}")
    runs: list[Run] = []
    for server in args.servers:
        for mode in ("declared", "chunked"):
            pair = [flood(server, v, mode, args.bodies, args.mib) for v in ("baseline", "adapter")]
            for run in pair:
                print(
                    f"{server:<9} {mode:<8} {run.variant:<9} {run.before:7.0f} {run.peak:7.0f}"
                    f" {run.after:7.0f}   {', '.join(sorted(set(run.statuses)))}"
                )
            baseline, adapter = pair
            ratio = adapter.growth / baseline.growth if baseline.growth > 0 else float("nan")
            print(f"{'':<9} {mode:<8} peak growth, adapter / baseline: {ratio:.3f}")
            runs.extend(pair)
    return runs


if __name__ == "__main__":
    main()
