"""`DynamoDBStore` and `AsyncDynamoDBStore`: the leases of `telnyx_gather.stores`, in DynamoDB.

A store a Lambda fleet shares without a VPC, a NAT or a cluster to run
(`pip install 'telnyx-gather[dynamodb]'`; the Lambda Python runtimes ship
boto3 already). One table holds one item per event:

| Attribute | Type | What it holds |
| --- | --- | --- |
| `id` | S, the partition key | `prefix` + the event's `data.id` |
| `holder` | S | the owner token of the live claim, or `"done"` |
| `until_ms` | N | when the claim or the done mark ends, in ms since the epoch |
| `expires_at` | N, the table's TTL attribute | the same instant in whole seconds |

- `claim` is one conditional `PutItem`: it writes a fresh token only if the
  item is absent or its `until_ms` has passed. When the condition fails, a
  strongly consistent `GetItem` tells `"done"` from `"busy"`.
- `renew` is a conditional `UpdateItem` on the owner token (and a live
  lease); `release` a conditional `DeleteItem` on the owner token.
- `finish` is one unconditional `UpdateItem`: the store protocol marks the
  event done whoever holds it (the commands went out with their ids).

DynamoDB's TTL deletes expired items only eventually (typically within a
few days), so the conditions read `until_ms` themselves: an expired item
counts as absent at once, and TTL only keeps the table small. The instants
come from each worker's wall clock, so the fleet's clocks must agree within
a small part of a lease (Lambda's clocks are kept in sync by AWS).

`create_table(name)` makes the table, on-demand, for tests and scripts; the
docs' "Running in production" page has the same table as CloudFormation.
"""

from __future__ import annotations

import asyncio
import importlib
import math
import time
import uuid
from collections.abc import Callable
from typing import Any

from ._claims import BUSY, DONE, FINISHED, Claim, check_ttls
from ._errors import StoreError

__all__ = ["AsyncDynamoDBStore", "DynamoDBStore", "create_table"]

KEY = "id"
_CONFIG = {
    "connect_timeout": 2,
    "read_timeout": 3,
    "retries": {"total_max_attempts": 3, "mode": "standard"},
}
_FAILED = "ConditionalCheckFailedException"
_UNTIL = {"#until": "until_ms", "#ttl": "expires_at"}


def _import(module: str) -> Any:
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        raise ImportError(
            "DynamoDBStore needs boto3: pip install 'telnyx-gather[dynamodb]'"
        ) from exc


def _client() -> Any:
    """A DynamoDB client from the environment, with timeouts that fit a webhook."""
    config = _import("botocore.config").Config(**_CONFIG)
    return _import("boto3").client("dynamodb", config=config)


class _Table:
    """One table on one client: runs a call and turns boto3's errors into the store's."""

    def __init__(self, name: str, client: Any) -> None:
        self.name = name
        self.client: Any = _client() if client is None else client
        errors = _import("botocore.exceptions")
        self._refused: type[Exception] = errors.ClientError
        self._errors: tuple[type[Exception], ...] = (errors.BotoCoreError, errors.ClientError)

    def call(self, operation: str, **request: Any) -> dict[str, Any] | None:
        """Run one call on the table; `None` when its condition failed.

        Raises:
            StoreError: DynamoDB could not be reached, or refused the call.
        """
        try:
            answer: dict[str, Any] = getattr(self.client, operation)(TableName=self.name, **request)
        except self._errors as exc:
            if not isinstance(exc, self._refused):
                raise StoreError(f"DynamoDB is unavailable ({type(exc).__name__})") from exc
            code = str(getattr(exc, "response", {}).get("Error", {}).get("Code", "unknown"))
            if code == _FAILED:
                return None
            named = code if code.isidentifier() else "an unnamed error"
            raise StoreError(f"DynamoDB refused the call ({named})") from exc
        return answer


