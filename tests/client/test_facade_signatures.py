"""The handles' action methods take exactly their builders' arguments.

Type checkers see each method as `Callable[<the builder's parameters>, R]`
(`tests/typing/facade.py` checks that statically); here the runtime view,
which `help()`, IPython and `inspect` use, is checked to match.
"""

from __future__ import annotations

import inspect

import pytest

from telnyx_gather import AsyncCall, Call
from tests.client.facade_examples import EXAMPLES, Example


def _handles() -> list[Call | AsyncCall]:
    # `send` is never called here, so the client can be anything.
    return [Call(None, "v3:abc"), AsyncCall(None, "v3:abc")]  # type: ignore[arg-type]


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
