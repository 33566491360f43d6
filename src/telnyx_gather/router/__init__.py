"""Typed call flows: a `Router` from verified events to the next commands.

Telnyx delivers every event at least once, in no promised order. The router
runs each event's handler once (a `telnyx_gather.stores` store records which
events are claimed and finished), and derives every command's `command_id`
from the event's `id` and the command's position, so a redelivery that
reaches a worker with no memory of the event still sends the same ids, and
Telnyx ignores the repeats.
"""

from ._delivery import STATUS, Outcome, Reason
from ._graph import RouteInfo, RouteKey
from ._ids import NAMESPACE, command_id
from ._initialization import INITIALIZATION_DEADLINE, InitializationHandled
from ._inspect import route_taken, routes_of
from ._record import Recorder, observe_routers
from ._router import Router, Sender, Unwrapper
from ._routes import Handled, HandlerResult
from ._tools import ToolAnswer, ToolContext, ToolHandled, ToolReason, ToolReply

__all__ = [
    "INITIALIZATION_DEADLINE",
    "NAMESPACE",
    "STATUS",
    "Handled",
    "HandlerResult",
    "InitializationHandled",
    "Outcome",
    "Reason",
    "Recorder",
    "RouteInfo",
    "RouteKey",
    "Router",
    "Sender",
    "ToolAnswer",
    "ToolContext",
    "ToolHandled",
    "ToolReason",
    "ToolReply",
    "Unwrapper",
    "command_id",
    "observe_routers",
    "route_taken",
    "routes_of",
]
