"""A small Router app for flow tests: answer, a one-key menu, then hang up.

`SOURCE` is the same app as self-contained text, for the pytest plugin
test, which runs it in a separate pytest process.
"""

from __future__ import annotations

SOURCE = """
from telnyx_gather import (
    Answer, CallAnswered, CallGatherEnded, CallInitiated, GatherUsingSpeak, Hangup,
    WebhookVerifier,
)
from telnyx_gather.client import GatherClient
from telnyx_gather.integrations.wsgi import request_parts
from telnyx_gather.router import Router


def make_app(base_url, api_key, public_key):
    client = GatherClient(api_key=api_key, base_url=base_url, max_retries=0)
    router = Router(verifier=WebhookVerifier(public_key), client=client)
    choices = []

    @router.on(CallInitiated)
    def ring(event):
        return Answer()

    @router.on(CallAnswered)
    def menu(event):
        return GatherUsingSpeak(payload="Press 1 for sales.", voice="female",
                                service_level="basic", valid_digits="1", maximum_digits=1)

    @router.on(CallGatherEnded)
    def chose(event):
        choices.append(event.payload.digits)
        return Hangup()

    def wsgi(environ, start_response):
        outcome = router.handle(*request_parts(environ))
        start_response(f"{outcome.status} {outcome.reason}", [("Content-Length", "0")])
        return [b""]

    async def asgi(scope, receive, send):
        body = (await receive())["body"]
        headers = [(k.decode("latin-1"), v.decode("latin-1")) for k, v in scope["headers"]]
        outcome = router.handle(body, headers)
        await send({"type": "http.response.start", "status": outcome.status, "headers": []})
        await send({"type": "http.response.body", "body": b""})

    wsgi.choices = asgi.choices = choices
    return wsgi, asgi
"""

namespace: dict[str, object] = {}
exec(compile(SOURCE, "flow_app", "exec"), namespace)
make_app = namespace["make_app"]
