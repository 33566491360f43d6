"""`GatherClient` and `AsyncGatherClient`: the official `telnyx` clients, plus typed commands.

Each is a subclass of the SDK's own client, so construction, auth, timeouts,
retries and errors are the SDK's; each can also wrap a client that is already
configured (`GatherClient.wrap(existing)`). `send` only builds the path and body, posts
them through the client's generic request method and parses the answer; the
SDK's per-resource modules (`client.calls.actions`) are never imported, which
keeps a cold start short.

This module needs the `client` extra: `pip install 'telnyx-gather[client]'`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from typing_extensions import Self, overload

try:
    import httpx
    import telnyx
except ImportError as _missing:
    raise ImportError(
        "the telnyx-gather client needs the official telnyx SDK; "
        "install it with: pip install 'telnyx-gather[client]'"
    ) from _missing
from pydantic import ValidationError

from .._errors import describe_validation_error
from .._lazy import publish
from ..commands import Command
from ..commands.actions.dial import Dial
from ._call import AsyncCall, Call
from ._result import DIAL_RESPONSE, RESPONSE, CommandResult, DialResult
from ._wire import params as _body
from ._wire import request as _request

__all__ = ["AsyncGatherClient", "GatherClient"]


def _adopt(
    wrapper: object, client: object, expected: type[Any], options: Mapping[str, Any]
) -> None:
    """Give `wrapper` the configuration of `client`: a shallow copy, as `copy.copy` makes.

    The copy shares the client's http client (and so its connection pool),
    auth, base URL, timeout, retries, default headers and query. Values the
    class computes on first use (the `client.calls`-style resources) are
    left out, so they are built for the wrapper.
    """
    name = type(wrapper).__name__
    if options:
        raise TypeError(
            f"{name}(client) takes no other arguments; "
            f"configure the client first, e.g. {name}(client.with_options(max_retries=5))"
        )
    if not isinstance(client, expected):
        sibling = "AsyncGatherClient" if name == "GatherClient" else "GatherClient"
        raise TypeError(
            f"{name} wraps a telnyx.{expected.__name__}, got {type(client).__qualname__}"
            f"; use {sibling} for the other kind"
        )
    cls = type(client)
    state = {key: value for key, value in vars(client).items() if not hasattr(cls, key)}
    vars(wrapper).update(state)


if TYPE_CHECKING:
    _Wrapping = type
else:

    class _Wrapping(type):
        """Keeps `GatherClient(existing)` working while `__init__` stays the SDK's own.

        The SDK's tests compare the client's `__init__` parameters with its
        `copy()`; a wrapper parameter there would be one `copy()` lacks. So
        the class inherits the SDK's `__init__`, and a positional client is
        routed here to `wrap`.
        """

        def __call__(cls, *args, **options):
            if not args:
                return super().__call__(**options)
            if len(args) > 1:
                raise TypeError(f"{cls.__name__}() takes one client to wrap, or keywords")
            if options:
                raise TypeError(
                    f"{cls.__name__}(client) takes no other arguments; configure the client "
                    f"first, e.g. {cls.__name__}.wrap(client.with_options(max_retries=5))"
                )
            return cls.wrap(args[0])


def _result(response: httpx.Response) -> CommandResult:
    try:
        return RESPONSE.validate_json(response.content).data
    except ValidationError as exc:
        raise _unexpected(response, exc) from exc


def _dialled(response: httpx.Response) -> DialResult:
    try:
        return DIAL_RESPONSE.validate_json(response.content).data
    except ValidationError as exc:
        raise _unexpected(response, exc) from exc


def _unexpected(
    response: httpx.Response, exc: ValidationError
) -> telnyx.APIResponseValidationError:
    return telnyx.APIResponseValidationError(
        response,
        response.text,
        message=f"unexpected response to a call command: {describe_validation_error(exc)}",
    )


class GatherClient(telnyx.Telnyx, metaclass=_Wrapping):
    """The official `telnyx.Telnyx` client, plus typed, validated gather commands.

    Construct it exactly like `telnyx.Telnyx` (`api_key`, `base_url`,
    `max_retries`, `timeout`, `http_client`, ...); everything the SDK offers
    still works.

    Example:
        ```python
        client = GatherClient(api_key="KEY...")
        client.call(call_control_id).gather(minimum_digits=1, maximum_digits=4)
        ```

        A service that already has a configured `telnyx.Telnyx` wraps it
        instead; the wrapper uses the same http client (connection pool),
        auth, base URL, timeout, retries and default headers:

        ```python
        client = GatherClient.wrap(existing_telnyx_client)
        ```

        The older positional form, `GatherClient(existing_telnyx_client)`,
        still works; `wrap` is preferred, and the constructor's own signature
        is exactly the SDK's (as the SDK's `copy()` expects).

    Raises:
        TypeError: A programming error: the wrapped client is not a
            `telnyx.Telnyx` (an `AsyncTelnyx` goes in `AsyncGatherClient`),
            or other arguments came with it.
    """

    if TYPE_CHECKING:

        @overload
        def __init__(self, client: telnyx.Telnyx, /) -> None: ...

        @overload
        def __init__(
            self,
            /,
            *,
            api_key: str | None = None,
            public_key: str | None = None,
            client_id: str | None = None,
            client_secret: str | None = None,
            base_url: str | httpx.URL | None = None,
            websocket_base_url: str | httpx.URL | None = None,
            timeout: float | telnyx.Timeout | telnyx.NotGiven | None = telnyx.not_given,
            max_retries: int = telnyx.DEFAULT_MAX_RETRIES,
            default_headers: Mapping[str, str] | None = None,
            default_query: Mapping[str, object] | None = None,
            http_client: httpx.Client | None = None,
            _strict_response_validation: bool = False,
        ) -> None: ...

        def __init__(self, *args: Any, **options: Any) -> None: ...

    @classmethod
    def wrap(cls, client: telnyx.Telnyx) -> Self:
        """A `GatherClient` that sends through `client`'s configuration.

        It shares the client's http client (and so its connection pool),
        auth, base URL, timeout, retries, default headers and query.

        Raises:
            TypeError: `client` is not a `telnyx.Telnyx` (an `AsyncTelnyx`
                goes in `AsyncGatherClient.wrap`).
        """
        wrapper = cls.__new__(cls)
        _adopt(wrapper, client, telnyx.Telnyx, {})
        return wrapper

    def send(self, call_control_id: str, command: Command) -> CommandResult:
        """Send `command` to the call `call_control_id`.

        Fills in a fresh UUID4 `command_id` when the command has none, so the
        SDK's own retries cannot repeat the command.

        Args:
            call_control_id: The call, as in the webhooks' `payload.call_control_id`.
            command: Any command builder.

        Returns:
            The API's answer.

        Raises:
            InvalidCommandError: `call_control_id` is empty, or `command` is a
                `Dial` (send it with `dial`); nothing was sent.
            telnyx.APIError: Any failure of the request, as the SDK raises it
                (`telnyx.UnprocessableEntityError`, `telnyx.APIConnectionError`, ...).
        """
        path, body = _request(call_control_id, command)
        if command.http_method == "PUT":
            return _result(self.put(path, body=body, cast_to=httpx.Response))
        return _result(self.post(path, body=body, cast_to=httpx.Response))

    def dial(self, command: Dial) -> DialResult:
        """Start the outgoing call `command` describes (`POST /calls`).

        Fills in a fresh UUID4 `command_id` when the command has none, as `send` does.

        Args:
            command: The `Dial` builder.

        Returns:
            The new call's ids: `call_control_id`, `call_leg_id`, `call_session_id`.

        Raises:
            telnyx.APIError: Any failure of the request, as the SDK raises it.
        """
        return _dialled(self.post("/calls", body=_body(command), cast_to=httpx.Response))

    def call(self, call_control_id: str) -> Call:
        """A handle bound to the call `call_control_id`, with one method per action."""
        return Call(self, call_control_id)


class AsyncGatherClient(telnyx.AsyncTelnyx, metaclass=_Wrapping):
    """The official `telnyx.AsyncTelnyx` client, plus typed, validated gather commands.

    The async twin of `GatherClient`: the same constructor as
    `telnyx.AsyncTelnyx`, or `AsyncGatherClient.wrap(existing_async_telnyx_client)`;
    `send` and the `AsyncCall` methods are awaited.

    Raises:
        TypeError: A programming error: the wrapped client is not a
            `telnyx.AsyncTelnyx` (a `Telnyx` goes in `GatherClient`), or
            other arguments came with it.
    """

    if TYPE_CHECKING:

        @overload
        def __init__(self, client: telnyx.AsyncTelnyx, /) -> None: ...

        @overload
        def __init__(
            self,
            /,
            *,
            api_key: str | None = None,
            public_key: str | None = None,
            client_id: str | None = None,
            client_secret: str | None = None,
            base_url: str | httpx.URL | None = None,
            websocket_base_url: str | httpx.URL | None = None,
            timeout: float | telnyx.Timeout | telnyx.NotGiven | None = telnyx.not_given,
            max_retries: int = telnyx.DEFAULT_MAX_RETRIES,
            default_headers: Mapping[str, str] | None = None,
            default_query: Mapping[str, object] | None = None,
            http_client: httpx.AsyncClient | None = None,
            _strict_response_validation: bool = False,
        ) -> None: ...

        def __init__(self, *args: Any, **options: Any) -> None: ...

    @classmethod
    def wrap(cls, client: telnyx.AsyncTelnyx) -> Self:
        """An `AsyncGatherClient` that sends through `client`'s configuration.

        It shares the client's http client (and so its connection pool),
        auth, base URL, timeout, retries, default headers and query.

        Raises:
            TypeError: `client` is not a `telnyx.AsyncTelnyx` (a `Telnyx`
                goes in `GatherClient.wrap`).
        """
        wrapper = cls.__new__(cls)
        _adopt(wrapper, client, telnyx.AsyncTelnyx, {})
        return wrapper

    async def send(self, call_control_id: str, command: Command) -> CommandResult:
        """Send `command` to the call `call_control_id`; see `GatherClient.send`."""
        path, body = _request(call_control_id, command)
        if command.http_method == "PUT":
            return _result(await self.put(path, body=body, cast_to=httpx.Response))
        return _result(await self.post(path, body=body, cast_to=httpx.Response))

    async def dial(self, command: Dial) -> DialResult:
        """Start the outgoing call `command` describes; see `GatherClient.dial`."""
        return _dialled(await self.post("/calls", body=_body(command), cast_to=httpx.Response))

    def call(self, call_control_id: str) -> AsyncCall:
        """A handle bound to the call `call_control_id`, with one awaitable method per action."""
        return AsyncCall(self, call_control_id)


publish("telnyx_gather", GatherClient, AsyncGatherClient)
