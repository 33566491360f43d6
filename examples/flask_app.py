"""A Flask app that receives verified, typed Telnyx gather webhooks.

Run:
    pip install 'telnyx-gather[flask]'
    TELNYX_PUBLIC_KEY=<your key from the Telnyx portal> python examples/flask_app.py

Then point your Call Control application's webhook URL at
http://<this host>:8000/webhooks/telnyx (PORT overrides the port).
"""

from __future__ import annotations

import logging
import os

from flask import Flask

from telnyx_gather import CallDtmfReceived, CallGatherEnded, WebhookVerifier
from telnyx_gather.integrations.flask import verified_event

log = logging.getLogger("gather")
app = Flask(__name__)
verifier = WebhookVerifier.from_env()  # reads TELNYX_PUBLIC_KEY
handled: set[str] = set()  # Telnyx may deliver twice; keep ids in a shared store in production


@app.post("/webhooks/telnyx")
def telnyx_webhook() -> dict[str, str]:
    event = verified_event(verifier)  # aborts with 401/400 when it must
    if event.id is not None and event.id in handled:
        return {"received": event.event_type, "duplicate": event.id}
    if isinstance(event, CallGatherEnded) and event.payload.status == "valid":
        log.info("menu choice %s", event.payload.digits)
    elif isinstance(event, CallDtmfReceived):
        log.info("key %s", event.payload.digit)
    if event.id is not None:
        handled.add(event.id)
    return {"received": event.event_type, "id": str(event.id)}


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    host, port = os.environ.get("HOST", "127.0.0.1"), int(os.environ.get("PORT", "8000"))
    app.run(host=host, port=port)
