"""The base of every command builder, and the field types every command shares."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, ClassVar, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, ValidationError

from .._errors import InvalidCommandError, describe_validation_error
from ..client_state import is_base64

__all__ = ["ClientState", "Command", "CommandId", "StrictModel"]


def _check_client_state(value: str) -> str:
    if not is_base64(value):
        raise ValueError("must be valid standard base64 (use encode_client_state)")
    return value


ClientState = Annotated[str, AfterValidator(_check_client_state)]
"""A `client_state` value: canonical standard base64, as Telnyx requires."""

CommandId = str
"""A `command_id`: Telnyx ignores a repeated one on the same call."""


class StrictModel(BaseModel):
    """Frozen, `extra="forbid"` model whose validation failures raise `InvalidCommandError`.

    Nested request objects derive from it too, so a bad nested dict fails the
    same way as a bad top-level field.
    """

    model_config: ClassVar[ConfigDict] = ConfigDict(
        frozen=True,
        extra="forbid",
        strict=True,
        populate_by_name=True,
        hide_input_in_errors=True,
        allow_inf_nan=False,
    )

    if not TYPE_CHECKING:
        # Hidden from type checkers so that they keep the typed, field-by-field
        # __init__ that Pydantic synthesises.
        def __init__(self, **data: Any) -> None:
            try:
                super().__init__(**data)
            except ValidationError as exc:
                raise _invalid(type(self).__name__, exc) from None

        # Marks this as Pydantic's own __init__, so nested validation stays in
        # pydantic-core instead of calling back into Python per object.
        __init__.__pydantic_base_init__ = True

    @classmethod
    def model_validate(cls, obj: Any, **kwargs: Any) -> Any:
        """Validate `obj` into this model, raising `InvalidCommandError` on failure."""
        try:
            return super().model_validate(obj, **kwargs)
        except ValidationError as exc:
            raise _invalid(cls.__name__, exc) from None


def _invalid(name: str, exc: ValidationError) -> InvalidCommandError:
    return InvalidCommandError(f"{name}: {describe_validation_error(exc, root=None)}")


class Command(StrictModel):
    """Base of every command builder, and the two fields every action takes.

    Attributes:
        action: The path segment of the command, as in
            `/calls/{call_control_id}/actions/{action}`.
        method: The name of the action's method on the `telnyx` SDK's
            `client.calls.actions` (`stop_gather`), and of the `Call` handle's.
        http_method: `POST` for every action but `client_state_update` (`PUT`).
        acts_on_call: `False` for a builder that starts a new call instead of
            acting on one (`Dial`): `send` refuses it, the `Call` handle has no
            method for it, and the client's method named by `method` sends it.
        client_state: Base64 state echoed in every later webhook of the call.
        command_id: Telnyx ignores a repeated `command_id` on the same call.
    """

    action: ClassVar[str]
    method: ClassVar[str]
    http_method: ClassVar[Literal["POST", "PUT"]] = "POST"
    acts_on_call: ClassVar[bool] = True

    client_state: ClientState | None = None
    command_id: CommandId | None = None

    def to_params(self) -> dict[str, Any]:
        """Return the JSON request body, with exactly the fields that were set.

        Every optional field defaults to `None` and is left out when it is
        `None`, so passing `None` is the same as not passing the field. The
        `type`/`role` tags of nested objects are always sent.
        """
        return self.model_dump(mode="json", by_alias=True, exclude_none=True)
