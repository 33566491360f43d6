"""A rich instance of every command, each field set, shared by the wire and schema tests."""

from __future__ import annotations

from telnyx_gather import encode_client_state
from telnyx_gather.commands import (
    AddAIAssistantMessages,
    AIAssistantConfig,
    Answer,
    Assistant,
    AssistantMessage,
    AzureVoiceSettings,
    BookAppointmentTool,
    BookAppointmentToolParams,
    Command,
    CustomSipHeader,
    DeveloperMessage,
    Gather,
    GatherUsingAI,
    GatherUsingAudio,
    GatherUsingSpeak,
    Hangup,
    HangupTool,
    InterruptionSettings,
    SoundModifications,
    StartAIAssistant,
    StopAIAssistant,
    StopGather,
    SystemMessage,
    ToolCall,
    ToolMessage,
    TranscriptionConfig,
    UserMessage,
)

STATE = encode_client_state({"flow": "ivr", "step": 2})
COMMAND_ID = "891510ac-f3e4-11e8-af5b-de00688a4901"

AGE_AND_CITY = {
    "type": "object",
    "properties": {
        "age": {"type": "integer", "description": "The age of the customer."},
        "city": {"type": "string", "description": "Where the customer lives.", "default": None},
    },
    "required": ["age", "city"],
}

RICH: dict[str, Command] = {
    "gather": Gather(
        minimum_digits=1,
        maximum_digits=10,
        timeout_millis=60000,
        inter_digit_timeout_millis=5000,
        initial_timeout_millis=10000,
        terminating_digit="#",
        valid_digits="0123456789*",
        gather_id="menu-main",
        client_state=STATE,
        command_id=COMMAND_ID,
    ),
    "gather_using_audio": GatherUsingAudio(
        audio_url="https://media.example.com/menu.wav",
        invalid_media_name="try_again",
        minimum_digits=4,
        maximum_digits=4,
        maximum_tries=3,
        timeout_millis=10000,
        terminating_digit="#",
        valid_digits="0123456789",
        inter_digit_timeout_millis=3000,
        client_state=STATE,
        command_id=COMMAND_ID,
    ),
    "gather_using_speak": GatherUsingSpeak(
        payload="<speak>Enter your <emphasis>four</emphasis> digit PIN.</speak>",
        invalid_payload="<speak>That PIN was not valid.</speak>",
        payload_type="ssml",
        service_level="premium",
        voice="Azure.en-US-AvaMultilingualNeural",
        voice_settings=AzureVoiceSettings(
            api_key_ref="my_azure_key",
            region="eastus",
            deployment_id="my-voice",
            effect="eq_telecomhp8k",
            gender="Female",
        ),
        language="en-US",
        minimum_digits=4,
        maximum_digits=4,
        maximum_tries=2,
        timeout_millis=15000,
        terminating_digit="#",
        valid_digits="0123456789",
        inter_digit_timeout_millis=4000,
        client_state=STATE,
        command_id=COMMAND_ID,
    ),
    "gather_using_ai": GatherUsingAI(
        parameters=AGE_AND_CITY,
        assistant=Assistant(
            model="Qwen/Qwen3-235B-A22B",
            instructions="You are a friendly voice assistant.",
            openai_api_key_ref="my_openai_key",
            tools=[
                BookAppointmentTool(
                    book_appointment=BookAppointmentToolParams(
                        event_type_id=42,
                        api_key_ref="my_calcom_key",
                        attendee_name="Ada",
                        attendee_timezone="Europe/Dublin",
                    )
                ),
                {
                    "type": "check_availability",
                    "check_availability": {"event_type_id": 42, "api_key_ref": "my_calcom_key"},
                },
                {
                    "type": "webhook",
                    "webhook": {
                        "name": "lookup",
                        "description": "Look the customer up.",
                        "url": "https://api.example.com/customers/{id}",
                        "method": "GET",
                        "headers": [
                            {
                                "name": "Authorization",
                                "value": "Bearer {{#integration_secret}}k{{/integration_secret}}",
                            }
                        ],
                        "body_parameters": {"type": "object", "properties": {}, "required": []},
                        "path_parameters": {
                            "type": "object",
                            "properties": {"id": {"type": "string"}},
                            "required": ["id"],
                        },
                        "query_parameters": {
                            "type": "object",
                            "properties": {"page": {"type": "integer"}},
                            "required": ["page"],
                        },
                    },
                },
                HangupTool(hangup={"description": "Hang up when the caller says goodbye."}),
                {
                    "type": "transfer",
                    "transfer": {
                        "targets": [{"name": "Support", "to": "+13129457420"}],
                        "from": "+35319605860",
                    },
                },
                {"type": "retrieval", "retrieval": {"bucket_ids": ["faq"], "max_num_results": 3}},
            ],
        ),
        transcription=TranscriptionConfig(model="openai/whisper-large-v3-turbo"),
        language="en",
        voice="Telnyx.KokoroTTS.af",
        voice_settings={"type": "telnyx", "voice_speed": 1.25},
        greeting="Hello, can you tell me your age and where you live?",
        send_partial_results=True,
        send_message_history_updates=False,
        message_history=[
            {"role": "assistant", "content": "Hello, what's your name?"},
            {"role": "user", "content": "I'm John."},
        ],
        client_state=STATE,
        command_id=COMMAND_ID,
        interruption_settings=InterruptionSettings(enable=False),
        user_response_timeout_ms=15000,
        gather_ended_speech="Thank you for providing the information.",
    ),
    "gather_stop": StopGather(client_state=STATE, command_id=COMMAND_ID),
    "ai_assistant_start": StartAIAssistant(
        assistant=AIAssistantConfig(
            id="assistant-6f2a", openai_api_key_ref="my_openai_key", instructions="Be brief."
        ),
        voice="ElevenLabs.eleven_multilingual_v2.21m00Tcm4TlvDq8ikWAM",
        voice_settings={"type": "elevenlabs", "api_key_ref": "my_elevenlabs_key"},
        greeting="Hi! How can I help?",
        interruption_settings={"enable": True},
        transcription={"model": "google"},
        client_state=STATE,
        command_id=COMMAND_ID,
    ),
    "ai_assistant_stop": StopAIAssistant(client_state=STATE, command_id=COMMAND_ID),
    "ai_assistant_add_messages": AddAIAssistantMessages(
        client_state=STATE,
        command_id=COMMAND_ID,
        messages=[
            SystemMessage(content="Get the caller's favourite colour."),
            DeveloperMessage(content="Answer in one sentence.", metadata={"source": "crm"}),
            UserMessage(content="Hello.", metadata={"channel": "voice", "score": 0.5}),
            AssistantMessage(
                tool_calls=[ToolCall(id="call_1", function={"name": "lookup"})],
                metadata={"turn": 1},
            ),
            ToolMessage(content='{"colour": "teal"}', tool_call_id="call_1"),
            {"role": "assistant", "content": "Your favourite colour is teal."},
        ],
    ),
}

