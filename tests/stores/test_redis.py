"""What only the Redis stores do: keys, expiry, outages, the persistence check, `from_url`."""

from __future__ import annotations

import asyncio
import logging
import sys

import pytest
import redis
import redis.asyncio

from telnyx_gather._redis_keys import aof_enabled as _aof_enabled
from telnyx_gather.stores import AsyncRedisStore, RedisStore, StoreError
from tests.loopback import free_port
from tests.router.redis_server import RedisServer

NO_AOF = "reports no AOF persistence"


def test_redis_outage_raises_store_error_naming_no_secret() -> None:
    store = RedisStore.from_url(
        f"redis://:hunter2@127.0.0.1:{free_port()}/0", socket_connect_timeout=1
    )
    for operation in (
        lambda: store.claim("ev"),
        lambda: store.renew("ev", "t"),
        lambda: store.finish("ev", "t"),
        lambda: store.release("ev", "t"),
    ):
        with pytest.raises(
            StoreError, match=r"^Redis is unavailable \(ConnectionError\)$"
        ) as caught:
            operation()
        assert "hunter2" not in str(caught.value)
        assert isinstance(caught.value.__cause__, redis.ConnectionError)
    store.close()


def test_async_redis_outage_raises_store_error_naming_no_secret() -> None:
    async def scenario() -> list[StoreError]:
        store = AsyncRedisStore.from_url(
            f"redis://:hunter2@127.0.0.1:{free_port()}/0", socket_connect_timeout=1
        )
        errors = []
        for operation in (
            lambda: store.claim("ev"),
            lambda: store.renew("ev", "t"),
            lambda: store.finish("ev", "t"),
            lambda: store.release("ev", "t"),
        ):
            with pytest.raises(
                StoreError, match=r"^Redis is unavailable \(ConnectionError\)$"
            ) as caught:
                await operation()
            errors.append(caught.value)
        await store.aclose()
        return errors

    for error in asyncio.run(scenario()):
        assert "hunter2" not in str(error)
        assert isinstance(error.__cause__, redis.ConnectionError)


def test_redis_keys_carry_the_prefix_and_expire(redis_server: RedisServer) -> None:
    client = redis_server.client()
    client.flushdb()
    store = RedisStore(client, prefix="app1:", lease=30, done_ttl=90, check_persistence=False)
    claim = store.claim("ev-k")
    assert 0 < client.pttl("app1:ev-k") <= 30_000
    client.pexpire("app1:ev-k", 5_000)
    assert store.renew("ev-k", claim.token) is True
    assert 5_000 < client.pttl("app1:ev-k") <= 30_000
    store.finish("ev-k", claim.token)
    assert client.get("app1:ev-k") == b"done"
    assert 30_000 < client.pttl("app1:ev-k") <= 90_000
    client.close()


def test_sync_and_async_workers_share_one_redis(redis_server: RedisServer) -> None:
    client = redis_server.client()
    client.flushdb()
    sync = RedisStore(client, check_persistence=False)

    async def scenario() -> tuple[str, str, str]:
        store = AsyncRedisStore.from_url(redis_server.url, check_persistence=False)
        held = await store.claim("ev-s")
        busy = sync.claim("ev-s").state
        await store.finish("ev-s", held.token)
        await store.aclose()
        return held.state, busy, sync.claim("ev-s").state

    assert asyncio.run(scenario()) == ("claimed", "busy", "done")
    client.close()


def test_a_client_that_decodes_answers_to_text_claims_as_one_that_does_not(
    redis_server: RedisServer,
) -> None:
    # `decode_responses=True` turns the scripts' answers into str: "" for a
    # key now ours, "done", or the holder's token.
    client = redis.Redis.from_url(redis_server.url, decode_responses=True)
    client.flushdb()
    store = RedisStore(client, check_persistence=False)
    first = store.claim("ev-text")
    states = [first.state, store.claim("ev-text").state]
    store.finish("ev-text", first.token)
    states.append(store.claim("ev-text").state)
    assert states == ["claimed", "busy", "done"]
    assert client.get("telnyx-gather:event:ev-text") == "done"
    client.close()


