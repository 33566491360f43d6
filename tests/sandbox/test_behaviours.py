"""Every command has a behaviour, declared with its precondition, and the engine honours it."""

from __future__ import annotations

import json
import subprocess
import sys
import typing
from pathlib import Path

import pytest

from telnyx_gather.commands import COMMANDS
from telnyx_gather.testing import Sandbox
from telnyx_gather.testing.sandbox.behaviours import BEHAVIOURS
from tests.commands.examples import EVERY
from tests.sandbox.test_api import post


def test_every_command_has_exactly_one_behaviour() -> None:
    # `Dial` starts a call instead of acting on one: the sandbox's `POST /calls` serves it.
    actions = {action for action, cls in COMMANDS.items() if cls.acts_on_call}
    missing = sorted(actions - set(BEHAVIOURS))
    assert not missing, f"no behaviour for {missing}: add testing/sandbox/behaviours/<family>.py"
    assert set(BEHAVIOURS) <= actions
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


GENERATOR_PROBE = """
import sys
sys.path.insert(0, "scripts")
from _generate.behaviours import check_behaviours
from _generate.discover import PACKAGE, Builder, GenerateError, Module, discover

check_behaviours(PACKAGE, discover().builders)
path = PACKAGE / "commands" / "actions" / "imaginary.py"
module = Module(path, "telnyx_gather.commands.actions.imaginary", ("Imaginary",))
builder = Builder(type("Imaginary", (), {}), module, "imaginary", "imaginary", True)
try:
    check_behaviours(PACKAGE, (builder,))
except GenerateError as exc:
    print(exc)
"""


def test_the_generator_refuses_a_builder_without_a_behaviour_and_names_the_file() -> None:
    root = Path(__file__).resolve().parents[2]
    run = subprocess.run(
        [sys.executable, "-c", GENERATOR_PROBE], cwd=root, capture_output=True, text=True
    )
    assert run.returncode == 0, run.stderr
    assert run.stdout.strip() == (
        "Imaginary (src/telnyx_gather/commands/actions/imaginary.py) has no sandbox behaviour:"
        " add src/telnyx_gather/testing/sandbox/behaviours/imaginary.py declaring BEHAVIOURS"
        " (see docs/development.md)"
    )
