"""Run the Lambda example in a webhook-only install: no extras, no `telnyx` SDK.

`scripts/webhook_only.sh` runs this with the Python of a fresh virtual
environment where only the built wheel was installed, without extras. It signs a delivery, wraps it
in an event of each documented AWS shape, and checks that the example handler
accepts it and rejects a tampered copy. Then it drives the Call Control
sandbox over plain HTTP and runs `telnyx-gather sign` and `verify`, which
need no `telnyx` SDK either. Exits non-zero on any failure.
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

    logging.disable(logging.WARNING)  # the example logs each delivery; tampered ones on purpose
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
    sandbox_and_cli()


def sandbox_and_cli() -> None:
    """The sandbox and the `sign`/`verify` commands need no `telnyx` SDK either."""
    import json
    import subprocess
    import tempfile
    import urllib.request

    from telnyx_gather import WebhookVerifier
    from telnyx_gather.testing import Sandbox, WebhookSigner, call_dtmf_received

    with Sandbox(time_scale=0.001) as sandbox:
        call = sandbox.dial().press("7#")
        request = urllib.request.Request(
            f"{sandbox.base_url}/calls/{call.call_control_id}/actions/gather",
            data=json.dumps({"maximum_digits": 3}).encode(),
            headers={"Authorization": f"Bearer {sandbox.api_key}"},
        )
        opener = urllib.request.build_opener(urllib.request.ProxyHandler({}))
        with opener.open(request, timeout=10) as response:
            if json.loads(response.read()) != {"data": {"result": "ok"}}:
                fail("the sandbox did not accept a gather")
        ended = sandbox.wait_for("call.gather.ended")
        WebhookVerifier(sandbox.public_key).verify(ended.body, ended.headers)

    seed = bytes(32)
    with tempfile.NamedTemporaryFile(suffix=".json") as body:
        body.write(call_dtmf_received(digit="5"))
        body.flush()
        command = [sys.executable, "-m", "telnyx_gather"]
        signed = subprocess.run(
            [*command, "sign", body.name, "--seed", seed.hex()], capture_output=True, text=True
        )
        headers = [f"-H{line}" for line in signed.stdout.splitlines()]
        key = WebhookSigner(seed).public_key
        checked = subprocess.run(
            [*command, "verify", body.name, *headers, "--public-key", key],
            capture_output=True,
            text=True,
        )
    if (signed.returncode, checked.returncode) != (0, 0):
        fail(f"telnyx-gather sign/verify failed: {signed.stderr}{checked.stderr}")
    if "telnyx" in sys.modules:
        fail("the sandbox imported the telnyx SDK")
    print("webhook-only install OK: the sandbox and telnyx-gather sign/verify need no telnyx SDK")


if __name__ == "__main__":
    main()
