# pyright: reportUnnecessaryTypeIgnoreComment=true
"""Static checks, run by mypy --strict and pyright strict: the whole call's builders and `dial`.

Nothing here needs to run. Until the generated registry lists them, the
builders are imported from their action modules.
"""

from __future__ import annotations

from typing import Literal

from typing_extensions import assert_type

from telnyx_gather import AsyncGatherClient, GatherClient
from telnyx_gather.client._result import DialResult
from telnyx_gather.commands.actions.bridge import Bridge
from telnyx_gather.commands.actions.client_state import UpdateClientState
from telnyx_gather.commands.actions.dial import Dial
from telnyx_gather.commands.actions.dtmf import SendDtmf
from telnyx_gather.commands.actions.playback import StartPlayback
from telnyx_gather.commands.actions.recording import StartRecording
from telnyx_gather.commands.actions.reject import Reject
from telnyx_gather.commands.actions.speak import Speak
from telnyx_gather.commands.actions.streaming import StartStreaming
from telnyx_gather.commands.actions.suppression import StartNoiseSuppression
from telnyx_gather.commands.actions.transfer import Transfer
from telnyx_gather.commands.options.machine_detection import AnsweringMachineDetectionConfig


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
