"""Immutable, validated request builders: the gather family's eight actions, `answer` and `hangup`.

Each builder is a frozen Pydantic model named after its action; nested objects
accept the typed model or the equivalent plain dict (the `...Dict` TypedDicts).
Bad input raises `InvalidCommandError` at construction. `COMMANDS` maps each
action (the path segment) to its builder. `ai_gather_schema` turns a Pydantic
model into the `parameters` schema of `GatherUsingAI`.
"""

from .._lazy import publish
from ._ai_assistant import (
    AddAIAssistantMessages,
    StartAIAssistant,
    StopAIAssistant,
)
from ._ai_schema import (
    ai_gather_schema,
)
from ._answer import (
    Answer,
    StreamCodec,
)
from ._answer_options import (
    DeepfakeDetection,
    DeepfakeDetectionDict,
    SoundModifications,
    SoundModificationsDict,
    WebhookRetriesPolicy,
    WebhookRetriesPolicyDict,
)
from ._assistant import (
    AIAssistantConfig,
    AIAssistantConfigDict,
    Assistant,
    AssistantDict,
    GoogleTranscriptionLanguage,
    InterruptionSettings,
    InterruptionSettingsDict,
    TranscriptionConfig,
    TranscriptionConfigDict,
)
from ._base import (
    Command,
)
from ._gather import (
    Gather,
    GatherUsingAudio,
    GatherUsingSpeak,
    SpeakLanguage,
)
from ._gather_ai import (
    GatherUsingAI,
)
from ._hangup import (
    Hangup,
)
from ._messages import (
    AssistantMessage,
    AssistantMessageDict,
    DeveloperMessage,
    DeveloperMessageDict,
    HistoryMessage,
    HistoryMessageDict,
    Message,
    MessageDict,
    SystemMessage,
    SystemMessageDict,
    ToolCall,
    ToolCallDict,
    ToolCallFunction,
    ToolCallFunctionDict,
    ToolMessage,
    ToolMessageDict,
    UserMessage,
    UserMessageDict,
)
from ._sip import (
    CustomSipHeader,
    CustomSipHeaderDict,
    SipHeader,
    SipHeaderDict,
)
from ._stop import (
    StopGather,
)
from ._table import COMMANDS, AnyCommand
from ._tool_params import (
    BookAppointmentToolParams,
    BookAppointmentToolParamsDict,
    BucketIds,
    BucketIdsDict,
    CheckAvailabilityToolParams,
    CheckAvailabilityToolParamsDict,
    HangupToolParams,
    HangupToolParamsDict,
    ToolParametersSchema,
    ToolParametersSchemaDict,
    TransferTarget,
    TransferTargetDict,
    TransferToolParams,
    TransferToolParamsDict,
    WebhookToolHeader,
    WebhookToolHeaderDict,
    WebhookToolParams,
    WebhookToolParamsDict,
)
from ._tools import (
    BookAppointmentTool,
    BookAppointmentToolDict,
    CheckAvailabilityTool,
    CheckAvailabilityToolDict,
    HangupTool,
    HangupToolDict,
    RetrievalTool,
    RetrievalToolDict,
    Tool,
    ToolDict,
    TransferTool,
    TransferToolDict,
    WebhookTool,
    WebhookToolDict,
)
from ._voice import (
    AssistantVoiceSettings,
    AssistantVoiceSettingsDict,
    AWSVoiceSettings,
    AWSVoiceSettingsDict,
    AzureVoiceSettings,
    AzureVoiceSettingsDict,
    ElevenLabsVoiceSettings,
    ElevenLabsVoiceSettingsDict,
    MinimaxLanguageBoost,
    MinimaxVoiceSettings,
    MinimaxVoiceSettingsDict,
    ResembleSampleRate,
    ResembleVoiceSettings,
    ResembleVoiceSettingsDict,
    RimeVoiceSettings,
    RimeVoiceSettingsDict,
    TelnyxVoiceSettings,
    TelnyxVoiceSettingsDict,
    VoiceSettings,
    VoiceSettingsDict,
)

__all__ = [
    "COMMANDS",
    "AIAssistantConfig",
    "AIAssistantConfigDict",
    "AWSVoiceSettings",
    "AWSVoiceSettingsDict",
    "AddAIAssistantMessages",
    "AnyCommand",
    "Answer",
    "Assistant",
    "AssistantDict",
    "AssistantMessage",
    "AssistantMessageDict",
    "AssistantVoiceSettings",
    "AssistantVoiceSettingsDict",
    "AzureVoiceSettings",
    "AzureVoiceSettingsDict",
    "BookAppointmentTool",
    "BookAppointmentToolDict",
    "BookAppointmentToolParams",
    "BookAppointmentToolParamsDict",
    "BucketIds",
    "BucketIdsDict",
    "CheckAvailabilityTool",
    "CheckAvailabilityToolDict",
    "CheckAvailabilityToolParams",
    "CheckAvailabilityToolParamsDict",
    "Command",
    "CustomSipHeader",
    "CustomSipHeaderDict",
    "DeepfakeDetection",
    "DeepfakeDetectionDict",
    "DeveloperMessage",
    "DeveloperMessageDict",
    "ElevenLabsVoiceSettings",
    "ElevenLabsVoiceSettingsDict",
    "Gather",
    "GatherUsingAI",
    "GatherUsingAudio",
    "GatherUsingSpeak",
    "GoogleTranscriptionLanguage",
    "Hangup",
    "HangupTool",
    "HangupToolDict",
    "HangupToolParams",
    "HangupToolParamsDict",
    "HistoryMessage",
    "HistoryMessageDict",
    "InterruptionSettings",
    "InterruptionSettingsDict",
    "Message",
    "MessageDict",
    "MinimaxLanguageBoost",
    "MinimaxVoiceSettings",
    "MinimaxVoiceSettingsDict",
    "ResembleSampleRate",
    "ResembleVoiceSettings",
    "ResembleVoiceSettingsDict",
    "RetrievalTool",
    "RetrievalToolDict",
    "RimeVoiceSettings",
    "RimeVoiceSettingsDict",
    "SipHeader",
    "SipHeaderDict",
    "SoundModifications",
    "SoundModificationsDict",
    "SpeakLanguage",
    "StartAIAssistant",
    "StopAIAssistant",
    "StopGather",
    "StreamCodec",
    "SystemMessage",
    "SystemMessageDict",
    "TelnyxVoiceSettings",
    "TelnyxVoiceSettingsDict",
    "Tool",
    "ToolCall",
    "ToolCallDict",
    "ToolCallFunction",
    "ToolCallFunctionDict",
    "ToolDict",
    "ToolMessage",
    "ToolMessageDict",
    "ToolParametersSchema",
    "ToolParametersSchemaDict",
    "TranscriptionConfig",
    "TranscriptionConfigDict",
    "TransferTarget",
    "TransferTargetDict",
    "TransferTool",
    "TransferToolDict",
    "TransferToolParams",
    "TransferToolParamsDict",
    "UserMessage",
    "UserMessageDict",
    "VoiceSettings",
    "VoiceSettingsDict",
    "WebhookRetriesPolicy",
    "WebhookRetriesPolicyDict",
    "WebhookTool",
    "WebhookToolDict",
    "WebhookToolHeader",
    "WebhookToolHeaderDict",
    "WebhookToolParams",
    "WebhookToolParamsDict",
    "ai_gather_schema",
]

publish("telnyx_gather", *COMMANDS.values())
publish(
    __name__,
    *(
        obj
        for obj in map(globals().__getitem__, __all__)
        if isinstance(obj, type) and obj.__module__.startswith(f"{__name__}._")
    ),
)
