"""`answering_machine_detection_config`: the tuning of answering machine detection."""

from typing import Annotated, Literal

from pydantic import Field

from .._base import StrictModel
from .._fields import Millis

__all__ = ["AnsweringMachineDetectionConfig"]

_Count = Annotated[int, Field(ge=0, le=2**31 - 1)]
_Hertz = Annotated[int, Field(ge=0, le=2**31 - 1)]


class AnsweringMachineDetectionConfig(StrictModel):
    """Thresholds of answering machine detection on `dial` and `transfer`.

    Only `total_analysis_time_millis` and `greeting_duration_millis` apply to
    `premium` detection (`prompt_end_timeout_millis` too with
    `premium_ios_call_screening_detection`). Durations are milliseconds, 0 or more.

    Attributes:
        after_greeting_silence_millis: Silence after a greeting that means a human.
        beep_detection_profile: `both` (amplitude and frequency detectors agree)
            or `freq_only`.
        beep_max_frequency_hz: Highest frequency a beep may reach, 0 or more.
        beep_min_frequency_hz: Lowest frequency a beep must reach, 0 or more.
        beep_min_tone_duration_millis: Shortest tone taken for a beep.
        beep_spectral_confirmation: Confirm a beep by its spectrum.
        beep_spectral_min_purity: Spectral purity a beep needs, 0 to 1.
        beep_spectral_reject_fax_cng: Reject the fax CNG tone instead of calling it a beep.
        beep_spectral_window_millis: The window of the spectral check.
        between_words_silence_millis: Longest silence between words.
        greeting_duration_millis: A greeting longer than this is a machine.
        greeting_silence_duration_millis: After a machine, silence that ends its greeting.
        greeting_total_analysis_time_millis: After a machine, how long to wait
            for its greeting to end.
        initial_silence_millis: A longer initial silence is a machine.
        maximum_number_of_words: More words than this is a machine, 0 or more.
        maximum_word_length_millis: A longer word is a machine.
        prompt_end_timeout_millis: How long to wait for an iOS call-screening prompt to end.
        silence_threshold: The noise floor of the analysis, 0 or more.
        total_analysis_time_millis: The longest the whole detection may take.
    """

    after_greeting_silence_millis: Millis | None = None
    beep_detection_profile: Literal["both", "freq_only"] | None = None
    beep_max_frequency_hz: _Hertz | None = None
    beep_min_frequency_hz: _Hertz | None = None
    beep_min_tone_duration_millis: Millis | None = None
    beep_spectral_confirmation: bool | None = None
    beep_spectral_min_purity: Annotated[float, Field(ge=0, le=1)] | None = None
    beep_spectral_reject_fax_cng: bool | None = None
    beep_spectral_window_millis: Millis | None = None
    between_words_silence_millis: Millis | None = None
    greeting_duration_millis: Millis | None = None
    greeting_silence_duration_millis: Millis | None = None
    greeting_total_analysis_time_millis: Millis | None = None
    initial_silence_millis: Millis | None = None
    maximum_number_of_words: _Count | None = None
    maximum_word_length_millis: Millis | None = None
    prompt_end_timeout_millis: Millis | None = None
    silence_threshold: _Count | None = None
    total_analysis_time_millis: Millis | None = None
