"""An AWS Lambda handler that receives verified, typed Telnyx gather webhooks.

It works behind an API Gateway REST or HTTP API, a Lambda Function URL or an
Application Load Balancer (enable multi-value headers on its target group),
and needs only `pip install telnyx-gather`: no web framework, no `telnyx` SDK.
Set the function's TELNYX_PUBLIC_KEY environment variable to the public key
from the Telnyx portal, and its handler to `lambda_handler.handler`.

Try it locally: `make_lambda_event.py` writes a signed event and prints the
key that verifies it, which `eval` exports:
    eval "$(python examples/make_lambda_event.py event.json)"
    python examples/lambda_handler.py event.json
"""

from __future__ import annotations

import json
import logging
import sys
from typing import Any

from telnyx_gather import UnknownEvent, WebhookEvent, WebhookVerifier
from telnyx_gather.integrations import aws_lambda

log = logging.getLogger("gather")
log.setLevel(logging.INFO)
verifier = WebhookVerifier.from_env()  # at cold start: a missing key fails loudly, never open


@aws_lambda.webhook_handler(verifier)
def handler(event: WebhookEvent, context: Any) -> None:
    if isinstance(event, UnknownEvent):
        return  # a type this version does not know: acknowledge it all the same
    # With UnknownEvent ruled out, comparing event_type narrows, as match does.
    if event.event_type == "call.gather.ended":
        log.info("caller entered %s (%s)", event.payload.digits, event.payload.status)
    elif event.event_type == "call.dtmf.received":
        log.info("caller pressed %s", event.payload.digit)
    # Returning None answers 200; Telnyx retries anything else.


if __name__ == "__main__":
    logging.basicConfig()
    with open(sys.argv[1]) as file:
        print(json.dumps(handler(json.load(file), None), indent=2))
