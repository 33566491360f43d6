"""Write a signed Lambda event for `lambda_handler.py`, to try the handler locally.

    eval "$(python examples/make_lambda_event.py event.json)"
    python examples/lambda_handler.py event.json

The event is what an API Gateway HTTP API (payload format 2.0) or a Lambda
Function URL hands the function: a `call.gather.ended` delivery with its two
Telnyx headers, signed just now with a fresh key. The script prints
`export TELNYX_PUBLIC_KEY=<that key>` for `eval` to set. Run the handler
within five minutes (the verifier's clock-skew tolerance), or make a new one.
Needs only `pip install telnyx-gather`.
"""

from __future__ import annotations

import json
import sys
from typing import Any

from telnyx_gather.testing import WebhookSigner, call_gather_ended


def lambda_event(signer: WebhookSigner, body: bytes) -> dict[str, Any]:
    """An HTTP API (payload 2.0) event carrying `body`, signed by `signer`."""
    headers = {"content-type": "application/json", **signer.sign(body)}
    return {
        "version": "2.0",
        "routeKey": "POST /webhooks/telnyx",
        "rawPath": "/webhooks/telnyx",
        "rawQueryString": "",
        "headers": headers,
        "requestContext": {"http": {"method": "POST", "path": "/webhooks/telnyx"}},
        "body": body.decode(),
        "isBase64Encoded": False,
    }


def main(path: str) -> None:
    signer = WebhookSigner()  # a fresh key; the handler trusts it through the environment
    event = lambda_event(signer, call_gather_ended(digits="1#"))
    with open(path, "w") as file:
        json.dump(event, file, indent=2)
    print(f"export TELNYX_PUBLIC_KEY={signer.public_key}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: python examples/make_lambda_event.py EVENT_FILE")
    main(sys.argv[1])
