"""The Call Control sandbox: an offline API on loopback that posts signed webhooks.

Layers, each in its own module: the HTTP face (`_face`) reads a request and
validates its body into a command model (`_requests`); the engine (`_engine`)
applies the model to typed call state and emits events to the outbox
(`_outbox`), which builds each envelope with the public factories' code,
signs it, and delivers it at least once. Nothing outside this package
imports its private modules; the public names are re-exported here and
from `telnyx_gather.testing`.
"""

from ._answerer import Human, Machine
from ._call import SandboxCall
from ._calls import RefusedCommand, SentCommand
from ._delivery import Attempt, Delivery, UndeliveredWebhookError
from ._faults import DEFAULT_RETRY_DELAYS, Faults
from ._posts import AssistantPost
from ._sandbox import Sandbox
from ._script import AIAnswer, AssistantTurn, CallerStep, HangUp, Press, Silence, ToolUse

__all__ = [
    "DEFAULT_RETRY_DELAYS",
    "AIAnswer",
    "AssistantPost",
    "AssistantTurn",
    "Attempt",
    "CallerStep",
    "Delivery",
    "Faults",
    "HangUp",
    "Human",
    "Machine",
    "Press",
    "RefusedCommand",
    "Sandbox",
    "SandboxCall",
    "SentCommand",
    "Silence",
    "ToolUse",
    "UndeliveredWebhookError",
]
