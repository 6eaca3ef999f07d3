"""The routine the tests of a voiced `breathe render` speak, and its file as an author saves it.

A rest, then a pose on both sides: 17 s, and four phrases (the rest, the pose with its first
side, the second side, the end), few enough to check each one at its moment."""

from __future__ import annotations

from pathlib import Path

SPOKEN_ROUTINE = b"""title: Spoken
steps:
  - rest: Settle
    duration: 4s
  - pose: Twist
    hold: 5s
    sides: both
    switch: 3s
"""


def routine_source(folder: Path, text: bytes = SPOKEN_ROUTINE, name: str = "s.yaml") -> Path:
    """`text` written as the routine file `name` in `folder`: the path to give `breathe`."""
    path = folder / name
    path.write_bytes(text)
    return path
