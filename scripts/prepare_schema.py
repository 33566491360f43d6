"""Regenerate the prepared core schema of the webhook envelope (`events/_prepared.json`).

Run after changing any module of `telnyx_gather.events` or upgrading pydantic:
`.venv/bin/python scripts/prepare_schema.py`.
"""

from __future__ import annotations

from telnyx_gather.events import Webhook
from telnyx_gather.events._schema import PREPARED, prepare

if __name__ == "__main__":
    prepare(Webhook)
    print(f"wrote {PREPARED}")
