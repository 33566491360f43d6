"""`result_as` / `partial_results_as`: an AI gather's values, validated into the user's model."""

from __future__ import annotations

import datetime
import json
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ConfigDict, field_validator

from telnyx_gather import (
    CallAIGatherEnded,
    CallAIGatherPartialResults,
    WebhookParseError,
    parse_event,
)
from telnyx_gather.testing import call_ai_gather_ended, call_ai_gather_partial_results
from tests.commands.models import BOOKING, Booking, Card, Contact, Seating

WIRE = BOOKING.model_dump(mode="json", by_alias=True)


def ended(result: Any) -> CallAIGatherEnded:
    event = parse_event(call_ai_gather_ended(result=result))
    assert isinstance(event, CallAIGatherEnded)
    return event


def partial(partial_results: Any) -> CallAIGatherPartialResults:
    event = parse_event(call_ai_gather_partial_results(partial_results=partial_results))
    assert isinstance(event, CallAIGatherPartialResults)
    return event


def misfit(result: Any, model: type[BaseModel] = Booking) -> str:
    with pytest.raises(WebhookParseError) as caught:
        ended(result).payload.result_as(model)
    return str(caught.value)


def test_result_round_trips_into_the_model() -> None:
    booking = ended(WIRE).payload.result_as(Booking)
    assert booking == BOOKING
    assert booking.day == datetime.date(2026, 12, 24)
    assert booking.seating is Seating.TERRACE
    assert booking.payment == Card(method="card", last_four="4242")


def test_defaults_fill_what_the_assistant_did_not_gather() -> None:
    minimal = {
        "name": "Ada",
        "party_size": 2,
        "day": "2026-12-24",
        "contact": {"phone": "+3531960"},
    }
    booking = ended(minimal).payload.result_as(Booking)
    assert (booking.seating, booking.allergies, booking.payment) == (Seating.INDOOR, [], None)


def test_values_are_read_as_json_so_strict_models_take_dates_and_enums() -> None:
    class Strict(BaseModel):
        model_config = ConfigDict(strict=True)
        day: datetime.date
        seating: Seating

    got = ended({"day": "2026-12-24", "seating": "terrace"}).payload.result_as(Strict)
    assert got == Strict(day=datetime.date(2026, 12, 24), seating=Seating.TERRACE)


def test_a_misfit_names_each_field_without_echoing_values() -> None:
    message = misfit({**WIRE, "party_size": 40, "day": "Christmas Eve", "contact": {}})
    assert message.startswith(
        "result does not fit Booking: party_size: Input should be less than or equal to 12;"
        " day: Input should be a valid date"
    )
    assert message.endswith("; contact.phone: Field required")
    assert "Christmas" not in message


def test_unknown_keys_are_refused_when_the_model_forbids_them() -> None:
    assert (
        misfit({**WIRE, "tip": 5})
        == "result does not fit Booking: tip: Extra inputs are not permitted"
    )


def test_a_missing_result_is_a_parse_error() -> None:
    assert misfit(None) == "result: missing, so it cannot be read as Booking"


def test_model_validators_run_and_fail_as_parse_errors() -> None:
    class Shouting(BaseModel):
        word: str

        @field_validator("word")
        @classmethod
        def _upper(cls, value: str) -> str:
            if not value.isupper():
                raise ValueError("must be upper case")
            return value

    assert ended({"word": "HI"}).payload.result_as(Shouting).word == "HI"
    assert misfit({"word": "hi"}, Shouting) == (
        "result does not fit Shouting: word: must be upper case"
    )


# --- Hostile results --------------------------------------------------------------------


def test_huge_values_give_a_short_message() -> None:
    message = misfit({**WIRE, "name": ["x" * 1000] * 2000, "contact": {"phone": "7" * 100_000}})
    assert message.startswith("result does not fit Booking: name: Input should be a valid string")
    assert "xxxx" not in message
    assert "7777" not in message
    assert len(message) < 300


def test_huge_hostile_keys_are_truncated_and_escaped() -> None:
    message = misfit({**WIRE, "k" * 10_000: 1, "\x1b[31m": 2})
    assert len(message) < 400
    assert "k" * 65 not in message
    assert "\x1b" not in message


def test_deep_nesting_is_a_parse_error() -> None:
    deep: Any = "peanuts"
    for _ in range(150):
        deep = [deep]
    message = misfit({**WIRE, "allergies": deep})
    assert message == "result does not fit Booking: allergies.0: Input should be a valid string"


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=50)
@given(
    result=st.dictionaries(
        st.sampled_from([*WIRE, "other"]) | st.text(), JSON, max_size=len(WIRE) + 2
    )
)
def test_any_result_is_a_booking_or_a_parse_error(result: dict[str, Any]) -> None:
    event = ended(result)
    try:
        booking = event.payload.result_as(Booking)
    except WebhookParseError:
        return
    assert booking.model_dump(mode="json") == {
        **Booking.model_validate(result).model_dump(mode="json")
    }


@settings(max_examples=50)
@given(result=st.dictionaries(st.sampled_from([*WIRE, "other"]), JSON, max_size=len(WIRE) + 1))
def test_any_partial_result_is_validated_fields_or_a_parse_error(result: dict[str, Any]) -> None:
    event = partial(result)
    try:
        found = event.payload.partial_results_as(Booking)
    except WebhookParseError:
        return
    assert set(found) == set(result) & set(Booking.model_fields)


# --- Partial results ----------------------------------------------------------------------


def test_partial_results_hold_only_the_fields_gathered_so_far() -> None:
    found = partial({"party_size": 3, "contact": {"phone": "+35319605860"}}).payload
    assert found.partial_results_as(Booking) == {
        "party_size": 3,
        "contact": Contact(phone="+35319605860"),
    }


def test_partial_values_are_validated_like_the_full_result() -> None:
    found = partial({"day": "2026-12-24", "seating": "terrace"}).payload
    assert found.partial_results_as(Booking) == {
        "day": datetime.date(2026, 12, 24),
        "seating": Seating.TERRACE,
    }


@pytest.mark.parametrize("nothing", [None, {}])
def test_nothing_gathered_yet_is_an_empty_dict(nothing: Any) -> None:
    assert partial(nothing).payload.partial_results_as(Booking) == {}


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"party_size": 0}, "party_size: Input should be greater than or equal to 1"),
        ({"seating": "roof"}, "seating: Input should be 'indoor' or 'terrace'"),
        ({"contact": {}}, "contact.phone: Field required"),
        ({"tip": 1}, "tip: Extra inputs are not permitted"),
    ],
)
def test_a_partial_misfit_is_a_parse_error(values: dict[str, Any], message: str) -> None:
    with pytest.raises(WebhookParseError) as caught:
        partial(values).payload.partial_results_as(Booking)
    assert str(caught.value) == f"partial_results does not fit Booking: {message}"


def test_a_complete_partial_result_matches_the_final_one() -> None:
    found = partial(WIRE).payload.partial_results_as(Booking)
    assert found == dict(BOOKING)
    assert json.loads(BOOKING.model_dump_json()) == WIRE