def test_a_server_without_aof_is_named_once_at_first_use(
    redis_server: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    client = redis_server.client()
    store = RedisStore(client)
    with caplog.at_level(logging.WARNING, "telnyx_gather.stores"):
        for n in range(3):
            store.claim(f"ev-p{n}")
    assert [r.getMessage() for r in caplog.records if NO_AOF in r.getMessage()] != []
    assert len(caplog.records) == 1
    client.close()


def test_the_async_store_checks_persistence_too(
    redis_server: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    async def scenario() -> None:
        store = AsyncRedisStore.from_url(redis_server.url)
        for n in range(3):
            await store.claim(f"ev-ap{n}")
        await store.aclose()

    with caplog.at_level(logging.WARNING, "telnyx_gather.stores"):
        asyncio.run(scenario())
    assert len([r for r in caplog.records if NO_AOF in r.getMessage()]) == 1


def test_a_server_with_aof_passes_the_check_and_a_refused_info_is_no_error(
    caplog: pytest.LogCaptureFixture,
) -> None:
    server = RedisServer()
    try:
        client = server.client()
        client.config_set("appendonly", "yes")
        with caplog.at_level(logging.INFO, "telnyx_gather.stores"):
            assert RedisStore(client).claim("ev-aof").state == "claimed"
            assert caplog.records == []
            client.config_set("appendonly", "no")
            client.execute_command("ACL", "SETUSER", "default", "-info")
            refused = RedisStore(client)
            assert refused.claim("ev-noinfo").state == "claimed"
            assert refused.claim("ev-noinfo-2").state == "claimed"  # tried once, not again
        [record] = caplog.records
        assert record.levelno == logging.INFO
        assert record.getMessage() == (
            "could not check the store's Redis persistence (NoPermissionError)"
        )
        client.close()
    finally:
        server.stop()


def test_the_async_store_passes_a_server_with_aof(caplog: pytest.LogCaptureFixture) -> None:
    server = RedisServer(appendonly=True)

    async def scenario() -> str:
        store = AsyncRedisStore.from_url(server.url)
        state = (await store.claim("ev-async-aof")).state
        await store.aclose()
        return state

    try:
        with caplog.at_level(logging.INFO, "telnyx_gather.stores"):
            assert asyncio.run(scenario()) == "claimed"
    finally:
        server.stop()
    assert caplog.records == []


def test_from_url_splits_store_and_client_options(redis_server: RedisServer) -> None:
    store = RedisStore.from_url(
        redis_server.url,
        prefix="p:",
        lease=2.5,
        done_ttl=99.0,
        check_persistence=False,
        socket_timeout=1.5,
        client_name="gather-test",
    )
    assert (store.prefix, store.lease, store.done_ttl) == ("p:", 2.5, 99.0)
    kwargs = store.client.connection_pool.connection_kwargs  # type: ignore[union-attr]
    assert (kwargs["socket_timeout"], kwargs["socket_connect_timeout"]) == (1.5, 5.0)
    assert kwargs["client_name"] == "gather-test"
    assert store.claim("ev-u").state == "claimed"
    store.close()


def test_from_url_defaults_a_five_second_socket_timeout_and_the_documented_ttls(
    redis_server: RedisServer,
) -> None:
    store = RedisStore.from_url(redis_server.url, check_persistence=False)
    kwargs = store.client.connection_pool.connection_kwargs  # type: ignore[union-attr]
    assert (kwargs["socket_timeout"], kwargs["socket_connect_timeout"]) == (5.0, 5.0)
    assert (store.lease, store.done_ttl) == (5.0, 86_400.0)
    store.close()


def test_async_from_url_splits_options_onto_a_blocking_pool(
    redis_server: RedisServer, caplog: pytest.LogCaptureFixture
) -> None:
    async def scenario() -> None:
        store = AsyncRedisStore.from_url(
            redis_server.url,
            prefix="p:",
            lease=2.5,
            done_ttl=99.0,
            check_persistence=False,
            client_name="gather-async-test",
        )
        assert (store.prefix, store.lease, store.done_ttl) == ("p:", 2.5, 99.0)
        pool = store.client.connection_pool  # type: ignore[union-attr]
        assert isinstance(pool, redis.asyncio.BlockingConnectionPool)
        assert (pool.max_connections, pool.timeout) == (100, 5.0)
        kwargs = pool.connection_kwargs
        assert (kwargs["socket_timeout"], kwargs["socket_connect_timeout"]) == (5.0, 5.0)
        assert kwargs["client_name"] == "gather-async-test"
        assert (await store.claim("ev-ua")).state == "claimed"
        await store.aclose()

        sized = AsyncRedisStore.from_url(redis_server.url, max_connections=7, timeout=1.0)
        pool = sized.client.connection_pool  # type: ignore[union-attr]
        assert (pool.max_connections, pool.timeout) == (7, 1.0)
        assert (sized.lease, sized.done_ttl) == (5.0, 86_400.0)
        await sized.aclose()

    with caplog.at_level(logging.WARNING, "telnyx_gather.stores"):
        asyncio.run(scenario())
    assert caplog.records == []  # check_persistence=False reached the store


def test_a_clusters_answer_has_aof_only_when_every_node_has_it() -> None:
    # A cluster client asks every node; with more than one, redis-py answers
    # {node name: that node's INFO}. (One node holding every slot, as in
    # test_cluster.py, answers flat, so this shape is written out here.)
    def nodes(*aof: int) -> dict[str, dict[str, int]]:
        return {f"127.0.0.1:700{n}": {"aof_enabled": on} for n, on in enumerate(aof)}

    assert _aof_enabled(nodes(1, 1, 1))
    assert not _aof_enabled(nodes(1, 0, 1))
    assert not _aof_enabled({})
    assert _aof_enabled({"aof_enabled": 1})


def test_without_redis_py_the_stores_say_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "redis", None)  # as if redis-py were not installed
    for store in (RedisStore, AsyncRedisStore):
        with pytest.raises(
            ImportError, match=r"^RedisStore needs redis-py: pip install 'telnyx-gather\[redis\]'$"
        ):
            store.from_url("redis://127.0.0.1:6379/0")
