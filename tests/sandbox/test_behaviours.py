"""Every command has a behaviour, declared with its precondition, and the engine honours it."""

from __future__ import annotations

import json
import typing

import pytest

from telnyx_gather.commands import COMMANDS
from telnyx_gather.testing import Sandbox
from telnyx_gather.testing.sandbox.behaviours import BEHAVIOURS
from tests.commands.examples import EVERY
from tests.sandbox.test_api import post


def test_every_command_has_exactly_one_behaviour() -> None:
    missing = sorted(set(COMMANDS) - set(BEHAVIOURS))
    assert not missing, f"no behaviour for {missing}: add testing/sandbox/behaviours/<family>.py"
    assert set(BEHAVIOURS) <= set(COMMANDS)
    for action, behaviour in BEHAVIOURS.items():
        assert behaviour.command is COMMANDS[action]


@pytest.mark.parametrize("action", sorted(BEHAVIOURS))
def test_each_behaviour_takes_its_own_command(action: str) -> None:
    behaviour = BEHAVIOURS[action]
    accepted = typing.get_type_hints(behaviour.run)["command"]
    members = typing.get_args(accepted) or (accepted,)
    assert any(issubclass(behaviour.command, member) for member in members)


@pytest.mark.parametrize("action", sorted(EVERY))
def test_a_ringing_call_takes_only_what_the_precondition_allows(
    sandbox: Sandbox, action: str
) -> None:
    call = sandbox.ring()
    body = json.dumps(EVERY[action].to_params()).encode()
    path = f"/calls/{call.call_control_id}/actions/{action}"
    status, answer = post(sandbox, path, body, sandbox.api_key)
    if "ringing" in BEHAVIOURS[action].when.states:
        assert status == 200, answer
    else:
        assert status == 422
        assert answer["errors"][0]["code"] == "90018"
        assert sandbox.commands() == []
