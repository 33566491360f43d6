"""A FastAPI app that runs a whole inbound call flow (`ivr.py`) on the Router, async.

Run:
    pip install 'telnyx-gather[fastapi,client,redis]' uvicorn
    export TELNYX_PUBLIC_KEY=<public key> TELNYX_API_KEY=<API key>
    python examples/fastapi_app.py
    # or with several workers, which must share a store:
    REDIS_URL=redis://127.0.0.1:6379/0 uvicorn --app-dir examples --workers 4 fastapi_app:app

Then point your Call Control application's webhook URL at
http://<this host>:8000/webhooks/telnyx (PORT overrides the port).
"""

from __future__ import annotations

import logging
import os

from fastapi import FastAPI
from ivr import build, store_from_env

from telnyx_gather import AsyncGatherClient, WebhookVerifier
from telnyx_gather.integrations.starlette import serve

verifier = WebhookVerifier.from_env()  # reads TELNYX_PUBLIC_KEY; a missing key fails loudly
router = build(verifier, AsyncGatherClient(), store_from_env())  # TELNYX_API_KEY, REDIS_URL
app = FastAPI()
app.add_route("/webhooks/telnyx", serve(router), methods=["POST"])


if __name__ == "__main__":
    import uvicorn

    logging.basicConfig(level=logging.INFO)
    host, port = os.environ.get("HOST", "127.0.0.1"), int(os.environ.get("PORT", "8000"))
    uvicorn.run(app, host=host, port=port)
