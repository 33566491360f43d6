"""`Router`: typed handlers from verified events to the next commands, run once per event."""

from __future__ import annotations

import inspect
from collections.abc import Callable
from contextlib import suppress
from typing import TYPE_CHECKING, Any, Generic, Literal, Protocol, TypeVar, overload

from pydantic import BaseModel

from .._errors import StoreError, WebhookParseError, WebhookVerificationError
from ..commands import Command
from ..events import CallAIGatherEnded, WebhookEvent
from ..stores import MemoryStore, Store
from ._delivery import Delivery, Outcome, log_misfit, refusal
from ._routes import Handled, HandlerResult, Routes

if TYPE_CHECKING:
    from ..verify import Body, Headers

__all__ = ["Router"]

E = TypeVar("E", bound=BaseModel)
M = TypeVar("M", bound=BaseModel)
S = TypeVar("S")
R = TypeVar("R", bound=Handled)


class Unwrapper(Protocol):
    """What verifies and parses a delivery: `WebhookVerifier` or `StandardWebhookVerifier`."""

    def unwrap(self, body: Body, headers: Headers) -> WebhookEvent:
        """Verify the delivery, then parse it into its typed event."""
        ...


class Sender(Protocol):
    """What sends a command: `GatherClient` or `AsyncGatherClient` (whose `send` is awaited).

    Or your own, for a webhook-only app: an object with this `send` (sync or
    `async`). What it raises decides the answer to Telnyx: `CommandRefusedError`
    means the API refused the command for good (`send_refused`, 200: the event
    is finished, as a redelivery would be refused the same way); any other
    exception means it may go through later (`send_failed`, 502: Telnyx
    delivers the event again).
    """

    def send(self, call_control_id: str, command: Command, /) -> object:
        """Send `command` to the call `call_control_id`.

        Raises:
            CommandRefusedError: The API refused the command for good.
        """
        ...


