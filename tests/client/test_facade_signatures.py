"""The handles' action methods take exactly their builders' arguments.

Type checkers see each method as `Callable[<the builder's parameters>, R]`
(`tests/typing/facade.py` checks that statically); here the runtime view,
which `help()`, IPython and `inspect` use, is checked to match.
"""

from __future__ import annotations

import inspect

import pytest

from telnyx_gather import AsyncCall, Call
from telnyx_gather.commands import COMMANDS
from tests.client.facade_examples import EXAMPLES, METHODS, Example


def _handles() -> list[Call | AsyncCall]:
    # `send` is never called here, so the client can be anything.
    return [Call(None, "v3:abc"), AsyncCall(None, "v3:abc")]  # type: ignore[arg-type]


@pytest.mark.parametrize("handle", [Call, AsyncCall])
def test_handles_have_send_and_one_method_per_action(handle: type[object]) -> None:
    public = {name for name in dir(handle) if not name.startswith("_")}
    # One per builder that acts on a call, as the registry names them; `Dial` has none.
    methods = {cls.method for cls in COMMANDS.values() if cls.acts_on_call}
    assert public == {"call_control_id", "send", *methods}
    assert set(METHODS) <= methods
    assert "dial" not in public


def test_every_action_has_an_example() -> None:
    assert [example.method for example in EXAMPLES] == list(METHODS)
    assert [example.builder.action for example in EXAMPLES] == list(METHODS.values())


@pytest.mark.parametrize("example", EXAMPLES, ids=str)
def test_method_parameters_are_the_builders_parameters(example: Example) -> None:
    builder_parameters = inspect.signature(example.builder).parameters
    for handle in _handles():
        method = getattr(handle, example.method)
        parameters = inspect.signature(method).parameters

        assert parameters == builder_parameters
        assert all(p.kind is inspect.Parameter.KEYWORD_ONLY for p in parameters.values())
        assert method.__name__ == example.method
        assert example.builder.__name__ in (method.__doc__ or "")
