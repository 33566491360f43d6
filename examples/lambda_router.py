"""The inbound call flow of `ivr.py` on AWS Lambda, idempotent across containers via DynamoDB.

Every concurrent Lambda container has its own memory, so two containers that
receive copies of one webhook would both run its handler. They share one
DynamoDB table instead (`DynamoDBStore`): one of them claims the event, the
other answers it as a duplicate. No VPC, NAT or cluster is needed.

Deploy with `pip install 'telnyx-gather[client,dynamodb]'` (boto3 is in the
Lambda runtime already), the handler `lambda_router.handler`, a timeout
above the router's deadline (10 s or more), and the environment:
    TELNYX_PUBLIC_KEY  verifies the webhooks (required)
    TELNYX_API_KEY     sends the commands
    GATHER_TABLE       the store's table (see the docs' "Running in production")
The function's role needs dynamodb:PutItem, UpdateItem, DeleteItem and
GetItem on that table.
"""

from __future__ import annotations

import os
from typing import Any

from ivr import Flow, build

from telnyx_gather import GatherClient, Router, WebhookVerifier
from telnyx_gather.dynamodb import DynamoDBStore
from telnyx_gather.integrations import aws_lambda

TELNYX_DEADLINE = 8.0  # below the webhook timeout Telnyx waits (10 s is common)
MARGIN = 1.0  # seconds kept to answer and release the claim before Lambda stops the function

# At cold start, shared by every invocation of this container.
verifier = WebhookVerifier.from_env()
client = GatherClient(timeout=2.0, max_retries=1)  # a send fits well within the deadline
store = DynamoDBStore(os.environ["GATHER_TABLE"], prefix=os.environ.get("GATHER_PREFIX", ""))
_router: Router[Flow] | None = None


def handler(event: dict[str, Any], context: Any) -> dict[str, Any]:
    """Answer one webhook: verify, claim in DynamoDB, run the flow's handler, send."""
    global _router
    if _router is None:
        # A function's timeout is the same for every invocation, so the time left at the
        # first one bounds them all: the router answers before Lambda would stop it.
        left = context.get_remaining_time_in_millis() / 1000
        _router = build(verifier, client, store, deadline=min(TELNYX_DEADLINE, left - MARGIN))
    return aws_lambda.serve(_router)(event, context)
