"""Both senders driven the same way, for the tests of their HTTP/1.1 against `RawServer`."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import httpx

from telnyx_gather import AsyncHttpSender, CommandResult, HttpSender
from telnyx_gather.commands import Command, Hangup

__all__ = ["HANGUP", "PROXY_VARIABLES", "Outcome", "concurrently", "failure", "sends"]

HANGUP = Hangup()
PROXY_VARIABLES = ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "NO_PROXY")
Outcome = CommandResult | Exception


def sends(kind: str, url: str, commands: Sequence[Command], **options: Any) -> list[Outcome]:
    """Send `commands` in turn through one sender; each result, or what it raised."""
    if kind == "sync":
        outcomes: list[Outcome] = []
        with HttpSender("KEY", base_url=url, **options) as sender:
            assert sender.http_client is None
            for command in commands:
                try:
                    outcomes.append(sender.send("c", command))
                except httpx.HTTPError as exc:
                    outcomes.append(exc)
        return outcomes

    async def main() -> list[Outcome]:
        outcomes: list[Outcome] = []
        async with AsyncHttpSender("KEY", base_url=url, **options) as sender:
            assert sender.http_client is None
            for command in commands:
                try:
                    outcomes.append(await sender.send("c", command))
                except httpx.HTTPError as exc:
                    outcomes.append(exc)
        return outcomes

    return asyncio.run(main())


def failure(kind: str, url: str, **options: Any) -> Exception:
    """What one send raises, with no retries."""
    (outcome,) = sends(kind, url, [HANGUP], max_retries=0, **options)
    assert isinstance(outcome, Exception)
    return outcome


def concurrently(kind: str, url: str, count: int, **options: Any) -> list[CommandResult]:
    """`count` sends at once through one sender (threads for the sync one)."""
    if kind == "sync":
        with (
            HttpSender("KEY", base_url=url, **options) as sender,
            ThreadPoolExecutor(count) as pool,
        ):
            return list(pool.map(lambda _: sender.send("c", HANGUP), range(count)))

    async def main() -> list[CommandResult]:
        async with AsyncHttpSender("KEY", base_url=url, **options) as sender:
            return list(await asyncio.gather(*(sender.send("c", HANGUP) for _ in range(count))))

    return asyncio.run(main())
