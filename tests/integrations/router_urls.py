"""The URLconf of the Django `serve(router)` tests; the tests fill in `urlpatterns`."""

from __future__ import annotations

from django.urls import URLPattern

urlpatterns: list[URLPattern] = []
