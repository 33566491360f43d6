"""What only the DynamoDB stores do: the item layout, outages, the client from the environment."""

from __future__ import annotations

import asyncio
import subprocess
import sys

import botocore.exceptions
import pytest

from benchmarks._dynalite import client as client_of
from telnyx_gather.dynamodb import AsyncDynamoDBStore, DynamoDBStore, create_table
from telnyx_gather.stores import StoreError
from tests.loopback import Recorder, Reply, free_port
from tests.stores.dynalite_server import TABLE, DynaliteServer


class Clock:
    def __init__(self) -> None:
        self.now = 1_700_000_000.25

    def __call__(self) -> float:
        return self.now


def test_each_event_is_one_item_with_its_ttl_attribute(dynalite_server: DynaliteServer) -> None:
    client, clock, prefix = dynalite_server.client(), Clock(), dynalite_server.prefix()
    store = DynamoDBStore(TABLE, client=client, prefix=prefix, lease=30, done_ttl=90, clock=clock)

    def item() -> dict[str, object]:
        found = client.get_item(TableName=TABLE, Key={"id": {"S": prefix + "ev-i"}})
        return dict(found["Item"])

    claim = store.claim("ev-i")
    assert item() == {
        "id": {"S": prefix + "ev-i"},
        "holder": {"S": claim.token},
        "until_ms": {"N": "1700000030250"},
        "expires_at": {"N": "1700000031"},  # whole seconds, rounded up
    }
    clock.now += 10
    assert store.renew("ev-i", claim.token) is True
    assert (item()["until_ms"], item()["expires_at"]) == (
        {"N": "1700000040250"},
        {"N": "1700000041"},
    )
    store.finish("ev-i", claim.token)
    assert item() == {
        "id": {"S": prefix + "ev-i"},
        "holder": {"S": "done"},
        "until_ms": {"N": "1700000100250"},
        "expires_at": {"N": "1700000101"},
    }
    client.close()


def test_an_outage_raises_store_error_naming_no_secret() -> None:
    import boto3

    client = boto3.client(
        "dynamodb",
        endpoint_url=f"http://127.0.0.1:{free_port()}",
        region_name="us-east-1",
        aws_access_key_id="AKIDEXAMPLE",
        aws_secret_access_key="hunter2",
        config=botocore.config.Config(connect_timeout=1, retries={"max_attempts": 1}),
    )
    store = DynamoDBStore(TABLE, client=client)
    for operation in (
        lambda: store.claim("ev"),
        lambda: store.renew("ev", "t"),
        lambda: store.finish("ev", "t"),
        lambda: store.release("ev", "t"),
    ):
        with pytest.raises(
            StoreError, match=r"^DynamoDB is unavailable \(EndpointConnectionError\)$"
        ) as caught:
            operation()
        assert "hunter2" not in str(caught.value)
        assert isinstance(caught.value.__cause__, botocore.exceptions.EndpointConnectionError)
    store.close()


def test_a_missing_table_is_refused_by_name(dynalite_server: DynaliteServer) -> None:
    store = DynamoDBStore("no-such-table", client=dynalite_server.client())
    with pytest.raises(
        StoreError, match=r"^DynamoDB refused the call \(ResourceNotFoundException\)$"
    ):
        store.claim("ev")
    store.close()


def test_create_table_makes_the_documented_table_once(dynalite_server: DynaliteServer) -> None:
    client = dynalite_server.client()
    create_table("gather-created", client=client, time_to_live=False)
    table = client.describe_table(TableName="gather-created")["Table"]
    assert table["TableStatus"] == "ACTIVE"
    assert table["KeySchema"] == [{"AttributeName": "id", "KeyType": "HASH"}]
    assert table["AttributeDefinitions"] == [{"AttributeName": "id", "AttributeType": "S"}]
    assert table["BillingModeSummary"]["BillingMode"] == "PAY_PER_REQUEST"
    with pytest.raises(StoreError, match=r"\(ResourceInUseException\)$"):
        create_table("gather-created", client=client, time_to_live=False)
    client.close()


