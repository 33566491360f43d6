"""Running one tool call: once, unless the tool is idempotent, and within its deadline.

Telnyx may post the same tool call more than once (a retry after a timeout
or an error), and documents no id of its own for a tool call; `call_key`
reads one from what the call carries (the `webhook-id`; else the call and
the exact arguments; else the signed timestamp and the exact arguments).

A tool registered with `idempotent=True` just runs every time. Any other is
claimed in the router's store under that key (`tool:<name>:...`) before it
runs, as webhook events are: a duplicate that finds it held or done is
refused with 409 `{"error": "duplicate"}`, which the assistant can read,
and its handler does not run. The claim's lease is renewed while the
handler runs (a retry after a timeout finds it held). A handler that failed
releases the claim, so a retry runs it again; one that answered, or was
answered 504 past its deadline (it may still act), keeps it.

The handler itself runs through `_deadline`: at its deadline the answer is
504, whether it is async (cancelled) or sync (its thread left to finish).
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import TYPE_CHECKING, cast

from .._errors import StoreError
from .._log import get_logger
from ._deadline import Overran, within, within_async
from ._drive import settle
from ._tools import (
    ToolAnswer,
    ToolCall,
    ToolContext,
    ToolHandled,
    ToolReply,
    ToolRoute,
    answered,
    tool_error,
)

if TYPE_CHECKING:
    from pydantic import BaseModel

    from ..stores import Claim
    from ._drive import Driver

__all__ = ["run_tool", "run_tool_async"]

logger = get_logger("router")


def run_tool(driver: Driver, call: ToolCall) -> ToolAnswer:
    """Claim the call (unless idempotent), run a sync handler within its deadline, settle.

    The claim's lease is renewed while the handler runs, as a delivery's is.

    Raises:
        TypeError: The handler or (for a tool that runs once) the store is async.
    """
    if call.route.is_async:
        raise TypeError("an async tool handler needs `await router.handle_tool_async(...)`")
    renewer, _ = driver.renewers()
    if call.key is None:
        return _run(call)
    if renewer is None:
        raise TypeError("an async store needs `await router.handle_tool_async(...)`")
    store = renewer.store
    try:
        claim = store.claim(call.key)
    except StoreError:
        return _unavailable()
    refused = _refused(claim)
    if refused is not None:
        return refused
    lease = renewer.hold(call.key, claim.token)
    try:
        answer = _run(call)
    finally:
        renewer.drop(lease)
    try:
        (store.release if _failed(answer) else store.finish)(call.key, claim.token)
    except StoreError:
        _unrecorded()
    return answer


async def run_tool_async(driver: Driver, call: ToolCall) -> ToolAnswer:
    """`run_tool` for `handle_tool_async`: async handlers and stores are awaited."""
    if call.key is None:
        return await _run_async(call)
    store, (_, renewer) = driver.store, driver.renewers()
    try:
        claim = await settle(store.claim(call.key))
    except StoreError:
        return _unavailable()
    refused = _refused(claim)
    if refused is not None:
        return refused
    lease = renewer.hold(call.key, claim.token)
    try:
        answer = await _run_async(call)
    finally:
        renewer.drop(lease)
    try:
        await settle((store.release if _failed(answer) else store.finish)(call.key, claim.token))
    except StoreError:
        _unrecorded()
    return answer


def _run(call: ToolCall) -> ToolAnswer:
    route = call.route
    try:
        reply = within(route.what, route.timeout, _sync(call), call.arguments)
    except Overran:
        return _overran()
    except Exception:  # noqa: BLE001 -- a handler's failure is answered, never raised
        return _handler_failed(call)
    return answered(reply)


async def _run_async(call: ToolCall) -> ToolAnswer:
    route = call.route
    handler = partial(_bound, call.route, call.context)
    try:
        reply = await within_async(
            route.what, route.timeout, handler, call.arguments, is_async=route.is_async
        )
    except Overran:
        return _overran()
    except Exception:  # noqa: BLE001 -- a handler's failure is answered, never raised
        return _handler_failed(call)
    return answered(cast("ToolReply", reply))


def _bound(route: ToolRoute, context: ToolContext, arguments: BaseModel) -> ToolHandled:
    return route.handler(arguments, context)


def _sync(call: ToolCall) -> Callable[[BaseModel], ToolReply]:
    return cast("Callable[[BaseModel], ToolReply]", partial(_bound, call.route, call.context))


def _handler_failed(call: ToolCall) -> ToolAnswer:
    logger.exception("%s: the handler failed", call.route.what)
    return tool_error("handler_failed", "the tool failed")


def _overran() -> ToolAnswer:
    return tool_error("deadline_exceeded", "the tool did not answer in time")


def _refused(claim: Claim) -> ToolAnswer | None:
    if claim.state == "claimed":
        return None
    logger.warning("refused a duplicate tool call (the first is %s)", claim.state)
    if claim.state == "busy":
        return tool_error("duplicate", "this tool call is already running; it runs once")
    return tool_error("duplicate", "this tool call was already run; it runs once")


def _failed(answer: ToolAnswer) -> bool:
    return answer.reason == "handler_failed"


def _unavailable() -> ToolAnswer:
    logger.warning("the store is unavailable: a tool call that runs once was not run")
    return tool_error("store_unavailable", "the tool cannot run now; try again")


def _unrecorded() -> None:
    logger.warning("could not record a tool call in the store; its claim runs out with its lease")
