"""Looking into a router from outside: its routes, and the route an event takes."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from ._graph import RouteInfo, RouteKey, route_infos, route_key
from ._router import Router

__all__ = ["route_taken", "routes_of"]


def routes_of(router: Router[Any]) -> list[RouteInfo]:
    """Every route registered on `router`, in registration order, with what each returns."""
    return route_infos(router._routes)  # pyright: ignore[reportPrivateUsage]


def route_taken(router: Router[Any], event: BaseModel) -> RouteKey | None:
    """The route `router` sends `event` to, or `None` when no handler takes it."""
    return route_key(router._routes, event)  # pyright: ignore[reportPrivateUsage]
