"""How a session is played: the options chosen before it starts.

One record for all who choose or read them: the settings file fills in some of them, the
command line others (each given one over the file's, the file's over the defaults here),
and the app and its session screen read them. The bounds and choices of their values are
in `breathe.core.bounds`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from fractions import Fraction
from typing import Any


@dataclass(frozen=True, slots=True, kw_only=True)
class PlayOptions:
    """How a session is played, chosen before it starts. The fields are in the order the
    settings file and `breathe settings` list them."""

    volume: int = 100
    sound: str = "auto"  # auto, miniaudio, simpleaudio, bell or off
    # The voice that guides each step: auto, piper, espeak-ng or off. A session waits for
    # its first minute of phrases, so the voice guides from the first word.
    voice: str = "auto"
    voice_volume: int = 100  # the voice's own volume, 0 to 100, as `volume` is the cues'
    eyes_closed: bool = False  # a soft count at each second of long breath phases
    tempo: Fraction = Fraction(1)
    # A breathing routine's session length, about this many minutes (whole breaths decide:
    # breathe.core.reshape); None plays every routine as written.
    length: int | None = None
    reduced_motion: bool = False
    # The app's colours: breathe-dark, breathe-light or breathe-night (THEME_CHOICES); the
    # app writes the one chosen in its palette to the settings file (`remember_theme`).
    theme: str = "breathe-dark"

    # Not an option the settings file keeps: the step a session starts from, numbered from
    # 1 as the routine's page numbers them (`breathe play FILE --from-step N`, or a step
    # chosen on that page), to try the end of a long routine (breathe.core.from_step).
    from_step: int = field(default=1, metadata={"option": False})

    # Not an option: the names of those given for this run (on the command line), which
    # the tempo and length remembered for a routine do not override
    # (breathe.library.routine_choices).
    given: frozenset[str] = field(default=frozenset(), compare=False, metadata={"option": False})

    def with_chosen(self, chosen: Mapping[str, Any]) -> PlayOptions:
        """These options with `chosen` (some of them, by name, already checked) in their
        place: the settings file's over the defaults, the command line's over those."""
        unknown = set(chosen) - set(OPTION_NAMES)
        if unknown:
            raise ValueError(f"not play options: {sorted(unknown)}")
        return replace(self, **chosen)

    def for_run(self, chosen: Mapping[str, Any]) -> PlayOptions:
        """These options with `chosen` on the command line over them, marked as given for
        this run: a routine's remembered tempo or length gives way to them."""
        return replace(self.with_chosen(chosen), given=frozenset(chosen))


OPTION_NAMES = tuple(
    option.name for option in fields(PlayOptions) if option.metadata.get("option", True)
)
DEFAULTS = PlayOptions()
