"""How the senders read the API's answer: a typed result, or an error that names what went wrong.

Both ways a sender talks to the API end here: its own HTTP/1.1 (an
`_http11.Answer`) and httpx (a `Relayed` answer, which keeps httpx's
response). httpx's `Request` and `Response` are built only for an error
status, the one place they are part of what a sender raises.

This module needs `httpx`, which the `client` extra installs.
"""

from __future__ import annotations

from typing import TypeVar

import httpx
from pydantic import TypeAdapter, ValidationError

from .._errors import describe_validation_error
from ._http11 import Answer
from ._result import DIAL_RESPONSE, RESPONSE, CommandResult, DialResult

__all__ = ["Refused", "Relayed", "dialled", "result"]

T = TypeVar("T")


class Refused(httpx.HTTPStatusError):
    """httpx's error for an error answer, with its status where the SDK's errors carry it.

    `Router` reads `status_code` to tell a refusal for good (a 422 on a call
    that ended) from a failure worth a redelivery.
    """

    @property
    def status_code(self) -> int:
        return self.response.status_code


class Relayed(Answer):
    """An answer that came through httpx, with httpx's own response kept."""

    __slots__ = ("response",)

    def __init__(self, response: httpx.Response) -> None:
        raw = [(name.lower(), value) for name, value in response.headers.raw]
        super().__init__(response.status_code, raw, response.content, True)
        self.response = response


def result(answer: Answer, method: str, url: str) -> CommandResult:
    """The answer to the command sent as `method url`.

    Raises:
        Refused: The API answered with an error status.
        ValueError: The answer was not a command result.
    """
    return _read(answer, method, url, RESPONSE).data


def dialled(answer: Answer, method: str, url: str) -> DialResult:
    """The answer to a `Dial`: the new call's ids; raises as `result` does."""
    return _read(answer, method, url, DIAL_RESPONSE).data


def _read(answer: Answer, method: str, url: str, adapter: TypeAdapter[T]) -> T:
    if answer.status >= 400:
        response = _response(answer, method, url)
        raise Refused(
            f"the Call Control API answered {answer.status}",
            request=response.request,
            response=response,
        )
    try:
        return adapter.validate_json(answer.body)
    except ValidationError as exc:
        raise ValueError(
            f"unexpected response to a call command: {describe_validation_error(exc)}"
        ) from None


def _response(answer: Answer, method: str, url: str) -> httpx.Response:
    if isinstance(answer, Relayed):
        return answer.response
    return httpx.Response(
        answer.status,
        headers=answer.headers,
        content=answer.body,
        request=httpx.Request(method, url),
    )
