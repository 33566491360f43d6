"""The `telnyx-gather` command line: demo, verify, parse, sign and sandbox."""

from ._app import main

__all__ = ["main"]
