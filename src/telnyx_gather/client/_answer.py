"""How the senders read the API's answer: a typed result, or an error that names what went wrong.

This module needs `httpx`, which the `client` extra installs.
"""

from __future__ import annotations

from typing import TypeVar

import httpx
from pydantic import TypeAdapter, ValidationError

from .._errors import describe_validation_error
from ._result import DIAL_RESPONSE, RESPONSE, CommandResult, DialResult

__all__ = ["Refused", "dialled", "result"]

T = TypeVar("T")


class Refused(httpx.HTTPStatusError):
    """httpx's error for an error answer, with its status where the SDK's errors carry it.

    `Router` reads `status_code` to tell a refusal for good (a 422 on a call
    that ended) from a failure worth a redelivery.
    """

    @property
    def status_code(self) -> int:
        return self.response.status_code


def result(response: httpx.Response) -> CommandResult:
    """The answer to a command on a call.

    Raises:
        Refused: The API answered with an error status.
        ValueError: The answer was not a command result.
    """
    return _read(response, RESPONSE).data


def dialled(response: httpx.Response) -> DialResult:
    """The answer to a `Dial`: the new call's ids; raises as `result` does."""
    return _read(response, DIAL_RESPONSE).data


def _read(response: httpx.Response, adapter: TypeAdapter[T]) -> T:
    if response.is_error:
        raise Refused(
            f"the Call Control API answered {response.status_code}",
            request=response.request,
            response=response,
        )
    try:
        return adapter.validate_json(response.content)
    except ValidationError as exc:
        raise ValueError(
            f"unexpected response to a call command: {describe_validation_error(exc)}"
        ) from None
