"""The URLconf of the Django `serve(router)` tests; the tests fill in `urlpatterns`."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.test.utils import override_settings
from django.urls import URLPattern, clear_url_caches

urlpatterns: list[URLPattern] = []


@contextmanager
def routed() -> Iterator[None]:
    """Django serves `urlpatterns` (with the CSRF middleware) inside the block."""
    with override_settings(
        ROOT_URLCONF=__name__, MIDDLEWARE=["django.middleware.csrf.CsrfViewMiddleware"]
    ):
        yield
    clear_url_caches()
