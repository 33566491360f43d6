"""JSON Schema validators for the spec's request schemas, closed against unknown keys."""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from tests.conftest import load_spec

SPEC_URI = "urn:telnyx:gather"

REQUEST_SCHEMAS = {
    "gather": "GatherRequest",
    "gather_using_audio": "GatherUsingAudioRequest",
    "gather_using_speak": "GatherUsingSpeakRequest",
    "gather_using_ai": "GatherUsingAIRequest",
    "gather_stop": "StopGatherRequest",
    "ai_assistant_start": "AIAssistantStartRequest",
    "ai_assistant_stop": "AIAssistantStopRequest",
    "ai_assistant_add_messages": "AIAssistantAddMessagesRequest",
}


def _close(schema: Any) -> None:
    """Forbid keys a schema does not declare, walking schema keywords only (never examples).

    The spec leaves objects open, which would let a misspelt field pass; closing
    them makes "validates against the spec" also mean "sends only spec fields".
    """
    if not isinstance(schema, dict):
        return
    if "properties" in schema and "additionalProperties" not in schema:
        schema["unevaluatedProperties"] = False
    for sub in schema.get("properties", {}).values():
        _close(sub)
    for key in ("items", "additionalProperties"):
        _close(schema.get(key))
    for key in ("oneOf", "anyOf", "allOf"):
        for sub in schema.get(key, []):
            _close(sub)


@cache
def _registry(closed: bool) -> Registry[Any]:
    spec = load_spec()
    if closed:
        spec = copy.deepcopy(spec)
        for schema in spec["components"]["schemas"].values():
            _close(schema)
    return Registry().with_resource(SPEC_URI, Resource.from_contents(spec, DRAFT202012))


@cache
def request_validator(action: str, *, closed: bool = True) -> Draft202012Validator:
    """A validator for `action`'s request body, resolving `#/components/...` refs."""
    ref = f"{SPEC_URI}#/components/schemas/{REQUEST_SCHEMAS[action]}"
    return Draft202012Validator({"$ref": ref}, registry=_registry(closed))
