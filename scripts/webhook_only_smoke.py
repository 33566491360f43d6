"""Run the Lambda example in a webhook-only install: no extras, no `telnyx` SDK.

`scripts/webhook_only.sh` runs this with the Python of a fresh virtual
environment where only `pip install .` was done. It signs a delivery, wraps it
in an event of each documented AWS shape, and checks that the example handler
accepts it and rejects a tampered copy. Exits non-zero on any failure.
"""

from __future__ import annotations

import importlib.util
import logging
import os
import runpy
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.append(str(ROOT))  # for tests.integrations.aws_events; the package comes from the venv


def fail(message: str) -> None:
    print(f"webhook-only smoke test FAILED: {message}", file=sys.stderr)
    sys.exit(1)


def main() -> None:
    if importlib.util.find_spec("telnyx") is not None:
        fail("the telnyx SDK is importable in a webhook-only install")

    import telnyx_gather
    from telnyx_gather.testing import WebhookSigner, call_gather_ended
    from tests.integrations.aws_events import SHAPES, build

    if not Path(telnyx_gather.__file__).resolve().is_relative_to(Path(sys.prefix).resolve()):
        fail(f"telnyx_gather came from {telnyx_gather.__file__}, not the install under test")

    logging.basicConfig(level=logging.ERROR)  # the tampered deliveries are rejected on purpose
    signer = WebhookSigner()
    os.environ["TELNYX_PUBLIC_KEY"] = signer.public_key
    handler = runpy.run_path(str(ROOT / "examples" / "lambda_handler.py"))["handler"]

    body = call_gather_ended(digits="5")
    headers = list(signer.sign(body).items())
    for shape in SHAPES:
        accepted = handler(build(shape, body, headers), None)["statusCode"]
        rejected = handler(build(shape, body + b" ", headers), None)["statusCode"]
        if (accepted, rejected) != (200, 401):
            fail(f"{shape}: got {accepted} for a good delivery and {rejected} for a tampered one")
    for name in ("telnyx", "fastapi", "starlette", "flask", "django"):
        if name in sys.modules:
            fail(f"running the Lambda example imported {name}")
    print(f"webhook-only install OK: the Lambda example verified {len(SHAPES)} event shapes")


if __name__ == "__main__":
    main()
