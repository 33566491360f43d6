# pyright: reportUnnecessaryTypeIgnoreComment=true
"""Static checks, run by mypy --strict and pyright strict: handler signatures on the Router.

Nothing here needs to run; the type checkers fail the gate if a type drifts.
Each `# type: ignore[...]` below marks a line that must stay an error: mypy
(warn_unused_ignores) and pyright (reportUnnecessaryTypeIgnoreComment) fail
the gate if one stops being needed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Literal

from pydantic import BaseModel
from typing_extensions import assert_type

from telnyx_gather import (
    AsyncGatherClient,
    CallDtmfReceived,
    CallGatherEnded,
    GatherClient,
    GatherUsingSpeak,
    Router,
    StopGather,
    UnknownEvent,
    WebhookVerifier,
)
from telnyx_gather.commands import Command
from telnyx_gather.router import Outcome
from telnyx_gather.stores import MemoryStore, RedisStore, Store


class Flow(BaseModel):
    step: Literal["menu", "pin"]
    tries: int = 0


def plain_router(verifier: WebhookVerifier, client: GatherClient) -> None:
    router = Router(verifier=verifier, client=client)
    assert_type(router, Router[None])

    @router.on(CallGatherEnded)
    def ended(event: CallGatherEnded) -> Command:
        assert_type(event.payload.digits, str | None)
        return StopGather()

    assert_type(ended, Callable[[CallGatherEnded], Command])

    @router.on(CallDtmfReceived)
    def dtmf(event: CallDtmfReceived) -> Sequence[Command] | None:
        return [StopGather(), GatherUsingSpeak(payload="Hi", voice="female")]

    @router.on(UnknownEvent)
    async def other(event: UnknownEvent) -> None:
        return None

    outcome = router.handle(b"{}", {"telnyx-timestamp": "1"})
    assert_type(outcome, Outcome)
    assert_type(outcome.status, int)


def flow_router(verifier: WebhookVerifier, client: AsyncGatherClient, store: Store) -> None:
    router = Router(verifier=verifier, client=client, store=store, state=Flow)
    assert_type(router, Router[Flow])

    @router.on(CallGatherEnded, step="menu")
    async def menu(event: CallGatherEnded, state: Flow) -> Command:
        assert_type(state.step, Literal["menu", "pin"])
        return StopGather()

    @router.on(CallGatherEnded)
    def anywhere(event: CallGatherEnded) -> None:
        assert_type(router.state(event), Flow | None)


def stores(client: object) -> None:
    memory: Store = MemoryStore(max_events=10, lease=1.0, done_ttl=60.0)
    fleet: Store = RedisStore.from_url("redis://127.0.0.1:6379/0")
    assert_type(memory.claim("ev").state, Literal["claimed", "busy", "done"])
    assert_type(fleet.claim("ev").token, str)


def mistakes(verifier: WebhookVerifier, client: GatherClient) -> None:
    router = Router(verifier=verifier, client=client)
    flow = Router(verifier=verifier, client=client, state=Flow)

    def wrong_event(event: CallDtmfReceived) -> None: ...

    def returns_text(event: CallGatherEnded) -> str:
        return "speak"

    def no_state(event: CallGatherEnded) -> None: ...

    def wrong_state(event: CallGatherEnded, state: int) -> None: ...

    router.on(CallGatherEnded)(wrong_event)  # type: ignore[arg-type]
    router.on(CallGatherEnded)(returns_text)  # type: ignore[type-var]
    flow.on(CallGatherEnded, step="menu")(no_state)  # type: ignore[arg-type]
    flow.on(CallGatherEnded, step="menu")(wrong_state)  # type: ignore[arg-type]
    router.on(dict)  # type: ignore[type-var]
    Router(verifier=verifier, client=object())  # type: ignore[call-overload]
