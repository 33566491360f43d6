"""A real DynamoDB-compatible server (`dynalite`) on a free loopback port, with one store table.

The tests talk to it through boto3 exactly as a Lambda function talks to
DynamoDB: `env` holds `AWS_ENDPOINT_URL` and dummy credentials for code that
builds its client from the environment (the worker processes of the flow test).
"""

from __future__ import annotations

import uuid
from contextlib import ExitStack
from typing import Any

import pytest

from benchmarks._dynalite import CREDENTIALS, client, dynalite
from telnyx_gather.dynamodb import create_table

TABLE = "telnyx-gather-events"


class DynaliteServer:
    """One dynalite process holding the table `TABLE`, created by the store's helper."""

    def __init__(self) -> None:
        self._stack = ExitStack()
        try:
            self.url: str = self._stack.enter_context(dynalite())
        except RuntimeError as exc:
            pytest.fail(str(exc))
        self.env: dict[str, str] = {"AWS_ENDPOINT_URL": self.url, **CREDENTIALS}
        self.table = TABLE
        create_table(TABLE, client=self.client(), time_to_live=False)  # dynalite has no TTL call

    def client(self) -> Any:
        """A new boto3 DynamoDB client of this server."""
        return client(self.url)

    @staticmethod
    def prefix() -> str:
        """A prefix no other test uses, so each test sees an empty table."""
        return f"t{uuid.uuid4().hex[:12]}:"

    def stop(self) -> None:
        """Stop the server."""
        self._stack.close()
