"""`suppression_start` and `suppression_stop`: noise suppression on the call."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, ClassVar, Literal

from pydantic import Field
from typing_extensions import TypedDict

from .._base import Command, StrictModel

__all__ = [
    "NoiseSuppressionEngine",
    "NoiseSuppressionEngineConfig",
    "NoiseSuppressionEngineConfigDict",
    "StartNoiseSuppression",
    "StopNoiseSuppression",
]

NoiseSuppressionEngine = Literal[
    "Denoiser", "DeepFilterNet", "Krisp", "AiCoustics", "aic_l_quail", "aic_l_rook",
    "aic_s_quail", "aic_s_rook", "quail_voice_focus_s", "quail_voice_focus_xs",
]  # fmt: skip
"""A noise suppression engine: the spec's three and those the SDK adds."""

KrispModel = Literal[
    "krisp-viva-tel-v2.kef", "krisp-viva-tel-lite-v1.kef", "krisp-viva-pro-v1.kef",
    "krisp-viva-ss-v1.kef",
]  # fmt: skip


class NoiseSuppressionEngineConfig(StrictModel):
    """Engine settings; each applies to the engines it names.

    Attributes:
        attenuation_limit: 0 to 100 (DeepFilterNet; Telnyx default 100).
        mode: `standard` or `advanced` (DeepFilterNet).
        enhancement_level: 0 to 1 (AiCoustics).
        family: `sparrow` (calls between people) or `quail` (voice AI) (AiCoustics).
        size: The model size: `s`, `l`, `xs`, `xxs`, `vf_l` or `vf_1_1_l` (AiCoustics).
        voice_gain: 0.1 to 4 (AiCoustics).
        model: The Krisp model.
        suppression_level: 0 to 100 (Krisp).
    """

    attenuation_limit: Annotated[int, Field(ge=0, le=100)] | None = None
    mode: Literal["standard", "advanced"] | None = None
    enhancement_level: Annotated[float, Field(ge=0, le=1)] | None = None
    family: Literal["sparrow", "quail"] | None = None
    size: Literal["s", "l", "xs", "xxs", "vf_l", "vf_1_1_l"] | None = None
    voice_gain: Annotated[float, Field(ge=0.1, le=4)] | None = None
    model: KrispModel | None = None
    suppression_level: Annotated[float, Field(ge=0, le=100)] | None = None


class NoiseSuppressionEngineConfigDict(TypedDict, total=False):
    """`NoiseSuppressionEngineConfig` as a plain dict."""

    attenuation_limit: int
    mode: Literal["standard", "advanced"]
    enhancement_level: float
    family: Literal["sparrow", "quail"]
    size: Literal["s", "l", "xs", "xxs", "vf_l", "vf_1_1_l"]
    voice_gain: float
    model: KrispModel
    suppression_level: float


class StartNoiseSuppression(Command):
    """Start suppressing noise on the call's audio.

    Attributes:
        direction: `inbound` (Telnyx default), `outbound` or `both`.
        noise_suppression_engine: The engine (Telnyx default `Denoiser`).
        noise_suppression_engine_config: The engine's settings.
        client_state: Base64 state echoed in every later webhook.
        command_id: Telnyx ignores a repeated `command_id` on the same call.
    """

    action: ClassVar[str] = "suppression_start"
    method: ClassVar[str] = "start_noise_suppression"

    direction: Literal["inbound", "outbound", "both"] | None = None
    noise_suppression_engine: NoiseSuppressionEngine | None = None
    noise_suppression_engine_config: NoiseSuppressionEngineConfig | None = None

    if TYPE_CHECKING:

        def __init__(
            self,
            *,
            direction: Literal["inbound", "outbound", "both"] | None = None,
            noise_suppression_engine: NoiseSuppressionEngine | None = None,
            noise_suppression_engine_config: NoiseSuppressionEngineConfig
            | NoiseSuppressionEngineConfigDict
            | None = None,
            client_state: str | None = None,
            command_id: str | None = None,
        ) -> None: ...


class StopNoiseSuppression(Command):
    """Stop suppressing noise.

    Attributes:
        client_state: Base64 state echoed in every later webhook.
        command_id: Telnyx ignores a repeated `command_id` on the same call.
    """

    action: ClassVar[str] = "suppression_stop"
    method: ClassVar[str] = "stop_noise_suppression"
