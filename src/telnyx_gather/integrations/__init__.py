"""Hand the exact body and every header of a delivery to the verifier, wherever it arrives.

Each integration is a thin adapter that finds the raw body bytes and the raw
header values, passes them to a `WebhookVerifier` (or
`StandardWebhookVerifier`), and returns the typed event:

- `telnyx_gather.integrations.aws_lambda`: API Gateway REST and HTTP APIs,
  Lambda Function URLs and Application Load Balancer events. Needs nothing
  beyond the base install.
- `telnyx_gather.integrations.starlette`: Starlette and FastAPI
  (`pip install 'telnyx-gather[starlette]'` or `'telnyx-gather[fastapi]'`).
- `telnyx_gather.integrations.flask`: Flask (`'telnyx-gather[flask]'`).
- `telnyx_gather.integrations.django`: Django (`'telnyx-gather[django]'`).
- `telnyx_gather.integrations.wsgi`: any other WSGI application.

Nothing here is imported by `import telnyx_gather`, and each framework module
imports its framework only when it is itself imported.
"""

__all__: list[str] = []
