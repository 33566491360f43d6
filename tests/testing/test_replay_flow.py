"""Record a sandbox call with the router's recorder, change the app, replay, read the diff."""

from __future__ import annotations

from pathlib import Path

import pytest

from telnyx_gather.testing import (
    Cassette,
    CommandChange,
    Faults,
    Replayer,
)

from .replay_app import MENU, make_app, record_call


@pytest.fixture(scope="module")
def cassette(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One call recorded from the sandbox: answer, the menu, the caller presses 1, goodbye."""
    return record_call(tmp_path_factory.mktemp("cassettes"))


def test_the_recording_holds_each_delivery_with_its_commands(cassette: Path) -> None:
    tape = Cassette.load(cassette)
    assert [d.event_type for d in tape.deliveries][:3] == [
        "call.initiated",
        "call.answered",
        "call.dtmf.received",
    ]
    assert tape.deliveries[-1].event_type == "call.hangup"
    sent = [(d.event_type, [c.action for c in d.commands]) for d in tape.deliveries if d.commands]
    assert sent == [
        ("call.initiated", ["answer"]),
        ("call.answered", ["gather_using_speak"]),
        ("call.gather.ended", ["gather_using_speak", "hangup"]),
    ]
    assert all(d.status == 200 for d in tape.deliveries)
    assert Cassette.parse(tape.lines()) == tape


def test_the_same_app_replays_without_changes(cassette: Path) -> None:
    with Replayer() as replayer:
        wsgi, _ = make_app(replayer.base_url, replayer.api_key, replayer.public_key)
        result = replayer.play(cassette, wsgi)
    assert result.ok, result.report()
    assert result.report() == "no changes: the app sent the 4 recorded commands"
    assert all(post.status == 200 for post in result.posts)


def test_a_changed_prompt_is_named_by_command_and_field(cassette: Path) -> None:
    changed = "Press 1 for sales, 2 for support."
    with Replayer() as replayer:
        wsgi, _ = make_app(replayer.base_url, replayer.api_key, replayer.public_key, prompt=changed)
        result = replayer.play(cassette, wsgi)
    delivery = next(
        i for i, d in enumerate(result.cassette.deliveries, 1) if d.event_type == "call.answered"
    )
    assert result.changes == (
        CommandChange(
            "changed", delivery, "call.answered", "gather_using_speak", "payload", MENU, changed
        ),
    )
    assert result.report().splitlines() == [
        "1 change(s) in the commands the app sent:",
        f"  after call.answered (delivery {delivery}): gather_using_speak: field payload changed:"
        f' "{MENU}" -> "{changed}"',
    ]


def test_duplicates_and_reordering_leave_an_idempotent_app_unchanged(cassette: Path) -> None:
    faults = Faults(duplicate=1.0, fail_first={"call.answered"}, seed=7)
    with Replayer() as replayer:
        wsgi, _ = make_app(replayer.base_url, replayer.api_key, replayer.public_key)
        result = replayer.play(cassette, wsgi, faults=faults)
    assert result.ok, result.report()
    kinds = [post.fault for post in result.posts]
    assert kinds.count("duplicate") == len(result.cassette.deliveries)
    assert kinds.count("fail_first") == 1


def test_reordering_swaps_deliveries(cassette: Path) -> None:
    faults = Faults(reorder={"call.dtmf.received"})
    with Replayer() as replayer:
        wsgi, _ = make_app(replayer.base_url, replayer.api_key, replayer.public_key)
        result = replayer.play(cassette, wsgi, faults=faults)
    order = [post.delivery for post in result.posts]
    assert order != sorted(order)
    assert "reorder" in [post.fault for post in result.posts]
    assert result.ok, result.report()


def test_an_app_that_does_not_answer_removes_every_command(cassette: Path) -> None:
    with Replayer() as replayer:
        result = replayer.play(Cassette.load(cassette), "http://127.0.0.1:9/webhooks")  # closed
    assert not result.ok
    assert {change.kind for change in result.changes} == {"removed"}
    assert all(post.status is None for post in result.posts)
