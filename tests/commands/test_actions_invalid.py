"""Every bound the spec states on the whole call's builders is refused at construction."""

from __future__ import annotations

from typing import Any

import pytest

from telnyx_gather import InvalidCommandError
from telnyx_gather.commands import Command
from telnyx_gather.commands.actions.bridge import Bridge
from telnyx_gather.commands.actions.client_state import UpdateClientState
from telnyx_gather.commands.actions.dial import Dial
from telnyx_gather.commands.actions.dtmf import SendDtmf
from telnyx_gather.commands.actions.forking import StartForking
from telnyx_gather.commands.actions.playback import StartPlayback
from telnyx_gather.commands.actions.queue import Enqueue
from telnyx_gather.commands.actions.recording import StartRecording, StopRecording
from telnyx_gather.commands.actions.refer import Refer
from telnyx_gather.commands.actions.reject import Reject
from telnyx_gather.commands.actions.sip_info import SendSipInfo
from telnyx_gather.commands.actions.siprec import StartSiprec
from telnyx_gather.commands.actions.speak import Speak
from telnyx_gather.commands.actions.streaming import StartStreaming
from telnyx_gather.commands.actions.suppression import StartNoiseSuppression
from telnyx_gather.commands.actions.transfer import Transfer

SPEAK = {"payload": "Hello", "voice": "female"}
TRANSFER = {"to": "+18005550100"}
DIAL = {"connection_id": "7267", "to": "+18005550100", "from": "+18005550101"}
RECORD = {"format": "mp3", "channels": "single"}
SECRET = "s3cr3t-input"