LIFECYCLE: dict[str, Command] = {
    "answer": Answer(
        assistant={"id": "assistant-6f2a", "dynamic_variables": {"plan": "gold"}},
        billing_group_id="f5586561-8ff0-4291-a0ac-84fe544797bd",
        custom_headers=[CustomSipHeader(name="head_1", value="val_1")],
        deepfake_detection={"enabled": True, "rtp_timeout": 10, "timeout": 30},
        preferred_codecs="G722,PCMU,PCMA,G729,OPUS,VP8,H264",
        record="record-from-answer",
        record_channels="dual",
        record_custom_file_name="my_recording_file_name",
        record_format="mp3",
        record_max_length=1000,
        record_timeout_secs=100,
        record_track="both",
        record_trim="trim-silence",
        send_silence_when_idle=True,
        sip_headers=[{"name": "User-to-User", "value": "12345"}],
        sound_modifications=SoundModifications(
            octaves=0.1, pitch=0.8, semitone=-2, track="outbound"
        ),
        stream_bidirectional_codec="G722",
        stream_bidirectional_mode="rtp",
        stream_bidirectional_target_legs="both",
        stream_codec="PCMA",
        stream_track="both_tracks",
        stream_url="wss://www.example.com/websocket",
        transcription=True,
        transcription_config={"transcription_engine": "Google", "transcription_tracks": "both"},
        webhook_retries_policies={"call.answered": {"retries_ms": [1000, 2000, 5000]}},
        webhook_url="https://www.example.com/server-b/",
        webhook_url_method="POST",
        webhook_urls={"call.hangup": ["https://www.example.com/hangups"]},
        webhook_urls_method="GET",
        client_state=STATE,
        command_id=COMMAND_ID,
    ),
    "hangup": Hangup(
        custom_headers=[{"name": "head_1", "value": "val_1"}],
        reason="Answered elsewhere",
        client_state=STATE,
        command_id=COMMAND_ID,
    ),
}
"""`answer` and `hangup`, which the spec cut lacks; their fields come from the telnyx SDK."""

EVERY: dict[str, Command] = {**RICH, **LIFECYCLE}
"""Every action's rich instance."""