class DynamoDBStore:
    """A store in one DynamoDB table, shared by every worker of a fleet (the `dynamodb` extra).

    Args:
        table: The table's name (see the module docstring for its layout,
            and `create_table`).
        client: A boto3 DynamoDB client (`boto3.client("dynamodb")`). By
            default one is made from the environment (region, credentials,
            `AWS_ENDPOINT_URL`) with 2 s to connect, 3 s to read and 3
            attempts, so an unreachable table fails a delivery in time.
        prefix: Prepended to every event id, so several apps can share a table.
        lease: Seconds a claim lasts unless renewed.
        done_ttl: Seconds a finished event is remembered.
        clock: The wall clock it reads, in seconds since the epoch (for tests).
    """

    def __init__(
        self,
        table: str,
        *,
        client: Any = None,
        prefix: str = "",
        lease: float = 5.0,
        done_ttl: float = 86_400.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        check_ttls(lease, done_ttl)
        self._table = _Table(table, client)
        self.table: str = table
        self.client: Any = self._table.client
        self.prefix: str = prefix
        self.lease: float = lease
        self.done_ttl: float = done_ttl
        self._clock = clock

    def claim(self, key: str) -> Claim:
        """Take `key` unless it is held or finished."""
        now = self._now()
        token = uuid.uuid4().hex
        taken = self._table.call(
            "put_item",
            Item={KEY: {"S": self.prefix + key}, **self._holding(token, now + _ms(self.lease))},
            ConditionExpression="attribute_not_exists(#id) OR #until <= :now",
            ExpressionAttributeNames={"#id": KEY, "#until": "until_ms"},
            ExpressionAttributeValues={":now": {"N": str(now)}},
        )
        if taken is not None:
            return Claim("claimed", token)
        found = self._table.call("get_item", Key=self._key(key), ConsistentRead=True)
        item: dict[str, Any] = (found or {}).get("Item") or {}
        if item.get("holder") == {"S": DONE} and int(item["until_ms"]["N"]) > now:
            return FINISHED
        return BUSY  # held, or dropped an instant ago: the router asks again

    def renew(self, key: str, token: str) -> bool:
        """Extend the lease on `key` if `token` still holds it."""
        now = self._now()
        kept = self._table.call(
            "update_item",
            Key=self._key(key),
            UpdateExpression="SET #until = :until, #ttl = :ttl",
            ConditionExpression="#holder = :token AND #until > :now",
            ExpressionAttributeNames={"#holder": "holder", **_UNTIL},
            ExpressionAttributeValues={
                ":token": {"S": token},
                ":now": {"N": str(now)},
                **_until(now + _ms(self.lease)),
            },
        )
        return kept is not None

    def finish(self, key: str, token: str) -> None:
        """Mark `key` finished for `done_ttl` seconds, whoever holds it."""
        values = {":done": {"S": DONE}, **_until(self._now() + _ms(self.done_ttl))}
        self._table.call(
            "update_item",
            Key=self._key(key),
            UpdateExpression="SET #holder = :done, #until = :until, #ttl = :ttl",
            ExpressionAttributeNames={"#holder": "holder", **_UNTIL},
            ExpressionAttributeValues=values,
        )

    def release(self, key: str, token: str) -> None:
        """Delete the claim on `key` if `token` still holds it."""
        self._table.call(
            "delete_item",
            Key=self._key(key),
            ConditionExpression="#holder = :token",
            ExpressionAttributeNames={"#holder": "holder"},
            ExpressionAttributeValues={":token": {"S": token}},
        )

    def close(self) -> None:
        """Close the client's connections."""
        self.client.close()

    def _now(self) -> int:
        return _ms(self._clock())

    def _key(self, key: str) -> dict[str, dict[str, str]]:
        return {KEY: {"S": self.prefix + key}}

    def _holding(self, token: str, until: int) -> dict[str, dict[str, str]]:
        values = _until(until)
        return {"holder": {"S": token}, "until_ms": values[":until"], "expires_at": values[":ttl"]}


class AsyncDynamoDBStore:
    """`DynamoDBStore` for `Router.handle_async`: each call runs on a worker thread.

    boto3's clients are thread-safe and a store call is one short request, so
    this runs `DynamoDBStore`'s calls with `asyncio.to_thread` rather than
    bring in a second AWS SDK (aiobotocore pins botocore to narrow ranges,
    which fights the boto3 a Lambda runtime ships). The event loop never
    waits on DynamoDB; sync and async workers can share one table.

    Args:
        table: The table's name.
        client: A boto3 DynamoDB client; by default one from the environment.
        prefix: Prepended to every event id.
        lease: Seconds a claim lasts unless renewed.
        done_ttl: Seconds a finished event is remembered.
        clock: The wall clock it reads, in seconds since the epoch (for tests).
    """

    def __init__(
        self,
        table: str,
        *,
        client: Any = None,
        prefix: str = "",
        lease: float = 5.0,
        done_ttl: float = 86_400.0,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.sync: DynamoDBStore = DynamoDBStore(
            table, client=client, prefix=prefix, lease=lease, done_ttl=done_ttl, clock=clock
        )

    @property
    def lease(self) -> float:
        """Seconds a claim lasts unless renewed."""
        return self.sync.lease

    async def claim(self, key: str) -> Claim:
        """Take `key` unless it is held or finished."""
        return await asyncio.to_thread(self.sync.claim, key)

    async def renew(self, key: str, token: str) -> bool:
        """Extend the lease on `key` if `token` still holds it."""
        return await asyncio.to_thread(self.sync.renew, key, token)

    async def finish(self, key: str, token: str) -> None:
        """Mark `key` finished for `done_ttl` seconds, whoever holds it."""
        await asyncio.to_thread(self.sync.finish, key, token)

    async def release(self, key: str, token: str) -> None:
        """Delete the claim on `key` if `token` still holds it."""
        await asyncio.to_thread(self.sync.release, key, token)

    async def aclose(self) -> None:
        """Close the client's connections."""
        await asyncio.to_thread(self.sync.close)


def create_table(name: str, *, client: Any = None, time_to_live: bool = True) -> None:
    """Create the store's table, on-demand, and wait until it is active (for tests and scripts).

    Args:
        name: The table's name.
        client: A boto3 DynamoDB client; by default one from the environment.
        time_to_live: Also turn on TTL on `expires_at` (`UpdateTimeToLive`),
            so DynamoDB deletes ended items. Local emulators without that
            call (dynalite) need `False`; the store is correct either way.

    Raises:
        StoreError: DynamoDB refused a call (the table exists already, ...).
    """
    table = _Table(name, client)
    table.call(
        "create_table",
        AttributeDefinitions=[{"AttributeName": KEY, "AttributeType": "S"}],
        KeySchema=[{"AttributeName": KEY, "KeyType": "HASH"}],
        BillingMode="PAY_PER_REQUEST",
    )
    table.client.get_waiter("table_exists").wait(
        TableName=name, WaiterConfig={"Delay": 1, "MaxAttempts": 120}
    )
    if time_to_live:
        table.call(
            "update_time_to_live",
            TimeToLiveSpecification={"Enabled": True, "AttributeName": "expires_at"},
        )


def _ms(seconds: float) -> int:
    return round(seconds * 1000)


def _until(until: int) -> dict[str, dict[str, str]]:
    """The `:until` (ms) and `:ttl` (whole seconds, rounded up) values of one instant."""
    return {":until": {"N": str(until)}, ":ttl": {"N": str(math.ceil(until / 1000))}}
