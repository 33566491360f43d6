"""The sandbox's API errors, shaped as Telnyx shapes them: `{"errors": [{code, title, detail}]}`."""

from __future__ import annotations

from typing import Any

__all__ = [
    "ApiError",
    "assistant_running",
    "auth_failed",
    "bad_request",
    "call_ended",
    "error_object",
    "not_answered",
    "not_found",
    "not_ringing",
    "unknown_call",
]


class ApiError(Exception):
    """A Call Control error response: its HTTP status and Telnyx error objects."""

    def __init__(self, status: int, *errors: dict[str, Any]) -> None:
        super().__init__(status)
        self.status: int = status
        self.errors: list[dict[str, Any]] = list(errors)


def error_object(code: str, title: str, detail: str, pointer: str | None = None) -> dict[str, Any]:
    """One entry of a Telnyx `errors` list."""
    entry: dict[str, Any] = {"code": code, "title": title, "detail": detail}
    if pointer is not None:
        entry["source"] = {"pointer": pointer}
    return entry


def bad_request(detail: str, status: int = 400) -> ApiError:
    """A request the API cannot read: bad framing, bad JSON, too large."""
    return ApiError(status, error_object("10015", "Bad Request", detail))


def auth_failed() -> ApiError:
    detail = (
        "The required authentication headers were either invalid or not included in the request."
    )
    return ApiError(401, error_object("10009", "Authentication failed", detail))


def not_found() -> ApiError:
    detail = "The requested resource or URL could not be found."
    return ApiError(404, error_object("10005", "Resource not found", detail))


def unknown_call(field: str = "call_control_id") -> ApiError:
    detail = f"The {field} provided was not valid."
    return ApiError(422, error_object("90015", "Invalid Call Control ID", detail, f"/{field}"))


def call_ended() -> ApiError:
    detail = "This call is no longer active and can't receive commands."
    return ApiError(422, error_object("90018", "Call has already ended", detail))


def assistant_running() -> ApiError:
    detail = "AI Assistant cannot be started more than once."
    return ApiError(422, error_object("90061", "AI Assistant is already in progress", detail))


def not_ringing() -> ApiError:
    detail = "The call has already been answered or has ended; only a ringing call can be answered."
    return ApiError(422, error_object("90018", "Call is not ringing", detail))


def not_answered() -> ApiError:
    detail = "The call has not been answered yet: answer it (or hang up) first."
    return ApiError(422, error_object("90018", "Call has not been answered", detail))
