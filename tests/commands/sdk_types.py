"""The telnyx SDK's generated request types that `answer`, `hangup` and assistants mirror.

The spec cut lacks these two actions and the settings of an assistant's
webhook tool; the SDK's TypedDicts are generated from Telnyx's full OpenAPI
spec.
"""

from __future__ import annotations

import types
import typing
from typing import Any, Literal, get_args, get_origin, get_type_hints

from pydantic import BaseModel
from telnyx.types import (
    call_assistant_request_param,
    custom_sip_header_param,
    sip_header_param,
    sound_modifications_param,
)
from telnyx.types.ai import inference_embedding_webhook_tool_params_param as webhook_tool_param
from telnyx.types.calls import action_answer_params, action_hangup_params
from typing_extensions import NotRequired, Required

from telnyx_gather import commands as c

SDK_TYPES: dict[type[BaseModel], Any] = {
    c.Answer: action_answer_params.ActionAnswerParams,
    c.Hangup: action_hangup_params.ActionHangupParams,
    c.DeepfakeDetection: action_answer_params.DeepfakeDetection,
    c.WebhookRetriesPolicy: action_answer_params.WebhookRetriesPolicies,
    c.CustomSipHeader: custom_sip_header_param.CustomSipHeaderParam,
    c.SipHeader: sip_header_param.SipHeaderParam,
    c.SoundModifications: sound_modifications_param.SoundModificationsParam,
    c.CallAssistant: call_assistant_request_param.CallAssistantRequestParam,
}
"""Each builder or nested model checked here, and the SDK TypedDict it mirrors."""

ASSISTANT_SDK_TYPES: dict[type[BaseModel], Any] = {
    c.AssistantWebhookTool: webhook_tool_param.InferenceEmbeddingWebhookToolParamsParam,
    c.AssistantWebhookToolParams: webhook_tool_param.Webhook,
    # The SDK splits the two kinds of filler message; one model holds both.
    c.FillerMessage: webhook_tool_param.WebhookMessageWebhookToolRequestStartMessage,
    c.StoredVariable: webhook_tool_param.WebhookStoreFieldsAsVariable,
}
"""The models of an assistant's webhook tool, and the SDK TypedDict each mirrors (with tags)."""

NEWER_THAN_SPEC: dict[type[BaseModel], tuple[set[str], Any]] = {
    c.AIAssistantConfig: (
        {"tools", "dynamic_variables"},
        call_assistant_request_param.CallAssistantRequestParam,
    ),
}
"""Fields the spec cut lacks, and the SDK TypedDict that has them."""

# Where the SDK's enum is not the rule its own text states.
DOCUMENTED_ENUMS: dict[tuple[type[BaseModel], str], set[str]] = {
    # One enum value, "G722,PCMU,...": the text says "a comma-separated list", so any list.
    (c.Answer, "preferred_codecs"): set(),
    # Typed `str`, but "Accepted values are `inbound` or `outbound`".
    (c.SoundModifications, "track"): {"inbound", "outbound"},
}


def literals(annotation: Any) -> set[Any]:
    """Every value a field's `Literal`s allow, looking through unions and `Annotated`."""
    if get_origin(annotation) is Literal:
        return set(get_args(annotation))
    if get_origin(annotation) in (Required, NotRequired):  # kept by get_type_hints on 3.10
        return literals(get_args(annotation)[0])
    if get_origin(annotation) in (typing.Union, types.UnionType, typing.Annotated):
        return set().union(*(literals(arg) for arg in get_args(annotation)))
    return set()


def required_keys(typed_dict: Any) -> set[str]:
    """The TypedDict's required keys, read from its hints.

    The SDK's modules use `from __future__ import annotations`, which hides
    `Required[...]` from `__required_keys__` on Python < 3.12.
    """
    hints = get_type_hints(typed_dict, include_extras=True)
    return {
        name
        for name, hint in hints.items()
        if get_origin(hint) is Required
        or (typed_dict.__total__ and get_origin(hint) is not NotRequired)
    }
