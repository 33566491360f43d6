"""The exceptions raised by telnyx-gather.

Every error the library raises on purpose derives from `TelnyxGatherError`,
and each concrete error is also a `ValueError`, so code that already guards
with `except ValueError` keeps working::

    TelnyxGatherError (Exception)
    ├── InvalidCommandError (ValueError)        a command failed validation; nothing was sent
    ├── WebhookVerificationError (ValueError)   a delivery failed verification; .reason says why
    ├── WebhookParseError (ValueError)          a body is not a well-formed Telnyx webhook
    ├── WebhookConfigError (ValueError)         a verifier was built with a missing or bad key
    ├── MalformedRequestError (ValueError)      an AWS event or WSGI request has the wrong shape
    ├── UndeliveredWebhookError (ValueError)    the testing sandbox gave up delivering a webhook
    │                                           (in telnyx_gather.testing)
    ├── CassetteError (ValueError)              a recorded call (cassette) cannot be read
    ├── CommandRefusedError                     the API refused a command for good
    └── StoreError (ConnectionError)            a router's store (Redis) cannot be reached

`StoreError` and `CommandRefusedError` are not about bad input: a `Router`
turns the first into a 503 answer, so Telnyx delivers the event again later,
and the second into `send_refused` (200), since a redelivery would be refused
the same way.

Errors from the Telnyx API itself are the `telnyx` SDK's own exceptions and
pass through unchanged.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from ._lazy import publish

if TYPE_CHECKING:
    from pydantic import ValidationError
    from pydantic_core import ErrorDetails

__all__ = [
    "CassetteError",
    "CommandRefusedError",
    "InvalidCommandError",
    "MalformedRequestError",
    "TelnyxGatherError",
    "VerificationFailure",
    "WebhookConfigError",
    "WebhookParseError",
    "WebhookVerificationError",
    "describe_error",
    "describe_validation_error",
    "safe_repr",
    "StoreError",
]

VerificationFailure = Literal[
    "missing_header",
    "ambiguous_header",
    "malformed_header",
    "timestamp_out_of_tolerance",
    "bad_signature",
    "body_too_large",
]
"""The machine-readable reasons a webhook delivery can fail verification."""


class TelnyxGatherError(Exception):
    """Base class of every error that telnyx-gather raises on purpose."""


class InvalidCommandError(TelnyxGatherError, ValueError):
    """A command was built with input the Telnyx API would reject.

    Raised at construction, before anything is sent. The message names each
    offending field and the rule it broke.
    """


class WebhookVerificationError(TelnyxGatherError, ValueError):
    """A webhook delivery failed signature, timestamp or size checks.

    Attributes:
        reason: One of the `VerificationFailure` codes, stable for metrics and
            alerting; the message is for humans and may change.
    """

    reason: VerificationFailure

    def __init__(self, reason: VerificationFailure, message: str) -> None:
        super().__init__(message)
        self.reason = reason

    def __reduce__(self) -> tuple[type[WebhookVerificationError], tuple[str, str]]:
        # Pickle (and copy) with both arguments; the default passes only the message.
        return (type(self), (self.reason, str(self)))


class WebhookParseError(TelnyxGatherError, ValueError):
    """A webhook body is not a well-formed Telnyx delivery.

    Covers bytes that are not UTF-8 JSON, JSON of the wrong shape, NaN or
    Infinity, absurd nesting, and a `client_state` that does not decode.
    """


class WebhookConfigError(TelnyxGatherError, ValueError):
    """A webhook verifier was configured wrongly: a key or limit is missing or malformed.

    Raised when a verifier is built, never while verifying a delivery, so a
    bad deployment fails at start-up instead of rejecting (or accepting)
    every webhook. The message never echoes key material.
    """


class MalformedRequestError(TelnyxGatherError, ValueError):
    """A request handed to an integration does not have the documented shape.

    Raised by `telnyx_gather.integrations` for an AWS event that is not an API
    Gateway, Function URL or load balancer event, or has a field of the wrong
    type, and for a WSGI request whose body cannot be read as declared. The
    message names the field; it never echoes the raw value unescaped.
    """


class CassetteError(TelnyxGatherError, ValueError):
    """A cassette file cannot be read: missing, not JSON Lines, or not a cassette.

    The message names the line at fault, never its content.
    """


class CommandRefusedError(TelnyxGatherError):
    """The Call Control API refused a command for good: sending it again would fail the same way.

    A custom `Sender` (see `telnyx_gather.router.Sender`) raises it for such
    a refusal, for example a 422 "Call has already ended"; `Router.handle`
    then acknowledges the event with `send_refused` (200) and logs a warning,
    where any other exception from `send` answers `send_failed` (502), so
    Telnyx delivers the event again. `GatherClient`'s refusals (the `telnyx`
    SDK's status errors with a 4xx other than 408, 409, 425 and 429) take the
    same path: the router maps them onto this error.

    Attributes:
        status_code: The HTTP status the API answered with, if known.
    """

    def __init__(
        self, message: str = "the API refused the command", status_code: int | None = None
    ) -> None:
        super().__init__(message)
        self.status_code = status_code

    def __reduce__(self) -> tuple[type[CommandRefusedError], tuple[str, int | None]]:
        return type(self), (str(self), self.status_code)


class StoreError(TelnyxGatherError, ConnectionError):
    """A router's store could not be reached (Redis is down, a timeout, ...).

    Raised by `telnyx_gather.stores`; `Router.handle` answers it with 503 so
    the delivery is retried, never with a 2xx.
    """


def safe_repr(value: str | bytes, limit: int = 64) -> str:
    """Render untrusted text for an error message: escaped and truncated.

    Control characters, newlines and non-ASCII are escaped, so a hostile value
    cannot forge log lines or smuggle terminal escapes.
    """
    text = value if isinstance(value, str) else value.decode("latin-1")
    shown = text[:limit].encode("ascii", "backslashreplace").decode("ascii")
    escaped = "".join(c if 0x20 <= ord(c) < 0x7F else f"\\x{ord(c):02x}" for c in shown)
    suffix = f"... ({len(text)} chars)" if len(text) > limit else ""
    return f"'{escaped}'{suffix}"


def describe_validation_error(
    exc: ValidationError, limit: int = 5, *, root: str | None = "<root>"
) -> str:
    """Summarise a Pydantic error by location and rule, never echoing the input.

    Args:
        exc: The error to summarise.
        limit: How many individual errors to list before "and N more".
        root: How to label an error about the whole object (a model-level
            rule); `None` leaves such errors without a location prefix.
    """
    errors = exc.errors(include_url=False, include_input=False, include_context=True)
    parts = [describe_error(e, root=root) for e in errors[:limit]]
    if len(errors) > limit:
        parts.append(f"and {len(errors) - limit} more")
    return "; ".join(parts)


def describe_error(error: ErrorDetails, *, root: str | None = "<root>") -> str:
    """One Pydantic error as `location: rule`, never echoing the input.

    Pass errors obtained with `include_context=True`, so that rules whose
    message would quote the input are described from their context instead.
    """
    where = _location(error["loc"]) if error["loc"] else root
    msg = _message(error)
    return msg if where is None else f"{where}: {msg}"


def _message(error: ErrorDetails) -> str:
    ctx = error.get("ctx") or {}
    if error["type"] == "union_tag_invalid":
        # Pydantic's own message embeds the offending tag verbatim.
        return (
            f"tag {safe_repr(str(ctx.get('tag', '')))} found using {ctx.get('discriminator')}"
            f" does not match any of the expected tags: {ctx.get('expected_tags')}"
        )
    return error["msg"].removeprefix("Value error, ")


def _location(loc: tuple[int | str, ...]) -> str:
    return ".".join(
        str(p)
        if isinstance(p, int) or (p.isascii() and p.isidentifier() and len(p) <= 64)
        else safe_repr(p)
        for p in loc
    )


publish(
    "telnyx_gather",
    CommandRefusedError,
    InvalidCommandError,
    MalformedRequestError,
    TelnyxGatherError,
    WebhookConfigError,
    WebhookParseError,
    WebhookVerificationError,
)
