"""The builders of the whole call, each with its request schema in `call-control.json`."""

from __future__ import annotations

import copy
from functools import cache
from typing import Any

from jsonschema import Draft202012Validator
from referencing import Registry, Resource
from referencing.jsonschema import DRAFT202012

from telnyx_gather.commands import Command
from telnyx_gather.commands.actions.bridge import Bridge
from telnyx_gather.commands.actions.client_state import UpdateClientState
from telnyx_gather.commands.actions.dial import Dial
from telnyx_gather.commands.actions.dtmf import SendDtmf
from telnyx_gather.commands.actions.forking import StartForking, StopForking
from telnyx_gather.commands.actions.playback import StartPlayback, StopPlayback
from telnyx_gather.commands.actions.queue import Enqueue, LeaveQueue
from telnyx_gather.commands.actions.recording import (
    PauseRecording,
    ResumeRecording,
    StartRecording,
    StopRecording,
)
from telnyx_gather.commands.actions.refer import Refer
from telnyx_gather.commands.actions.reject import Reject
from telnyx_gather.commands.actions.sip_info import SendSipInfo
from telnyx_gather.commands.actions.siprec import StartSiprec, StopSiprec
from telnyx_gather.commands.actions.speak import Speak
from telnyx_gather.commands.actions.streaming import StartStreaming, StopStreaming
from telnyx_gather.commands.actions.supervisor import SwitchSupervisorRole
from telnyx_gather.commands.actions.suppression import (
    StartNoiseSuppression,
    StopNoiseSuppression,
)
from telnyx_gather.commands.actions.transcription import StartTranscription, StopTranscription
from telnyx_gather.commands.actions.transfer import Transfer
from tests.commands.schema import _close  # the same closing of open objects
from tests.conftest import load_call_control_spec

SPEC_URI = "urn:telnyx:call-control"

BUILDERS: dict[type[Command], str] = {
    Speak: "SpeakRequest",
    StartPlayback: "PlayAudioUrlRequest",
    StopPlayback: "PlaybackStopRequest",
    SendDtmf: "SendDTMFRequest",
    Reject: "RejectRequest",
    UpdateClientState: "ClientStateUpdateRequest",
    Transfer: "TransferCallRequest",
    Bridge: "BridgeRequest",
    StartRecording: "StartRecordingRequest",
    StopRecording: "StopRecordingRequest",
    PauseRecording: "PauseRecordingRequest",
    ResumeRecording: "ResumeRecordingRequest",
    Enqueue: "EnqueueRequest",
    LeaveQueue: "LeaveQueueRequest",
    Refer: "ReferRequest",
    StartStreaming: "StartStreamingRequest",
    StopStreaming: "StopStreamingRequest",
    StartForking: "StartForkingRequest",
    StopForking: "StopForkingRequest",
    StartSiprec: "StartSiprecRequest",
    StopSiprec: "StopSiprecRequest",
    StartNoiseSuppression: "NoiseSuppressionStart",
    StopNoiseSuppression: "NoiseSuppressionStop",
    SendSipInfo: "SendSIPInfoRequest",
    SwitchSupervisorRole: "SwitchSupervisorRoleRequest",
    StartTranscription: "TranscriptionStartRequest",
    StopTranscription: "TranscriptionStopRequest",
    Dial: "CallRequest",
}
"""Each new builder and the spec schema of its request body."""

ACTIONS = [cls for cls in BUILDERS if cls is not Dial]


def schema(cls: type[Command]) -> dict[str, Any]:
    """The builder's request schema, as the spec states it."""
    found: dict[str, Any] = load_call_control_spec()["components"]["schemas"][BUILDERS[cls]]
    return found


def example(cls: type[Command]) -> dict[str, Any]:
    """The spec's example request of the builder (every one has one, or an empty body)."""
    return dict(schema(cls).get("example", {}))


@cache
def _registry() -> Registry[Any]:
    spec = copy.deepcopy(load_call_control_spec())
    for node in spec["components"]["schemas"].values():
        _close(node)
    return Registry().with_resource(SPEC_URI, Resource.from_contents(spec, DRAFT202012))


@cache
def validator(cls: type[Command]) -> Draft202012Validator:
    """A validator of the builder's body against its closed spec schema."""
    ref = f"{SPEC_URI}#/components/schemas/{BUILDERS[cls]}"
    return Draft202012Validator({"$ref": ref}, registry=_registry())


def errors(cls: type[Command], body: dict[str, Any]) -> list[str]:
    """What the closed spec schema finds wrong with `body`."""
    return [
        f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
        for e in validator(cls).iter_errors(body)
    ]
