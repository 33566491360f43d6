"""The sandbox in its own process, for figure 7, the twin of `benchmarks._server`.

Run as `python -m benchmarks._sandbox_server`. It prints the base URL and
the id of one call (created with an empty script) on the first line of
stdout, then serves until terminated, printing nothing more.
"""

from __future__ import annotations

import threading

from telnyx_gather.testing import Sandbox

__all__ = ["main"]


def main() -> None:
    """Serve a sandbox (API key `benchmark`) until the process is terminated."""
    with Sandbox(api_key="benchmark") as sandbox:
        print(sandbox.base_url, sandbox.dial().call_control_id, flush=True)
        threading.Event().wait()


if __name__ == "__main__":
    main()
