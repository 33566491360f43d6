"""The package's loggers, all under `telnyx_gather`, silent until the app configures logging.

A library must not print to stderr on its own: the `telnyx_gather` logger gets
a `logging.NullHandler`, so Python's last-resort handler never shows a record
the app has not asked for. It is added here, by the modules that log, rather
than in `telnyx_gather/__init__.py`, so that `import telnyx_gather` does not
pay for importing `logging`.
"""

from __future__ import annotations

import logging

__all__ = ["get_logger"]

_PACKAGE = logging.getLogger("telnyx_gather")
if not any(isinstance(handler, logging.NullHandler) for handler in _PACKAGE.handlers):
    _PACKAGE.addHandler(logging.NullHandler())


def get_logger(part: str) -> logging.Logger:
    """The logger `telnyx_gather.<part>`."""
    return _PACKAGE.getChild(part)
