"""The Flask adapter, through Flask's own test client."""

from __future__ import annotations

import pytest
from flask import Flask, request
from flask.testing import FlaskClient
from werkzeug.test import EnvironBuilder

from telnyx_gather.integrations.flask import verified_event
from telnyx_gather.verify import WebhookVerifier

from .cases import NAMES, Case, expect


@pytest.fixture(scope="module")
def client(verifier: WebhookVerifier) -> FlaskClient:
    app = Flask(__name__)

    @app.post("/hook")
    def hook() -> dict[str, str]:
        event = verified_event(verifier)
        return {"event_type": event.event_type, "id": str(event.id)}

    @app.post("/parsed")
    def parsed() -> dict[str, str]:
        payload = request.get_json()  # parse first; the adapter still gets the raw bytes
        event = verified_event(verifier, request)
        assert payload["data"]["id"] == str(event.id)
        return {"event_type": event.event_type}

    return app.test_client()


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("path", ["/hook", "/parsed"])
def test_each_delivery_gets_the_right_status(
    client: FlaskClient, delivery_cases: dict[str, Case], path: str, name: str
) -> None:
    case = delivery_cases[name]
    response = client.post(path, data=case.body, headers=case.headers)
    expect(case, response.status_code, response.get_data(as_text=True))


def test_the_test_client_joins_a_repeated_header_as_servers_do(
    delivery_cases: dict[str, Case],
) -> None:
    # So the "repeated_timestamp" case above really arrives comma-joined.
    case = delivery_cases["repeated_timestamp"]
    environ = EnvironBuilder(method="POST", data=case.body, headers=case.headers).get_environ()
    timestamp = dict(case.headers)["telnyx-timestamp"]
    assert environ["HTTP_TELNYX_TIMESTAMP"] == f"{timestamp}, {timestamp}"
