"""What Telnyx does with a field a command leaves out: the documented defaults, in one place.

The builders send only the fields the user set, so these values never go on
the wire; the sandbox reads them to behave as Telnyx would.
"""

from __future__ import annotations

__all__ = [
    "AI_USER_RESPONSE_TIMEOUT_MS",
    "INITIAL_TIMEOUT_MILLIS",
    "INTER_DIGIT_TIMEOUT_MILLIS",
    "MAXIMUM_DIGITS",
    "MAXIMUM_TRIES",
    "MINIMUM_DIGITS",
    "TERMINATING_DIGIT",
    "TIMEOUT_MILLIS",
    "VALID_DIGITS",
]

MINIMUM_DIGITS = 1
MAXIMUM_DIGITS = 128
TIMEOUT_MILLIS = 60_000
"""`gather`: the whole gather; the prompted gathers: the wait after each prompt."""
INTER_DIGIT_TIMEOUT_MILLIS = 5_000
INITIAL_TIMEOUT_MILLIS = 5_000
"""`gather` only: the wait for the first digit."""
TERMINATING_DIGIT = "#"
VALID_DIGITS = "0123456789#*"
MAXIMUM_TRIES = 3
"""The prompted gathers: how often the prompt plays without valid input."""
AI_USER_RESPONSE_TIMEOUT_MS = 10_000
"""`gather_using_ai`: the wait for the caller's answer."""
