"""An AI assistant that books tables: two typed webhook tools and dynamic variables, on FastAPI.

The app answers each inbound call and hands it to the AI assistant
ASSISTANT_ID with two webhook tools, both served by this app:

- `book_table` (synchronous): books the table and answers at once with the
  booking's reference, which the assistant reads back;
- `send_confirmation` (async): answers "submitted" at once, sends the
  confirmation in the background, and tells the assistant later by posting
  `AddAIAssistantMessages` to the call.

The assistant's dynamic-variables webhook (set `dynamic_variables_webhook_url`
on the assistant to APP_URL/assistant/variables) names the caller, so the
greeting "Hello {{full_name}}!" greets a known caller by name.

Run:
    pip install 'telnyx-gather[fastapi,client]' uvicorn
    export TELNYX_PUBLIC_KEY=<public key> TELNYX_API_KEY=<API key>
    export APP_URL=https://<this app's public URL> ASSISTANT_ID=<assistant id>
    python examples/assistant_app.py

Point the Call Control application's webhook URL at APP_URL/webhooks/telnyx.
Tested offline end to end against the sandbox, which plays the assistant
(tests/integrations/test_examples_assistant.py).
"""

from __future__ import annotations

import asyncio
import logging
import os
import uuid
from collections.abc import AsyncGenerator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from pydantic import BaseModel, Field

from telnyx_gather import (
    AddAIAssistantMessages,
    Answer,
    AssistantInitialization,
    AsyncGatherClient,
    CallAnswered,
    CallInitiated,
    InitializationReply,
    Router,
    StartAIAssistant,
    WebhookVerifier,
)
from telnyx_gather.commands import AIAssistantConfig, DeveloperMessage, webhook_tool
from telnyx_gather.integrations.starlette import serve, serve_initialization, serve_tools
from telnyx_gather.router import ToolContext

log = logging.getLogger("assistant")

KNOWN_CALLERS = {"+13125550101": "Ada Lovelace"}
"""Who the dynamic-variables webhook recognises; a real app asks its CRM."""


class Booking(BaseModel):
    """Book a table at the restaurant."""

    name: str = Field(description="Who the table is for")
    party_size: int = Field(ge=1, le=12, description="How many people are coming")
    time: str = Field(description="When, as the caller said it (for example 7 pm)")


class Booked(BaseModel):
    """What `book_table` answers; the assistant reads it back to the caller."""

    status: str
    reference: str


class Confirmation(BaseModel):
    """Send the caller a confirmation of their booking."""

    reference: str = Field(description="The booking's reference, from book_table")


def build(
    verifier: WebhookVerifier,
    client: AsyncGatherClient,
    app_url: str,
    assistant_id: str,
) -> Router[None]:
    """The app's router: the call's webhooks, both tools, and the dynamic variables."""
    router = Router(verifier=verifier, client=client)
    pending: set[asyncio.Task[None]] = set()

    @router.tool("book_table", timeout=2.0)
    def book_table(args: Booking, context: ToolContext) -> Booked:
        """Book a table for the caller."""
        reference = f"T-{uuid.uuid4().hex[:6].upper()}"
        log.info("booked %s for %d at %s", reference, args.party_size, args.time)
        return Booked(status="booked", reference=reference)

    @router.tool("send_confirmation")
    async def send_confirmation(args: Confirmation, context: ToolContext) -> dict[str, str]:
        """Send the caller a confirmation; its result comes later."""
        call_control_id = context.call_control_id
        if call_control_id is not None:
            task = asyncio.create_task(confirm(call_control_id, args.reference))
            pending.add(task)
            task.add_done_callback(pending.discard)
        return {"status": "submitted"}

    async def confirm(call_control_id: str, reference: str) -> None:
        await asyncio.sleep(0.05)  # the confirmation goes out: a text, an email, ...
        done = DeveloperMessage(content=f"The confirmation of {reference} was sent.")
        await client.send(call_control_id, AddAIAssistantMessages(messages=[done]))

    tools = [
        webhook_tool(book_table, url=f"{app_url}/tools/book_table", timeout_ms=3000),
        webhook_tool(
            send_confirmation,
            url=f"{app_url}/tools/send_confirmation",
            async_=True,
            async_timeout_ms=1000,
        ),
    ]

    @router.initialization(defaults=InitializationReply(dynamic_variables={"full_name": "there"}))
    def variables(event: AssistantInitialization) -> InitializationReply:
        caller = event.payload.telnyx_end_user_target or ""
        return InitializationReply(
            dynamic_variables={"full_name": KNOWN_CALLERS.get(caller, "there")}
        )

    @router.on(CallInitiated)
    def initiated(event: CallInitiated) -> Answer | None:
        return Answer() if event.payload.direction == "incoming" else None

    @router.on(CallAnswered)
    def answered(event: CallAnswered) -> StartAIAssistant:
        return StartAIAssistant(
            assistant=AIAssistantConfig(id=assistant_id, tools=tools),
            greeting="Hello {{full_name}}! Would you like to book a table?",
        )

    return router


verifier = WebhookVerifier.from_env()  # reads TELNYX_PUBLIC_KEY; a missing key fails loudly
client = AsyncGatherClient()  # TELNYX_API_KEY (and TELNYX_BASE_URL, to point it elsewhere)
router = build(
    verifier,
    client,
    os.environ.get("APP_URL", "http://127.0.0.1:8000").rstrip("/"),
    os.environ.get("ASSISTANT_ID", "assistant-tables"),
)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncGenerator[None, None]:
    """Close the client's connections when the server stops."""
    yield
    await client.close()


app = FastAPI(lifespan=lifespan)
app.add_route("/webhooks/telnyx", serve(router), methods=["POST"])
app.add_route("/tools/{name}", serve_tools(router), methods=["POST"])
app.add_route("/assistant/variables", serve_initialization(router), methods=["POST"])


if __name__ == "__main__":
    import uvicorn

    logging.basicConfig(level=logging.INFO)
    host, port = os.environ.get("HOST", "127.0.0.1"), int(os.environ.get("PORT", "8000"))
    uvicorn.run(app, host=host, port=port)
