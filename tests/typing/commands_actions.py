# pyright: reportUnnecessaryTypeIgnoreComment=true
"""Static checks, run by mypy --strict and pyright strict: the whole call's builders, their
`Call`/`AsyncCall` methods, and `dial`.

Nothing here needs to run.
"""

from __future__ import annotations

from typing import Literal

from typing_extensions import assert_type

from telnyx_gather import (
    AsyncCall,
    AsyncGatherClient,
    Bridge,
    Call,
    CommandResult,
    Dial,
    DialResult,
    GatherClient,
    Reject,
    SendDtmf,
    Speak,
    StartNoiseSuppression,
    StartPlayback,
    StartRecording,
    StartStreaming,
    Transfer,
    UpdateClientState,
)
from telnyx_gather.commands import (
    COMMANDS,
    AnsweringMachineDetectionConfig,
    AnyCommand,
    ConferenceConfig,
)


def builders() -> None:
    speak = Speak(payload="Hi", voice="Telnyx.KokoroTTS.af", loop="infinity", stop="all")
    assert_type(speak.loop, "int | Literal['infinity'] | None")
    assert_type(speak.voice, str)
    assert_type(
        StartPlayback(audio_url="https://a.example/x.wav", loop=3).loop,
        "int | Literal['infinity'] | None",
    )
    assert_type(SendDtmf(digits="1w2", duration_millis=250).digits, str)
    assert_type(
        Reject(cause="USER_BUSY").cause,
        Literal["CALL_REJECTED", "USER_BUSY", "NOT_FOUND", "TEMPORARILY_UNAVAILABLE"],
    )
    assert_type(UpdateClientState(client_state="aGk=").client_state, str)
    assert_type(UpdateClientState.http_method, Literal["POST", "PUT"])
    record = StartRecording(format="mp3", channels="dual", max_length=60)
    assert_type(record.format, Literal["wav", "mp3"])
    transfer = Transfer(
        to="+18005550100",
        from_="+18005550101",
        timeout_secs=30,
        answering_machine_detection_config=AnsweringMachineDetectionConfig(
            total_analysis_time_millis=3500
        ),
    )
    assert_type(transfer.from_, str | None)
    assert_type(Bridge(queue="support").queue, str | None)
    StartStreaming(stream_url="wss://a.example", dialogflow_config={"analyze_sentiment": True})
    StartNoiseSuppression(noise_suppression_engine_config={"attenuation_limit": 50})
    Speak(payload="Hi")  # type: ignore[call-arg]
    Reject(cause="GONE")  # type: ignore[arg-type]


def dialling(client: GatherClient, call: Dial) -> None:
    result = client.dial(call)
    assert_type(result, DialResult)
    assert_type(result.call_control_id, str)
    assert_type(Dial(connection_id="c", to=["+1", "+2"], from_="+3").to, "str | list[str]")


async def dialling_async(client: AsyncGatherClient, call: Dial) -> None:
    assert_type(await client.dial(call), DialResult)


def handle_methods(call: Call) -> None:
    assert_type(call.speak(payload="Hi", voice="Telnyx.KokoroTTS.af"), CommandResult)
    assert_type(call.start_playback(media_name="hold.mp3", loop="infinity"), CommandResult)
    assert_type(call.send_dtmf(digits="1#"), CommandResult)
    assert_type(call.reject(cause="USER_BUSY"), CommandResult)
    assert_type(call.update_client_state(client_state="aGk="), CommandResult)
    # Nested fields take the model or its plain dict.
    call.transfer(
        to="+18005550100",
        answering_machine_detection_config={"total_analysis_time_millis": 3500},
        custom_headers=[{"name": "X-Id", "value": "1"}],
        webhook_retries_policies={"call.answered": {"retries_ms": [1000]}},
    )
    call.start_streaming(stream_url="wss://a.example", custom_parameters=[{"name": "a"}])
    call.speak(payload="Hi")  # type: ignore[call-arg]
    call.reject(cause="GONE")  # type: ignore[arg-type]
    call.dial  # type: ignore[attr-defined]  # noqa: B018 -- Dial is the client's, not a call's


async def async_handle_methods(call: AsyncCall) -> None:
    assert_type(await call.speak(payload="Hi", voice="Telnyx.KokoroTTS.af"), CommandResult)
    assert_type(await call.stop_recording(), CommandResult)
    assert_type(await call.enqueue(queue_name="support"), CommandResult)


def registry(command: AnyCommand) -> None:
    assert_type(COMMANDS["speak"], "type[AnyCommand]")
    if isinstance(command, Speak):
        assert_type(command.payload, str)
    dial = Dial(
        connection_id="c",
        to="+1",
        from_="+3",
        conference_config={"conference_name": "team"},
        dialogflow_config={"analyze_sentiment": True},
    )
    assert_type(dial.conference_config, ConferenceConfig | None)
