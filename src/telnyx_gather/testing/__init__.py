"""Helpers for testing webhook handlers offline.

They need only the core install (no `telnyx` SDK), and `import telnyx_gather`
never imports this package.
"""

from ._signer import StandardWebhookSigner, WebhookSigner

__all__ = [
    "StandardWebhookSigner",
    "WebhookSigner",
]
