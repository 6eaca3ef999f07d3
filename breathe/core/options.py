"""How a session is played: the options chosen before it starts.

A plain record the command line fills in and the app and its session screen read; the
bounds of its values are in `breathe.core.bounds`.
"""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction


@dataclass(frozen=True, slots=True)
class PlayOptions:
    """How a session is played, chosen before it starts."""

    tempo: Fraction = Fraction(1)
    reduced_motion: bool = False
    sound: str = "auto"  # auto, simpleaudio, bell or off
    volume: int = 100
    eyes_closed: bool = False  # a soft count at each second of long breath phases