INVALID: list[tuple[type[Command], dict[str, Any], str]] = [
    (Speak, {"payload": "x" * 3001, "voice": "female"}, "payload: String should have at most 3000"),
    (Speak, {"payload": "Hello"}, "voice: Field required"),
    (Speak, {**SPEAK, "service_level": "basic", "payload_type": "ssml"}, "payload_type:"),
    (Speak, {**SPEAK, "loop": 0}, "loop"),
    (Speak, {**SPEAK, "stop": "some"}, "stop"),
    (StartPlayback, {"audio_url": "https://a.example/x.wav", "loop": 101}, "loop"),
    (StartPlayback, {"audio_url": "https://a.example/x.wav", "loop": "forever"}, "loop"),
    (StartPlayback, {}, "audio_url, media_name, playback_content: set exactly one"),
    (StartPlayback, {"audio_url": "https://a.example/x.wav", "media_name": "m"}, "exactly one"),
    (StartPlayback, {"audio_url": "ftp://a.example/x.wav"}, "audio_url: "),
    (SendDtmf, {"digits": "12x"}, "digits: must use only the DTMF characters"),
    (SendDtmf, {"digits": ""}, "digits"),
    (SendDtmf, {"digits": "1", "duration_millis": 99}, "duration_millis"),
    (SendDtmf, {"digits": "1", "duration_millis": 501}, "duration_millis"),
    (Transfer, {**TRANSFER, "timeout_secs": 4}, "timeout_secs"),
    (Transfer, {**TRANSFER, "timeout_secs": 601}, "timeout_secs"),
    (Transfer, {**TRANSFER, "time_limit_secs": 29}, "time_limit_secs"),
    (Transfer, {**TRANSFER, "time_limit_secs": 14401}, "time_limit_secs"),
    (Transfer, {**TRANSFER, "send_digits_on_answer": "1" * 65}, "send_digits_on_answer"),
    (Transfer, {**TRANSFER, "send_digits_on_answer": "12x"}, "send_digits_on_answer"),
    (Transfer, {**TRANSFER, "from_display_name": "a" * 129}, "from_display_name"),
    (Transfer, {**TRANSFER, "from_display_name": "Ann <ann>"}, "from_display_name"),
    (Transfer, {**TRANSFER, "audio_url": "https://a.example/x", "media_name": "m"}, "audio_url"),
    (Transfer, {**TRANSFER, "record_custom_file_name": ""}, "record_custom_file_name"),
    (Transfer, {**TRANSFER, "record_custom_file_name": "f" * 41}, "record_custom_file_name"),
    (Transfer, {**TRANSFER, "record_max_length": 43201}, "record_max_length"),
    (Transfer, {**TRANSFER, "target_leg_client_state": "not base64!"}, "target_leg_client_state"),
    (
        Transfer,
        {**TRANSFER, "webhook_retries_policies": {"call.hangup": {"retries_ms": [1] * 6}}},
        "retries_ms",
    ),
    (
        Transfer,
        {**TRANSFER, "webhook_retries_policies": {"call.hangup": {"retries_ms": [30001, 30000]}}},
        "retries_ms: the delays must add up to at most 60000",
    ),
    (
        Dial,
        {**DIAL, "webhook_retries_policies": {"call.answered": {"retries_ms": [60001]}}},
        "retries_ms: the delays must add up to at most 60000",
    ),
    (Dial, {**DIAL, "timeout_secs": 601}, "timeout_secs"),
    (Dial, {"connection_id": "7267", "to": "+18005550100"}, "from_: Field required"),
    (Dial, {**DIAL, "to": []}, "to"),
    (Dial, {**DIAL, "bridge_on_answer": True}, "link_to: required when bridge_on_answer"),
    (Dial, {**DIAL, "park_after_unbridge": "self"}, "link_to: required with park_after_unbridge"),
    (Dial, {**DIAL, "billing_group_id": "nope"}, "billing_group_id: must be a UUID"),
    (Dial, {**DIAL, "assistant": {"name": "x"}}, "assistant.id: Field required"),
    (Dial, {**DIAL, "stream_url": "https://a.example"}, "stream_url"),
    (
        Dial,
        {
            **DIAL,
            "conference_config": {"hold_audio_url": "https://a.example/h", "hold_media_name": "m"},
        },
        "hold_audio_url, hold_media_name: cannot be used together",
    ),
    (StartRecording, {"format": "mp3"}, "channels: Field required"),
    (StartRecording, {"channels": "dual"}, "format: Field required"),
    (StartRecording, {**RECORD, "max_length": 14401}, "max_length"),
    (StartRecording, {**RECORD, "max_length": -1}, "max_length"),
    (StartRecording, {**RECORD, "custom_file_name": "f" * 41}, "custom_file_name"),
    (StartRecording, {**RECORD, "custom_file_name": ""}, "custom_file_name"),
    (StartRecording, {**RECORD, "timeout_secs": -1}, "timeout_secs"),
    (
        StartRecording,
        {**RECORD, "transcription_min_speaker_count": 5, "transcription_max_speaker_count": 2},
        "minimum must be <= maximum",
    ),
    (StopRecording, {"recording_id": "123"}, "recording_id: must be a UUID"),
    (Reject, {"cause": "BUSY"}, "cause"),
    (Reject, {}, "cause: Field required"),
    (UpdateClientState, {}, "client_state: Field required"),
    (UpdateClientState, {"client_state": "@@"}, "client_state: must be valid"),
    (Bridge, {}, "call_control_id, queue, video_room_id: set exactly one"),
    (Bridge, {"call_control_id": "v3:a", "queue": "support"}, "set exactly one"),
    (Bridge, {"call_control_id": "v3:a", "video_room_context": "Alice"}, "video_room_context"),
    (Bridge, {"call_control_id": "v3:a", "ringtone": "xx"}, "ringtone"),
    (Enqueue, {"queue_name": ""}, "queue_name"),
    (Enqueue, {"queue_name": "q", "max_size": 0}, "max_size"),
    (Refer, {"sip_address": "+18005550100"}, "sip_address: must be a sip:"),
    (StartStreaming, {"stream_auth_token": "t" * 4001}, "stream_auth_token"),
    (StartStreaming, {"stream_bidirectional_sampling_rate": 44100}, "sampling_rate"),
    (StartForking, {"rx": "udp:192.0.2.1:9000", "stream_type": "decrypted"}, "rx, tx: both"),
    (StartForking, {"rx": "tcp:192.0.2.1:9000"}, "rx: must be udp:"),
    (StartForking, {"rx": "udp:192.0.2.1:70000"}, "port from 1 to 65535"),
    (StartSiprec, {"session_timeout_secs": 89}, "session_timeout_secs: must be 0"),
    (
        StartNoiseSuppression,
        {"noise_suppression_engine_config": {"attenuation_limit": 101}},
        "attenuation_limit",
    ),
    (SendSipInfo, {"content_type": "json", "body": "{}"}, "content_type:"),
    (SendSipInfo, {"content_type": "text/plain", "body": "é" * 701}, "body:"),
]


