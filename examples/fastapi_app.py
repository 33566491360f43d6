"""A FastAPI app that receives verified, typed Telnyx gather webhooks.

Run:
    pip install 'telnyx-gather[fastapi]' uvicorn
    TELNYX_PUBLIC_KEY=<your key from the Telnyx portal> python examples/fastapi_app.py

Then point your Call Control application's webhook URL at
http://<this host>:8000/webhooks/telnyx (PORT overrides the port).
"""

from __future__ import annotations

import logging
import os
from typing import Annotated

from fastapi import Depends, FastAPI

from telnyx_gather import CallDtmfReceived, CallGatherEnded, WebhookEvent, WebhookVerifier
from telnyx_gather.integrations.starlette import TelnyxWebhook

log = logging.getLogger("gather")
app = FastAPI()
telnyx_event = TelnyxWebhook(WebhookVerifier.from_env())  # reads TELNYX_PUBLIC_KEY


@app.post("/webhooks/telnyx")
async def telnyx_webhook(event: Annotated[WebhookEvent, Depends(telnyx_event)]) -> dict[str, str]:
    match event:
        case CallGatherEnded(payload=payload):
            log.info("caller entered %s (%s)", payload.digits, payload.status)
        case CallDtmfReceived(payload=payload):
            log.info("caller pressed %s", payload.digit)
        case _:
            log.info("ignoring %s", event.event_type)
    return {"received": event.event_type, "id": str(event.id)}


if __name__ == "__main__":
    import uvicorn

    logging.basicConfig(level=logging.INFO)
    host, port = os.environ.get("HOST", "127.0.0.1"), int(os.environ.get("PORT", "8000"))
    uvicorn.run(app, host=host, port=port)
