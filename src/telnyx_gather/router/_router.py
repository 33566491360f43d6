"""`Router`: typed handlers from verified events to the next commands, run once per event."""

from __future__ import annotations

import asyncio
import inspect
import math
import time
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any, Generic, TypeAlias, TypeVar, overload

from pydantic import BaseModel

from ..commands._sender import CommandSender
from ..events import CallAIGatherEnded
from ..stores import AsyncStore, MemoryStore, Store
from ..verify import Verifier
from ._assistant import AssistantServing
from ._delivery import Delivery, Outcome
from ._drive import Driver
from ._graph import RouteKey, draw, route_infos
from ._initialization import InitializationTable
from ._intake import Gate, open_delivery
from ._observe import observed
from ._record import OBSERVERS, Recorder, notify
from ._routes import Handled, Routes
from ._tools import ToolTable

if TYPE_CHECKING:
    from ..verify import Body, Headers

__all__ = ["BUSY_WAIT", "DEADLINE", "Router"]

DEADLINE = 8.0
"""Seconds a delivery may take by default: below Telnyx's common 10 s webhook timeout."""
BUSY_WAIT = 2.0
"""Seconds a delivery held by another worker waits for it by default, before answering 503."""

E = TypeVar("E", bound=BaseModel)
M = TypeVar("M", bound=BaseModel)
S = TypeVar("S")
R = TypeVar("R", bound=Handled)


Unwrapper: TypeAlias = Verifier
"""What verifies and parses a delivery: `telnyx_gather.verify.Verifier`, under the router's name."""

Sender: TypeAlias = CommandSender[object]
"""What sends a command: `GatherClient` or `AsyncGatherClient` (whose `send` is awaited).

Or your own, for a webhook-only app: an object with this `send` (sync or
`async`). What it raises decides the answer to Telnyx: `CommandRefusedError`
means the API refused the command for good (`send_refused`, 200: the event
is finished, as a redelivery would be refused the same way); any other
exception means it may go through later (`send_failed`, 502: Telnyx
delivers the event again).
"""