@pytest.mark.parametrize(
    ("cls", "kwargs", "message"),
    INVALID,
    ids=[f"{cls.__name__}-{i}" for i, (cls, _, _) in enumerate(INVALID)],
)
def test_invalid_input_is_refused_naming_the_field(
    cls: type[Command], kwargs: dict[str, Any], message: str
) -> None:
    with pytest.raises(InvalidCommandError) as info:
        cls.model_validate(kwargs)
    assert message in str(info.value)
    assert str(info.value).startswith(f"{cls.__name__}: ")


@pytest.mark.parametrize(
    ("cls", "kwargs"),
    [
        (Speak, {"payload": SECRET * 300, "voice": "female"}),
        (SendDtmf, {"digits": SECRET}),
        (Transfer, {"to": "+1", "from_display_name": SECRET + "<"}),
        (Refer, {"sip_address": SECRET}),
    ],
)
def test_errors_never_echo_the_input(cls: type[Command], kwargs: dict[str, Any]) -> None:
    with pytest.raises(InvalidCommandError) as info:
        cls(**kwargs)
    assert SECRET not in str(info.value)


VALID: list[tuple[type[Command], dict[str, Any]]] = [
    (Speak, {**SPEAK, "service_level": "basic", "language": "arb"}),  # as the spec's example
    (Speak, {**SPEAK, "payload": "x" * 3000, "loop": "infinity"}),
    (StartPlayback, {"playback_content": "SUQz", "loop": 100}),
    (SendDtmf, {"digits": "0123456789ABCD*#wW", "duration_millis": 100}),
    (Transfer, {**TRANSFER, "timeout_secs": 5, "time_limit_secs": 14400}),
    (Transfer, {**TRANSFER, "send_digits_on_answer": "w" * 64, "from_display_name": "Zoë-1 +"}),
    (Transfer, {**TRANSFER, "webhook_urls": {"call.answered": "https://a.example/h"}}),
    (Transfer, {**TRANSFER, "webhook_urls": {"call.answered": ["https://a.example/h"]}}),
    (Transfer, {**TRANSFER, "answering_machine_detection": "premium_ios_call_screening_detection"}),
    (
        Dial,
        {
            **DIAL,
            "to": ["+18005550100", "sip:a@b.example"],
            "link_to": "v3:x",
            "bridge_on_answer": True,
        },
    ),
    (Dial, {"connection_id": "7267", "to": "+1", "from_": "+2"}),
    (Reject, {"cause": "NOT_FOUND"}),
    (StartRecording, {**RECORD, "max_length": 14400, "custom_file_name": "f" * 40}),
    (StartSiprec, {"session_timeout_secs": 0}),
    (StartSiprec, {"session_timeout_secs": 90}),
    (Bridge, {"queue": "support"}),
    (Bridge, {"video_room_id": "0ccc7b54-4df3-4bca-a65a-3da1ecc777f0", "video_room_context": "A"}),
    (StartForking, {"rx": "udp:[2001:db8::1]:9000", "tx": "udp:host.example:1"}),
]


@pytest.mark.parametrize(
    ("cls", "kwargs"), VALID, ids=[f"{cls.__name__}-{i}" for i, (cls, _) in enumerate(VALID)]
)
def test_what_the_api_accepts_builds(cls: type[Command], kwargs: dict[str, Any]) -> None:
    body = cls.model_validate(kwargs).to_params()
    assert body
    assert cls.model_validate(body).to_params() == body
