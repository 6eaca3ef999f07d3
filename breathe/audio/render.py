"""A whole session's cue track as one WAV: follow the practice from a phone, no terminal.

The track comes from the same engine and the same cue rules as a live session: the engine
plays the timeline on a stepping clock, and each moment's cues are placed at their
deadline, to the sample. The WAV is written a second at a time, so a three-hour track
never sits in memory whole.
"""

from __future__ import annotations

import wave
from array import array
from dataclasses import dataclass
from typing import TYPE_CHECKING

from breathe.audio.cues import cues_for
from breathe.audio.synthesis import RATE
from breathe.engine import Session

if TYPE_CHECKING:
    from pathlib import Path

    from breathe.audio.playback import Sound
    from breathe.timeline import Timeline


@dataclass(frozen=True, slots=True)
class Placement:
    offset: int  # in samples from the start of the track
    name: str


def placements(timeline: Timeline) -> list[Placement]:
    """Every cue of a session of `timeline`, at the sample of its boundary."""
    now = [0.0]
    session = Session(timeline, clock=lambda: now[0])
    placed: list[Placement] = []

    def place(at_ms: int, events: list) -> None:  # type: ignore[type-arg]
        offset = (at_ms * RATE + 500) // 1000
        placed.extend(Placement(offset, name) for name in cues_for(events))

    place(0, session.start())
    while (deadline := session.next_deadline()) is not None:
        now[0] = deadline
        position = session.position_ms()
        place(position, session.poll())
    return placed


def render_track(timeline: Timeline, cues: dict[str, Sound], path: Path) -> int:
    """Write the cue track of `timeline` to `path`; returns its length in samples.

    Cues must be mono at 44.1 kHz (the bundled ones are).
    """
    placed = [p for p in placements(timeline) if p.name in cues]
    for sound in cues.values():
        if sound.channels != 1 or sound.rate != RATE:
            raise ValueError("render needs mono 44.1 kHz cues")
    samples = {name: array("h", sound.frames) for name, sound in cues.items()}
    end = (timeline.total_ms * RATE + 500) // 1000
    length = max([end, *(p.offset + len(samples[p.name]) for p in placed)])
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        for block_start in range(0, length, RATE):
            block_end = min(length, block_start + RATE)
            out.writeframes(_mix(block_start, block_end, placed, samples).tobytes())
    return length


def _mix(
    start: int, end: int, placed: list[Placement], samples: dict[str, array[int]]
) -> array[int]:
    """Samples `start`..`end` of the track: silence, with every cue sounding there added."""
    block = array("h", bytes(2 * (end - start)))
    written = False
    for placement in placed:
        cue = samples[placement.name]
        first, last = max(start, placement.offset), min(end, placement.offset + len(cue))
        if first >= last:
            continue
        piece = cue[first - placement.offset : last - placement.offset]
        if not written:  # the usual case: one cue at a time, copied as it is
            block[first - start : last - start] = piece
        else:
            for index, value in enumerate(piece, first - start):
                block[index] = max(-32768, min(32767, block[index] + value))
        written = True
    return block