class Router(Generic[S]):
    """Routes each verified event to its handler and sends what the handler returns.

    A handler receives the typed event (and, when routed on a flow step, the
    decoded state; when routed on an AI gather's `result=` model, the parsed
    result) and returns `None`, a command, or a sequence of commands,
    which are sent in order to the event's call. Each command gets a
    `command_id` derived from the event's `id` and its position, unless the
    handler set one, and the store makes sure one delivery runs its handler
    once, even across workers.

    Example:
        ```python
        router = Router(verifier=verifier, client=client, state=Flow)

        @router.on(CallAnswered)
        def answered(event: CallAnswered) -> Command:
            return GatherUsingSpeak(..., client_state=encode_client_state(Flow(step="menu")))

        @router.on(CallGatherEnded, step="menu")
        def menu(event: CallGatherEnded, state: Flow) -> Command | None: ...
        ```

    Args:
        verifier: A `WebhookVerifier` or `StandardWebhookVerifier`.
        client: A `GatherClient`; an `AsyncGatherClient` with `handle_async`.
        store: Where claimed and finished events are recorded: a
            `MemoryStore()` of its own by default, a shared `RedisStore` for
            several workers.
        state: The model your commands' `client_state` holds (see
            `encode_client_state`); its `step` field routes `on(..., step=)`.
    """

    @overload
    def __init__(
        self: Router[None], *, verifier: Unwrapper, client: Sender, store: Store | None = None
    ) -> None: ...

    @overload
    def __init__(
        self, *, verifier: Unwrapper, client: Sender, store: Store | None = None, state: type[S]
    ) -> None: ...

    def __init__(
        self,
        *,
        verifier: Unwrapper,
        client: Sender,
        store: Store | None = None,
        state: type[S] | None = None,
    ) -> None:
        self.verifier: Unwrapper = verifier
        self.client: Sender = client
        self.store: Store = MemoryStore() if store is None else store
        self._routes = Routes[S](state, {}, set(), {})
        self._async_client = inspect.iscoroutinefunction(client.send)

    @overload
    def on(
        self, event_type: type[E], *, step: None = None
    ) -> Callable[[Callable[[E], R]], Callable[[E], R]]: ...

    @overload
    def on(
        self, event_type: type[E], *, step: str
    ) -> Callable[[Callable[[E, S], R]], Callable[[E, S], R]]: ...

    @overload
    def on(
        self, event_type: type[CallAIGatherEnded], *, result: type[M]
    ) -> Callable[[Callable[[CallAIGatherEnded, M], R]], Callable[[CallAIGatherEnded, M], R]]: ...

    def on(
        self,
        event_type: type[E],
        *,
        step: str | None = None,
        result: type[BaseModel] | None = None,
    ) -> Callable[[Any], Any]:
        """Register the decorated function as the handler of `event_type` (at `step`).

        Args:
            event_type: An event class, such as `CallGatherEnded` (or
                `UnknownEvent`, for event types this version does not know).
            step: Only for events whose `client_state` decodes into the state
                type with this `step`; the handler then also receives the state.
                Without `step`, the handler gets the event alone, and takes the
                events that no step handler matched.
            result: Only with `CallAIGatherEnded`: the model its
                `payload.result` is parsed into (see `result_as`); the handler
                then also receives the parsed model. A result that does not fit
                goes to the class's plain handler, if any, or is acknowledged
                with the reason `result_misfit` (a redelivery would not fit
                either); it is logged with the field, never the values.

        Raises:
            TypeError: `event_type` is not an event class, `step` is given
                without a state type (or a state model without a `step` field),
                or `result` is given with another event class, a non-model,
                or `step`.
            ValueError: That class (and step) already has a handler.
        """
        self._routes.check(event_type, step, result)

        def register(handler: Callable[..., Any]) -> Callable[..., Any]:
            self._routes.add(event_type, step, handler, result)
            return handler

        return register

    def state(self, event: BaseModel) -> S | None:
        """The event's `client_state` decoded into the state type; `None` if absent or not one."""
        return self._routes.state(event)

    def handle(self, body: Body, headers: Headers) -> Outcome:
        """Verify, parse, claim, dispatch and send one delivery.

        Never raises for anything a delivery, a handler or a send does: the
        outcome's `.status` is the answer to give Telnyx (see `Outcome`).

        Raises:
            TypeError: The client or the event's handler is async; use
                `handle_async`. Raised before anything is claimed.
        """
        delivery = self._open(body, headers)
        if isinstance(delivery, Outcome):
            return delivery
        if self._async_client or delivery.route.is_async:
            raise TypeError("an async client or handler needs `await router.handle_async(...)`")
        early = self._claim(delivery)
        if early is not None:
            return early
        try:
            result = delivery.route.call(delivery.event, delivery.args)
            commands = () if result is None else delivery.commands(_sync(result))
        except Exception as exc:  # noqa: BLE001 -- a handler's failure must never escape
            return self._fail(delivery, "handler_failed", exc)
        try:
            for command in commands:
                self.client.send(delivery.call_control_id or "", command)
                delivery.sent.append(command)
        except Exception as exc:  # noqa: BLE001 -- any client failure releases the event
            return self._send_failed(delivery, exc)
        return self._finish(delivery)

    async def handle_async(self, body: Body, headers: Headers) -> Outcome:
        """`handle` for async apps: awaits async handlers and an `AsyncGatherClient`'s sends.

        Sync handlers and a sync client work here too. The store is called
        synchronously (a `RedisStore` round trip blocks the loop that long).
        """
        delivery = self._open(body, headers)
        if isinstance(delivery, Outcome):
            return delivery
        early = self._claim(delivery)
        if early is not None:
            return early
        try:
            result = delivery.route.call(delivery.event, delivery.args)
            if inspect.isawaitable(result):
                result = await result
            commands = () if result is None else delivery.commands(result)
        except Exception as exc:  # noqa: BLE001 -- a handler's failure must never escape
            return self._fail(delivery, "handler_failed", exc)
        try:
            for command in commands:
                sending = self.client.send(delivery.call_control_id or "", command)
                if inspect.isawaitable(sending):
                    await sending
                delivery.sent.append(command)
        except Exception as exc:  # noqa: BLE001 -- any client failure releases the event
            return self._send_failed(delivery, exc)
        return self._finish(delivery)

    def _open(self, body: Body, headers: Headers) -> Delivery | Outcome:
        try:
            event = self.verifier.unwrap(body, headers)
        except (WebhookVerificationError, WebhookParseError) as exc:
            return Outcome.rejected(exc)
        route, args, misfit = self._routes.find(event)
        if misfit is not None:
            log_misfit(event, misfit, handled=route is not None)
        if route is None:
            return Outcome("unhandled" if misfit is None else "result_misfit", event)
        return Delivery(event, route, args)

    def _claim(self, delivery: Delivery) -> Outcome | None:
        if delivery.key is None:
            return None
        try:
            return delivery.claimed(self.store.claim(delivery.key))
        except StoreError:
            return delivery.unavailable()

    def _fail(
        self,
        delivery: Delivery,
        reason: Literal["handler_failed", "send_failed"],
        exc: Exception,
    ) -> Outcome:
        outcome = delivery.failed(reason, exc)
        if delivery.key is not None:
            with suppress(StoreError):  # if it fails, the claim expires after its TTL
                self.store.release(delivery.key, delivery.token)
        return outcome

    def _send_failed(self, delivery: Delivery, exc: Exception) -> Outcome:
        refused = refusal(exc)
        if refused is None:
            return self._fail(delivery, "send_failed", exc)
        finished = self._finish(delivery)
        return delivery.refused(refused) if finished.ok else finished

    def _finish(self, delivery: Delivery) -> Outcome:
        if delivery.key is not None:
            try:
                self.store.finish(delivery.key, delivery.token)
            except StoreError:
                return delivery.unavailable()
        return delivery.done()


def _sync(result: Handled) -> HandlerResult:
    if result is not None and inspect.isawaitable(result):
        if inspect.iscoroutine(result):
            result.close()
        raise TypeError("an async handler needs `await router.handle_async(...)`")
    return result