def test_the_default_client_comes_from_the_environment(
    dynalite_server: DynaliteServer, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in dynalite_server.env.items():
        monkeypatch.setenv(name, value)
    store = DynamoDBStore(TABLE, prefix=dynalite_server.prefix())
    config = store.client.meta.config
    assert (config.connect_timeout, config.read_timeout) == (2, 3)
    assert config.retries == {"total_max_attempts": 3, "mode": "standard"}
    assert store.claim("ev-env").state == "claimed"
    store.close()


def test_sync_and_async_workers_share_one_table(dynalite_server: DynaliteServer) -> None:
    prefix = dynalite_server.prefix()
    sync = DynamoDBStore(TABLE, client=dynalite_server.client(), prefix=prefix)

    async def scenario() -> tuple[str, str, str]:
        store = AsyncDynamoDBStore(TABLE, client=dynalite_server.client(), prefix=prefix)
        held = await store.claim("ev-s")
        busy = sync.claim("ev-s").state
        await store.finish("ev-s", held.token)
        await store.aclose()
        return held.state, busy, sync.claim("ev-s").state

    assert asyncio.run(scenario()) == ("claimed", "busy", "done")
    sync.close()


def test_the_module_imports_without_boto3_and_names_the_extra_when_used() -> None:
    code = (
        "import sys\n"
        "sys.modules['boto3'] = sys.modules['botocore'] = None\n"
        "from telnyx_gather.dynamodb import DynamoDBStore\n"
        "DynamoDBStore('events')\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode != 0
    assert "ImportError" in result.stderr
    assert "telnyx-gather[dynamodb]" in result.stderr


def test_create_table_turns_on_time_to_live_by_default(recorder: Recorder) -> None:
    # dynalite has no UpdateTimeToLive: a loopback server answers as DynamoDB does.
    creating = {"TableName": "events", "TableStatus": "CREATING"}
    recorder.reply(
        Reply(body={"TableDescription": creating}),
        Reply(body={"Table": creating}),  # the waiter asks again a second later
        Reply(body={"Table": {"TableName": "events", "TableStatus": "ACTIVE"}}),
        Reply(body={"TimeToLiveSpecification": {"Enabled": True, "AttributeName": "expires_at"}}),
    )
    client = client_of(recorder.url)
    create_table("events", client=client)
    client.close()

    calls = [(r.headers["x-amz-target"], r.json()) for r in recorder.requests]
    assert calls == [
        (
            "DynamoDB_20120810.CreateTable",
            {
                "TableName": "events",
                "AttributeDefinitions": [{"AttributeName": "id", "AttributeType": "S"}],
                "KeySchema": [{"AttributeName": "id", "KeyType": "HASH"}],
                "BillingMode": "PAY_PER_REQUEST",
            },
        ),
        ("DynamoDB_20120810.DescribeTable", {"TableName": "events"}),
        ("DynamoDB_20120810.DescribeTable", {"TableName": "events"}),
        (
            "DynamoDB_20120810.UpdateTimeToLive",
            {
                "TableName": "events",
                "TimeToLiveSpecification": {"Enabled": True, "AttributeName": "expires_at"},
            },
        ),
    ]


def test_create_table_refused_time_to_live_names_the_error(recorder: Recorder) -> None:
    recorder.reply(
        Reply(body={"TableDescription": {"TableName": "events", "TableStatus": "ACTIVE"}}),
        Reply(body={"Table": {"TableName": "events", "TableStatus": "ACTIVE"}}),
        Reply(
            status=400,
            body={"__type": "com.amazonaws.dynamodb.v20120810#ValidationException"},
        ),
    )
    client = client_of(recorder.url)
    with pytest.raises(StoreError, match=r"^DynamoDB refused the call \(ValidationException\)$"):
        create_table("events", client=client)
    client.close()


def test_a_claim_that_finds_the_event_taken_reads_it_consistently(recorder: Recorder) -> None:
    # A loopback server answers as DynamoDB does: the conditional put fails,
    # then the read finds a done mark, first just before its end, then at it.
    refused = Reply(
        status=400,
        body={
            "__type": "com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException",
            "message": "The conditional request failed",
        },
    )

    def done_until(until_ms: int) -> Reply:
        held = {"id": {"S": "ev-t"}, "holder": {"S": "done"}, "until_ms": {"N": str(until_ms)}}
        return Reply(body={"Item": held})

    now_ms = 1_700_000_000_250
    recorder.reply(refused, done_until(now_ms + 1), refused, done_until(now_ms))
    client = client_of(recorder.url)
    store = DynamoDBStore("events", client=client, clock=Clock())
    # At its end instant a mark no longer counts, as the put's condition has it.
    assert [store.claim("ev-t").state, store.claim("ev-t").state] == ["done", "busy"]
    client.close()

    calls = [(r.headers["x-amz-target"], r.json()) for r in recorder.requests]
    assert [target for target, _ in calls] == [
        "DynamoDB_20120810.PutItem",
        "DynamoDB_20120810.GetItem",
    ] * 2
    put = calls[0][1]
    assert {k: v for k, v in put.items() if k != "Item"} == {
        "TableName": "events",
        "ConditionExpression": "attribute_not_exists(#id) OR #until <= :now",
        "ExpressionAttributeNames": {"#id": "id", "#until": "until_ms"},
        "ExpressionAttributeValues": {":now": {"N": str(now_ms)}},
    }
    assert calls[1][1] == {
        "TableName": "events",
        "Key": {"id": {"S": "ev-t"}},
        "ConsistentRead": True,
    }


def test_a_refusal_whose_code_is_not_a_name_is_reported_without_it(recorder: Recorder) -> None:
    # The code comes from the answer's body: only a plain identifier is repeated.
    recorder.reply(
        Reply(status=400, body={"__type": "com.amazonaws.dynamodb.v20120810#Bad Code<b>!"}),
        Reply(status=400, body={}),  # no code at all: botocore names it by the status, 400
    )
    client = client_of(recorder.url)
    store = DynamoDBStore("events", client=client)
    for _ in range(2):
        with pytest.raises(StoreError) as refused:
            store.finish("ev-r", "token")
        assert str(refused.value) == "DynamoDB refused the call (an unnamed error)"
    client.close()