class Router(AssistantServing, Generic[S]):
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
            `MemoryStore()` of its own by default, a shared `RedisStore` (or,
            with `handle_async`, `AsyncRedisStore`) for several workers.
        state: The model your commands' `client_state` holds (see
            `encode_client_state`); its `step` field routes `on(..., step=)`.
        deadline: Seconds from a delivery's arrival by which its answer is
            due; keep it below the webhook timeout set in Telnyx (10 s is
            common). No send starts after it (an async one in flight is
            cancelled) and the answer is 503, so Telnyx retries with the same
            `command_id`s. `None`: no deadline.
        busy_wait: Seconds a delivery of an event another worker holds waits
            for that worker (asking the store every 50 ms): `duplicate` (200)
            if it finishes, a run of our own if its lease runs out, else
            `in_progress` (503 with `Retry-After`).
        max_in_flight: The most deliveries worked on at once (`handle` and
            `handle_async` together); one more is answered 503 `overloaded`
            at once, unverified. `None` (the default): no bound.

    Raises:
        ValueError: `deadline` is not positive, `busy_wait` is negative, or
            `max_in_flight` is not a whole number of 1 or more.
    """

    recorder: Recorder | None = None
    """Opt-in: sees every delivery this router handles, with its outcome (see `Recorder`)."""

    @overload
    def __init__(
        self: Router[None],
        *,
        verifier: Unwrapper,
        client: Sender,
        store: Store | AsyncStore | None = None,
        deadline: float | None = DEADLINE,
        busy_wait: float = BUSY_WAIT,
        max_in_flight: int | None = None,
    ) -> None: ...

    @overload
    def __init__(
        self,
        *,
        verifier: Unwrapper,
        client: Sender,
        store: Store | AsyncStore | None = None,
        state: type[S],
        deadline: float | None = DEADLINE,
        busy_wait: float = BUSY_WAIT,
        max_in_flight: int | None = None,
    ) -> None: ...

    def __init__(
        self,
        *,
        verifier: Unwrapper,
        client: Sender,
        store: Store | AsyncStore | None = None,
        state: type[S] | None = None,
        deadline: float | None = DEADLINE,
        busy_wait: float = BUSY_WAIT,
        max_in_flight: int | None = None,
    ) -> None:
        if deadline is not None and not deadline > 0:
            raise ValueError("Router: deadline must be a positive number of seconds, or None")
        if not busy_wait >= 0:
            raise ValueError("Router: busy_wait must be zero or more seconds")
        self.verifier: Unwrapper = verifier
        self.client: Sender = client
        self._routes = Routes[S](state, {}, set(), {})
        self._async_client = inspect.iscoroutinefunction(client.send)
        self._driver = Driver(
            MemoryStore() if store is None else store, client, deadline, busy_wait
        )
        self._deadline = math.inf if deadline is None else deadline
        self._tools = ToolTable()
        self._init = InitializationTable()
        self._gate = None if max_in_flight is None else Gate(max_in_flight)

    def _verify(self, body: Body, headers: Headers) -> None:
        self.verifier.verify(body, headers)

    def _tool_driver(self) -> Driver:
        return self._driver

    @property
    def store(self) -> Store | AsyncStore:
        """Where claimed and finished events are recorded; assigning one takes effect at once."""
        return self._driver.store

    @store.setter
    def store(self, store: Store | AsyncStore) -> None:
        old = self._driver
        deadline = None if old.deadline == math.inf else old.deadline
        self._driver = Driver(store, self.client, deadline, old.busy_wait)

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

    def to_mermaid(self, transitions: Iterable[tuple[RouteKey, RouteKey]] = ()) -> str:
        """The routes as a Mermaid state diagram: each route a state, with what it returns.

        What a handler can return comes from its return annotation (see
        `telnyx_gather.router.RouteInfo`); `transitions` (such as
        `RouteCoverage.transitions()` after flow tests) add the observed edges.
        """
        return draw(route_infos(self._routes), transitions)

    def handle(self, body: Body, headers: Headers) -> Outcome:
        """Verify, parse, claim, dispatch and send one delivery.

        Never raises for anything a delivery, a handler, a send or the store
        does: the outcome's `.status` is the answer to give Telnyx (see
        `Outcome`), and its `.headers` go with it.

        Raises:
            TypeError: The client, the store or the event's handler is async;
                use `handle_async`. Raised before anything is claimed.
        """
        started = time.monotonic()
        delivery = (
            open_delivery(self.verifier, self._routes, body, headers, started, self._deadline)
            if self._gate is None
            else self._admit(self._gate, body, headers, started)
        )
        if isinstance(delivery, Outcome):
            return notify(self, self.recorder, body, observed(delivery, started))
        try:
            if self._async_client or self._driver.store_is_async or delivery.route.is_async:
                raise TypeError(
                    "an async client, store or handler needs `await router.handle_async(...)`"
                )
            outcome = observed(self._driver.run(delivery), started, delivery)
        finally:
            if self._gate is not None:
                self._gate.leave()
        if self.recorder is None and not OBSERVERS:
            return outcome
        return notify(self, self.recorder, body, outcome)

    async def handle_async(self, body: Body, headers: Headers) -> Outcome:
        """`handle` for async apps: awaits async handlers, sends and store calls.

        Sync handlers, a sync client and a sync store work here too; a
        `MemoryStore` never waits, while a `RedisStore` blocks the loop for each
        round trip, so an async app uses `AsyncRedisStore`. An async handler or
        send still running at the deadline is cancelled. Cancelled itself (a
        client gone, under an ASGI integration), it releases the claim and
        logs `cancelled`; commands already sent stay sent.
        """
        started = time.monotonic()
        delivery = (
            open_delivery(self.verifier, self._routes, body, headers, started, self._deadline)
            if self._gate is None
            else self._admit(self._gate, body, headers, started)
        )
        if isinstance(delivery, Outcome):
            return notify(self, self.recorder, body, observed(delivery, started))
        try:
            outcome = observed(await self._driver.run_async(delivery), started, delivery)
        except asyncio.CancelledError:
            observed(delivery.cancelled(), started, delivery)
            raise
        finally:
            if self._gate is not None:
                self._gate.leave()
        if self.recorder is None and not OBSERVERS:
            return outcome
        return notify(self, self.recorder, body, outcome)

    def _admit(
        self, gate: Gate, body: Body, headers: Headers, started: float
    ) -> Delivery | Outcome:
        """`open_delivery` through the load gate (`max_in_flight`)."""
        verifier, routes, deadline = self.verifier, self._routes, self._deadline
        return gate.admit(lambda: open_delivery(verifier, routes, body, headers, started, deadline))
