"""The Django adapter, through Django's own test client (with CSRF checks enforced)."""

from __future__ import annotations

import django
import pytest
from django.conf import settings
from django.http import HttpResponseBase
from django.test import Client

from . import django_app
from .cases import NAMES, Case, expect

if not settings.configured:
    settings.configure(**django_app.SETTINGS)
    django.setup()


@pytest.fixture(scope="module")
def client() -> Client:
    return Client(enforce_csrf_checks=True)


def _post(client: Client, path: str, case: Case) -> HttpResponseBase:
    # Django's client takes one value per header; join repeats as WSGI servers do.
    environ: dict[str, str] = {}
    for name, value in case.headers:
        if name.lower() != "content-type":
            key = "HTTP_" + name.upper().replace("-", "_")
            environ[key] = f"{environ[key]},{value}" if key in environ else value
    return client.post(path, data=case.body, content_type="application/json", **environ)


@pytest.mark.parametrize("name", NAMES)
def test_each_delivery_gets_the_right_status(
    client: Client, delivery_cases: dict[str, Case], name: str
) -> None:
    case = delivery_cases[name]
    response = _post(client, "/hook", case)
    expect(case, response.status_code, response.content.decode())


def test_url_arguments_reach_the_view_after_the_event(
    client: Client, delivery_cases: dict[str, Case]
) -> None:
    response = _post(client, "/t/acme/hook", delivery_cases["good"])
    assert response.status_code == 200
    assert response.content == b'{"tenant": "acme", "event_type": "call.gather.ended"}'


def test_only_post_is_allowed(client: Client) -> None:
    assert client.get("/hook").status_code == 405


def test_the_view_keeps_its_name(client: Client) -> None:
    assert django_app.hook.__name__ == "hook"
    assert getattr(django_app.hook, "csrf_exempt", False) is True
