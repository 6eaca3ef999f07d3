"""How a session may play: the bounds and choices of its options, declared once.

The timeline, the settings file, the command line and the screens read them from here;
this module imports nothing of breathe's, so any of them may (the command line too, at
start-up).
"""

from __future__ import annotations

from fractions import Fraction

MIN_TEMPO = Fraction(1, 2)  # half as fast
MAX_TEMPO = Fraction(2)  # twice as fast
MIN_VOLUME = 0
MAX_VOLUME = 100
"""The bounds of both volumes: the cues' (`volume`) and the voice's (`voice_volume`)."""
SOUND_CHOICES = ("auto", "miniaudio", "simpleaudio", "bell", "off")  # see breathe.audio.playback
VOICE_CHOICES = ("auto", "piper", "espeak-ng", "off")
"""The voice that guides a session (see breathe.voice.engines): `auto` takes the best that
works, piper with an installed voice, then espeak-ng."""
THEME_CHOICES = ("breathe-dark", "breathe-light", "breathe-night")
"""The app's colours (see breathe.ui.themes): each keeps every text at WCAG AA contrast;
the night one is dim and warm, for practising beside someone asleep."""
DUCK_DB = -8
"""While a phrase of the voice sounds, the breath cues go on this many decibels lower
(a bell under speech, not over it), and at their own level again once it ends."""
DUCK_RAMP_MS = 8
"""The cues go down to the ducked level, and back up, over this long, never in one step
(a step in a sounding cue clicks): from a phrase's first sample, and from its end."""
COUNT_FROM_MS = 4000
"""With eyes closed, a breath phase this long or longer is counted at each whole second."""


def decimal(value: Fraction) -> str:
    """`0.5`, `2`, `0.75`: a tempo as people write it."""
    return str(value.numerator) if value.denominator == 1 else f"{float(value):g}"


TEMPO_RANGE = f"{decimal(MIN_TEMPO)} to {decimal(MAX_TEMPO)}"  # 0.5 to 2
TEMPO_SPAN = f"{decimal(MIN_TEMPO)} (slower) to {decimal(MAX_TEMPO)} (faster)"
VOLUME_RANGE = f"{MIN_VOLUME} to {MAX_VOLUME}"  # 0 to 100

TEMPO_STEPS = tuple(
    Fraction(text)
    for text in ("1/2", "3/5", "7/10", "4/5", "9/10", "1", "11/10", "5/4", "3/2", "7/4", "2")
)
"""The tempos the app's keys step through (`-` slower, `+` faster), from MIN_TEMPO to
MAX_TEMPO: tenths near the routine's own pace, where a small change is felt, quarters
above it. A tempo given on the command line between two of them steps to the next."""
MIN_LENGTH = 1  # minutes: the shortest session length a person may ask for
MAX_LENGTH = 60  # the longest (a routine may last three hours, but this is about breaths)
LENGTH_RANGE = f"{MIN_LENGTH} to {MAX_LENGTH}"
LENGTH_CHOICES = (3, 5, 10)
"""The session lengths the routine's page offers for a breathing routine, in minutes, as
Apple's Breathe does; "about", because whole breaths decide (breathe.core.reshape)."""
