"""A Flask app that runs a whole inbound call flow (`ivr.py`) on the Router.

Run:
    pip install 'telnyx-gather[flask,client,redis]' gunicorn
    export TELNYX_PUBLIC_KEY=<public key> TELNYX_API_KEY=<API key>
    python examples/flask_app.py
    # or with several workers, which must share a store:
    REDIS_URL=redis://127.0.0.1:6379/0 gunicorn -w 4 --chdir examples flask_app:app

Then point your Call Control application's webhook URL at
http://<this host>:8000/webhooks/telnyx (PORT overrides the port).
"""

from __future__ import annotations

import logging
import os

from flask import Flask
from ivr import build, store_from_env

from telnyx_gather import GatherClient, WebhookVerifier
from telnyx_gather.integrations.flask import serve

verifier = WebhookVerifier.from_env()  # reads TELNYX_PUBLIC_KEY; a missing key fails loudly
router = build(verifier, GatherClient(), store_from_env())  # TELNYX_API_KEY, REDIS_URL
app = Flask(__name__)
app.add_url_rule("/webhooks/telnyx", view_func=serve(router), methods=["POST"])


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    host, port = os.environ.get("HOST", "127.0.0.1"), int(os.environ.get("PORT", "8000"))
    app.run(host=host, port=port)
