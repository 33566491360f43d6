"""Route coverage: which routes (event type x step x result model) the flow tests reached."""

from __future__ import annotations

import threading
import weakref
from collections import Counter
from typing import TYPE_CHECKING, Any

from ..router import RouteInfo, RouteKey, Router, route_taken, routes_of

if TYPE_CHECKING:
    from ..router import Outcome
    from ..verify import Body

__all__ = ["RouteCoverage"]

_RAN = frozenset({"handled", "handler_failed", "send_failed", "send_refused"})
"""The outcomes whose handler ran."""


class RouteCoverage:
    """Counts the routes each router ran, for a report after the tests.

    A `Recorder`: the pytest plugin registers one for every router in the
    process (`observe_routers`) when coverage is on (`--telnyx-coverage`).
    Routes are told apart by handler (`module.qualname`) and `RouteKey`, so
    a router built afresh for each test counts as one. A router that never
    handled a delivery is not known, so is not listed.
    """

    def __init__(self) -> None:
        self._routes: dict[tuple[str, RouteKey], RouteInfo] = {}
        self._hits: Counter[tuple[str, RouteKey]] = Counter()
        self._seen: weakref.WeakKeyDictionary[Router[Any], list[RouteInfo]] = (
            weakref.WeakKeyDictionary()
        )
        self._last: dict[str, RouteKey] = {}
        self._edges: list[tuple[RouteKey, RouteKey]] = []
        self._lock = threading.Lock()

    def record(self, router: object, body: Body, outcome: Outcome) -> None:
        """Count the route `outcome`'s event took (the `Recorder` hook)."""
        if not isinstance(router, Router) or outcome.event is None:
            return
        known: Router[Any] = router  # pyright: ignore[reportUnknownVariableType]
        with self._lock:
            infos = self._seen.get(known)
            if infos is None:
                infos = self._seen[known] = routes_of(known)
                for info in infos:
                    self._routes.setdefault((info.handler, info.key), info)
            if outcome.reason not in _RAN:
                return
            key = route_taken(known, outcome.event)
            taken = next((i for i in infos if i.key == key), None)
            if taken is None:
                return
            self._hits[taken.handler, taken.key] += 1
            call = getattr(getattr(outcome.event, "payload", None), "call_control_id", None)
            if isinstance(call, str):
                if call in self._last:
                    self._edges.append((self._last[call], taken.key))
                self._last[call] = taken.key

    def rows(self) -> list[tuple[RouteInfo, int]]:
        """Every route seen, with how many deliveries it handled."""
        with self._lock:
            return [(info, self._hits[ident]) for ident, info in self._routes.items()]

    def missed(self) -> list[RouteInfo]:
        """The routes no delivery reached."""
        return [info for info, hits in self.rows() if not hits]

    @property
    def percent(self) -> float:
        """The share of routes reached, from 0 to 100 (100 when no route is known)."""
        rows = self.rows()
        return 100.0 if not rows else 100.0 * sum(1 for _, hits in rows if hits) / len(rows)

    def transitions(self) -> list[tuple[RouteKey, RouteKey]]:
        """Each observed step from one route to the next on the same call, as often as seen.

        Pass it to `Router.to_mermaid` to draw the flow the tests took.
        """
        with self._lock:
            return list(self._edges)

    def report(self) -> str:
        """A table of every route and its hits; the routes never reached are marked."""
        rows = self.rows()
        reached = sum(1 for _, hits in rows if hits)
        lines = [
            f"telnyx-gather route coverage: {reached} of {len(rows)} routes reached"
            f" ({self.percent:.0f}%)"
        ]
        if not rows:
            return lines[0]
        table = [("event type", "step", "result", "handler", "hits")]
        table += [
            (
                info.key.event_type,
                info.key.step or "-",
                info.key.result or "-",
                info.handler,
                str(hits),
            )
            for info, hits in rows
        ]
        widths = [max(len(row[n]) for row in table) for n in range(5)]
        for row, (_, hits) in zip(table, [(None, 1), *rows], strict=False):
            cells = "  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False))
            lines.append(f"  {cells}{'  <- untested' if not hits else ''}".rstrip())
        return "\n".join(lines)
