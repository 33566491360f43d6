"""The deliveries every adapter must get right, with the status each must answer.

Each framework's tests post every `Case` through the framework's own test
client and check the status, and that a rejection names the reason. Plain
Python (no pytest), shared by the adapter tests and the example tests.
"""

from __future__ import annotations

import json
import time
from dataclasses import dataclass

from telnyx_gather.testing import WebhookSigner, call_gather_ended

Headers = list[tuple[str, str]]
NAMES = (
    "good",
    "signed_with_odd_spacing",
    "reserialised_json",
    "tampered_body",
    "missing_signature",
    "stale_timestamp",
    "repeated_timestamp",
    "not_a_delivery",
)
"""The name of every case `cases()` returns, to parametrize tests with."""


@dataclass(frozen=True)
class Case:
    """One delivery: what is posted, and what the adapter must answer."""

    name: str
    body: bytes
    headers: Headers
    status: int
    reason: str = ""  # a word the rejection's text must contain


def delivery(digits: str = "42") -> bytes:
    """A call.gather.ended body, exactly as Telnyx would send it."""
    return call_gather_ended(digits=digits)


def signed(signer: WebhookSigner, body: bytes, *, timestamp: int | None = None) -> Headers:
    """The body's Telnyx headers as pairs, in the case Telnyx sends them."""
    return [
        ("Content-Type", "application/json"),
        *signer.sign(body, timestamp=timestamp).items(),
    ]


def cases(signer: WebhookSigner) -> dict[str, Case]:
    """Every delivery to try, by name, signed by `signer` just now."""
    body = delivery()
    good = signed(signer, body)
    # Telnyx's exact spacing is not what a JSON library would write back.
    spaced = json.dumps(json.loads(body), indent=2, separators=(", ", " : ")).encode()
    compact = json.dumps(json.loads(spaced), separators=(",", ":")).encode()
    spaced_headers = signed(signer, spaced)
    timestamp = dict(good)["telnyx-timestamp"]
    no_signature = [(k, v) for k, v in good if k != "telnyx-signature-ed25519"]
    unrelated = b'{"data": {"hello": "world"}}'
    tampered = body.replace(b'"42"', b'"43"')
    assert tampered != body
    built = [
        Case("good", body, good, 200),
        Case("signed_with_odd_spacing", spaced, spaced_headers, 200),
        Case("reserialised_json", compact, spaced_headers, 401, "bad_signature"),
        Case("tampered_body", tampered, good, 401, "bad_signature"),
        Case("missing_signature", body, no_signature, 401, "missing_header"),
        Case(
            "stale_timestamp",
            body,
            signed(signer, body, timestamp=int(time.time()) - 3600),
            401,
            "timestamp_out_of_tolerance",
        ),
        Case(
            "repeated_timestamp",
            body,
            [*good, ("telnyx-timestamp", timestamp)],
            401,
            "ambiguous_header",
        ),
        Case("not_a_delivery", unrelated, signed(signer, unrelated), 400),
    ]
    assert tuple(case.name for case in built) == NAMES
    return {case.name: case for case in built}


def expect(case: Case, status: int, text: str, *, accepted: str = "call.gather.ended") -> None:
    """Check an adapter's answer to `case`: its status, the reason, or the accepted event."""
    assert status == case.status, f"{case.name}: got {status}, want {case.status}: {text[:300]}"
    assert case.reason in text, f"{case.name}: {case.reason!r} not in {text[:300]!r}"
    if status == 200:
        assert accepted in text, f"{case.name}: {accepted!r} not in {text[:300]!r}"
