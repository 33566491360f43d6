"""The Redis stores on a real Redis Cluster: one `redis-server` in cluster mode holding every slot."""

from __future__ import annotations

import asyncio
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator

import pytest
import redis
import redis.asyncio.cluster

from telnyx_gather.stores import AsyncRedisStore, RedisStore
from tests.loopback import free_port


def _cluster_port() -> int:
    """A free port whose cluster bus port (port + 10000) is a free port too."""
    while True:
        port = free_port()
        if port + 10000 > 65535:
            continue
        with socket.socket() as bus:
            try:
                bus.bind(("127.0.0.1", port + 10000))
            except OSError:
                continue
        return port


@pytest.fixture(scope="module")
def cluster_url() -> Iterator[str]:
    binary = shutil.which("redis-server")
    assert binary is not None, "redis-server is needed (apt-get install redis-server)"
    port = _cluster_port()
    with tempfile.TemporaryDirectory() as workdir:
        proc = subprocess.Popen(
            [binary, "--bind", "127.0.0.1", "--port", str(port), "--cluster-enabled", "yes",
             "--save", "", "--appendonly", "no", "--dir", workdir, "--loglevel", "warning"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )  # fmt: skip
        try:
            node = redis.Redis(port=port, socket_timeout=1)
            deadline = time.monotonic() + 20
            while True:
                try:
                    node.execute_command("CLUSTER", "ADDSLOTSRANGE", 0, 16383)
                    break
                except redis.ConnectionError:
                    assert time.monotonic() < deadline, "the cluster node never started"
                    time.sleep(0.05)
            while b"cluster_state:ok" not in node.execute_command("CLUSTER", "INFO"):
                assert time.monotonic() < deadline, "the cluster never became ready"
                time.sleep(0.05)
            node.close()
            yield f"redis://127.0.0.1:{port}/0"
        finally:
            proc.terminate()
            proc.wait(timeout=10)


def test_the_sync_store_keeps_its_contract_on_a_cluster(cluster_url: str) -> None:
    store = RedisStore.from_url(cluster_url, cluster=True, check_persistence=False)
    assert isinstance(store.client, redis.cluster.RedisCluster)
    keys = [f"ev-c{n}" for n in range(20)]  # spread over many slots
    claims = [store.claim(k) for k in keys]
    assert {c.state for c in claims} == {"claimed"}
    assert all(store.renew(k, c.token) for k, c in zip(keys, claims, strict=True))
    assert store.claim(keys[0]).state == "busy"
    store.finish(keys[0], claims[0].token)
    store.release(keys[1], claims[1].token)
    assert [store.claim(k).state for k in keys[:3]] == ["done", "claimed", "busy"]
    store.close()


def test_the_async_store_keeps_its_contract_on_a_cluster(
    cluster_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    async def scenario() -> list[str]:
        store = AsyncRedisStore.from_url(cluster_url, cluster=True, lease=2.5, socket_timeout=1.5)
        assert isinstance(store.client, redis.asyncio.cluster.RedisCluster)
        assert store.lease == 2.5
        assert store.client.connection_kwargs["socket_timeout"] == 1.5  # type: ignore[union-attr]
        held = await store.claim("ev-ac")
        assert await store.renew("ev-ac", held.token)
        states = [(await store.claim("ev-ac")).state]
        await store.finish("ev-ac", held.token)
        states.append((await store.claim("ev-ac")).state)
        await store.aclose()
        return states

    assert asyncio.run(scenario()) == ["busy", "done"]
    assert any("no AOF persistence" in r.getMessage() for r in caplog.records)


def test_marks_ride_on_a_claim_in_one_pipeline_on_a_cluster(cluster_url: str) -> None:
    store = RedisStore.from_url(
        cluster_url, cluster=True, prefix="cm:", write_behind=3600.0, check_persistence=False
    )
    keys = [f"ev-m{n}" for n in range(6)]  # many slots
    for key in keys[:5]:
        store.finish_soon(key, store.claim(key).token)  # each mark rides on the next claim
    last = store.claim(keys[5])  # the answer read past the marks written first
    assert last.state == "claimed"
    store.finish_soon(keys[5], last.token)
    store.flush()  # marks alone, one pipeline over many slots
    node = redis.cluster.RedisCluster.from_url(cluster_url)
    assert [node.get("cm:" + key) for key in keys] == [b"done"] * 6
    node.close()
    store.close()


def test_claims_and_finishes_asked_for_at_once_span_slots_on_a_cluster(cluster_url: str) -> None:
    async def scenario() -> tuple[list[str], list[str]]:
        store = AsyncRedisStore.from_url(
            cluster_url, cluster=True, prefix="cb:", check_persistence=False
        )
        keys = [f"ev-b{n}" for n in range(12)]
        claims = await asyncio.gather(*(store.claim(key) for key in keys))
        await asyncio.gather(*(store.finish(k, c.token) for k, c in zip(keys, claims, strict=True)))
        again = await asyncio.gather(*(store.claim(key) for key in keys))
        await store.aclose()
        return [c.state for c in claims], [c.state for c in again]

    assert asyncio.run(scenario()) == (["claimed"] * 12, ["done"] * 12)
