# pyright: reportUnnecessaryTypeIgnoreComment=true
"""Static checks, run by mypy --strict and pyright strict: webhook tools on the Router.

Nothing here needs to run. A tool handler takes its arguments' model and a
`ToolContext` and returns a `ToolReply` (or, async, an awaitable of one);
each `# type: ignore[...]` marks a handler that must stay an error in both
checkers (unused ignores fail the gate).
"""

from __future__ import annotations

from collections.abc import Callable

from pydantic import BaseModel
from typing_extensions import assert_type

from telnyx_gather import GatherClient, Router, WebhookVerifier
from telnyx_gather.assistants import AssistantInitialization, InitializationReply
from telnyx_gather.commands import AssistantWebhookTool, webhook_tool
from telnyx_gather.router import ToolAnswer, ToolContext


class Booking(BaseModel):
    name: str
    party_size: int


class Confirmation(BaseModel):
    table: int


def book(args: Booking, context: ToolContext) -> Confirmation:
    assert_type(args.party_size, int)
    assert_type(context.call_control_id, str | None)
    return Confirmation(table=args.party_size)


async def book_later(args: Booking, context: ToolContext) -> dict[str, str]:
    return {"status": "submitted", "for": args.name}


def wrong_arguments(args: int, context: ToolContext) -> Confirmation:
    return Confirmation(table=args)


def wrong_reply(args: Booking, context: ToolContext) -> int:
    return args.party_size


def no_context(args: Booking) -> Confirmation:
    return Confirmation(table=args.party_size)


def registration(verifier: WebhookVerifier, client: GatherClient) -> None:
    router = Router(verifier=verifier, client=client)
    assert_type(router.tool("book")(book), Callable[[Booking, ToolContext], Confirmation])
    router.tool("later", timeout=2.0)(book_later)
    router.tool("look_up", idempotent=True)(book)
    router.tool("bad")(wrong_arguments)  # type: ignore[type-var]
    router.tool("bad")(wrong_reply)  # type: ignore[type-var]
    router.tool("bad")(no_context)  # type: ignore[arg-type]
    assert_type(router.handle_tool("book", b"{}", {}), ToolAnswer)
    assert_type(webhook_tool(book, url="https://app.example/tools/book"), AssistantWebhookTool)


async def serving(router: Router[None], context: ToolContext) -> None:
    assert_type(await router.handle_tool_async("book", b"{}", {}), ToolAnswer)
    later = router.tool("later")(book_later)
    assert_type(await later(Booking(name="Ada", party_size=2), context), dict[str, str])


def variables(event: AssistantInitialization) -> InitializationReply:
    return InitializationReply(
        dynamic_variables={"caller": event.payload.telnyx_end_user_target or ""}
    )


def flat_variables(event: AssistantInitialization) -> dict[str, str]:
    return {"caller": "flat replies are ignored by Telnyx"}


def dynamic_variables(router: Router[None]) -> None:
    registered = router.initialization(timeout=1.0)(variables)
    assert_type(
        registered(AssistantInitialization(event_type="assistant.initialization")),
        InitializationReply,
    )
    router.initialization()(flat_variables)  # type: ignore[type-var]
    assert_type(router.handle_initialization(b"{}", {}), ToolAnswer)
