"""Request bodies into models: the command builders for the actions, `DialRequest` for the rest.

A body that does not validate becomes a Telnyx-shaped `ApiError` that names
the field and the rule; no message echoes the body.
"""

from __future__ import annotations

from typing import Any, ClassVar, TypeVar

from pydantic import BaseModel, ConfigDict, Field, ValidationError
from pydantic_core import ErrorDetails

from ..._errors import InvalidCommandError, describe_error
from ...commands import COMMANDS, AnyCommand, WebhookRetriesPolicy
from ...commands._base import ClientState
from ._delivery import check_webhook_url
from ._errors import ApiError, error_object, not_found
from ._script import CallerStep

__all__ = ["DialRequest", "OutboundCall", "check_url", "validate_command", "validate_model"]

M = TypeVar("M", bound=BaseModel)

_RANGE = {"greater_than", "greater_than_equal", "less_than", "less_than_equal"}
_LENGTH = {"string_too_short", "string_too_long", "too_short", "too_long"}


class DialRequest(BaseModel):
    """The body of `POST /_sandbox/calls`: a call with a scripted caller."""

    model_config: ClassVar[ConfigDict] = ConfigDict(
        extra="forbid", frozen=True, populate_by_name=True
    )

    from_: str = Field("+13125550101", alias="from")
    to: str = "+13125550100"
    webhook_url: str | None = None
    script: list[CallerStep] = Field(default_factory=list[CallerStep])
    ring: bool = False
    """Ring first (`call.initiated`, then wait for `answer`), as `Sandbox.ring` does."""
    patience: float = Field(30.0, ge=0, le=86_400)
    """How long a ringing caller waits for an answer, in call seconds."""


class OutboundCall(BaseModel):
    """The fields of `POST /calls` (Dial) the sandbox acts on; it accepts the API's others."""

    model_config: ClassVar[ConfigDict] = ConfigDict(
        extra="allow", frozen=True, populate_by_name=True
    )

    connection_id: str
    to: str
    from_: str = Field(alias="from")
    webhook_url: str | None = None
    client_state: ClientState | None = None
    timeout_secs: int = Field(30, ge=5, le=600)
    command_id: str | None = None
    webhook_retries_policies: dict[str, WebhookRetriesPolicy] | None = None


def validate_command(action: str, body: bytes, method: str = "POST") -> AnyCommand:
    """The builder for `action`, sent with HTTP `method`, validated from `body`.

    Raises:
        ApiError: 404 for an unknown action (or one sent with the wrong
            method: `client_state_update` is a PUT), 400 for bad JSON, 422
            for a bad body.
    """
    command_type = COMMANDS.get(action)
    if command_type is None or getattr(command_type, "http_method", "POST") != method:
        raise not_found()
    return validate_model(command_type, body)


def validate_model(model: type[M], body: bytes) -> M:
    """`body` (empty means `{}`) validated into `model`, or a Telnyx-shaped `ApiError`."""
    try:
        return model.model_validate_json(body or b"{}")
    except ValidationError as exc:
        errors = exc.errors(include_url=False, include_input=False, include_context=True)
        if any(e["type"] == "json_invalid" for e in errors):
            detail = "The request body is not valid JSON."
            raise ApiError(400, error_object("10023", "Invalid JSON", detail)) from None
        raise ApiError(422, *(_error_object(e) for e in errors[:10])) from None
    except InvalidCommandError as exc:
        raise ApiError(422, error_object("10015", "Bad Request", str(exc), "")) from None


def check_url(url: str | None, pointer: str) -> str | None:
    """`url` if it is absent or an absolute http(s) URL; a 422 naming `pointer` if not."""
    if url is None:
        return None
    try:
        return check_webhook_url(url)
    except ValueError as exc:
        detail = f"{pointer.lstrip('/')}: {exc}"
        raise ApiError(422, error_object("10003", "Invalid URL", detail, pointer)) from None


def _error_object(error: ErrorDetails) -> dict[str, Any]:
    kind = error["type"]
    if kind == "missing":
        code, title = "10004", "Missing required parameter"
    elif kind in ("literal_error", "enum", "union_tag_invalid"):
        code, title = "10032", "Invalid enumerated value"
    elif kind in _RANGE or kind in _LENGTH:
        code, title = "10033", "Value outside of range"
    elif kind.endswith("_type"):
        code, title = "10020", "Invalid resource type"
    else:
        code, title = "10015", "Bad Request"
    pointer = "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in error["loc"])
    return error_object(code, title, describe_error(error), pointer)
