"""Shared pieces of the verifier tests: one fixed key, one clock, one signed delivery."""

from __future__ import annotations

from telnyx_gather.testing import WebhookSigner
from telnyx_gather.verify import WebhookVerifier

SIG = "telnyx-signature-ed25519"
TS = "telnyx-timestamp"
NOW = 1_700_000_000
SIGNER = WebhookSigner(b"telnyx-gather fixed test seed 01")
OTHER_SIGNER = WebhookSigner(b"telnyx-gather other test seed 02")
VERIFIER = WebhookVerifier(SIGNER.public_key)
BODY = (
    b'{"data":{"record_type":"event","event_type":"call.gather.ended",'
    b'"id":"0ccc7b54-4df3-4bca-a65a-3da1ecc777f0","occurred_at":"2023-11-14T22:13:20.521992Z",'
    b'"payload":{"call_control_id":"v3:test-call-control-id","connection_id":"7267000000000000000",'
    b'"call_leg_id":"428c31b6-7af4-4bcb-b7f5-5013ef9657c1",'
    b'"call_session_id":"428c31b6-abf3-3bc1-b7f4-5013ef9657c1","from":"+35319605860",'
    b'"to":"sip:zo\xc3\xab@example.com","digits":"1234","status":"valid"}},'
    b'"meta":{"attempt":1,"delivered_to":"https://example.com/webhooks"}}'
)


def signed(body: bytes | str = BODY, timestamp: int | str = NOW) -> dict[str, str]:
    """The two Telnyx headers for `body`, signed by SIGNER at `timestamp`."""
    return SIGNER.sign(body, timestamp=timestamp)
