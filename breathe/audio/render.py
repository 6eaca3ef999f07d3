"""A whole session's cue track as one WAV: follow the practice from a phone, no terminal.

The track comes from the same engine and the same cue rules as a live session: the engine
plays the timeline on a stepping clock, and each moment's cues are placed at their
deadline, to the sample; so are the soft counts of long phases, with closed eyes. The WAV
is written a second at a time, so a three-hour track never sits in memory whole.

The voice's phrases, where given (`spoken`: each with its moment on the timeline, see
breathe.voice.guide.track), are mixed in the same way, each at the sample of its moment;
the cues sounding under a phrase are ducked, as a live session ducks them, the level
going down and up over DUCK_RAMP_MS.

The track lasts as long as the routine, or longer by the tail of the last cue or phrase
sounding at its end: the end bells ring out whole instead of being cut off when the
practice ends, and the voice finishes what it says.
"""

from __future__ import annotations

import bisect
import wave
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from breathe.audio.cues import Cue, count_cue, count_offsets, cues_for
from breathe.audio.mixer import DUCK_RAMP_FRAMES, ramp
from breathe.core.engine import Event, SegmentStarted, Session
from breathe.format.wav import ACCEPTED_RATE as RATE

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    from breathe.audio.playback import Sound
    from breathe.core.timeline import Timeline


@dataclass(frozen=True, slots=True)
class Placement:
    offset: int  # in samples from the start of the track
    cue: Cue

    @property
    def name(self) -> str:
        return self.cue.name


def sample_at(ms: int) -> int:
    """The sample where timeline offset `ms` falls (rounded half up)."""
    return (ms * RATE + 500) // 1000


def placements(timeline: Timeline, *, eyes_closed: bool = False) -> list[Placement]:
    """Every cue of a session of `timeline`, at the sample of its boundary, in order."""
    now = [0]  # the clock, in milliseconds: the timeline's own offsets
    session = Session(timeline, clock=lambda: now[0])
    placed: list[Placement] = []

    def place(at_ms: int, events: list[Event]) -> None:
        placed.extend(Placement(sample_at(at_ms), cue) for cue in cues_for(events, timeline))
        if eyes_closed:
            for event in events:
                if isinstance(event, SegmentStarted):
                    tick = count_cue(timeline, event.segment)
                    if tick is not None:
                        placed.extend(
                            Placement(sample_at(ms), tick) for ms in count_offsets(event.segment)
                        )

    place(0, session.start())
    while (deadline := session.next_deadline()) is not None:
        if deadline <= now[0]:  # the clock is there, yet poll() did not move past it
            raise RuntimeError(
                f"render: the session did not move past its deadline at {deadline} ms "
                f"(segment {session.current_segment_index()} of {len(timeline.segments)})"
            )
        now[0] = deadline
        position = session.position_ms()
        place(position, session.poll())
    placed.sort(key=lambda placement: placement.offset)  # stable: same-moment cues keep order
    return placed


@dataclass(frozen=True, slots=True)
class TrackPlan:
    """What a track holds, before any of it is mixed."""

    placed: list[tuple[int, array[int]]]  # (offset, samples) of each cue, in offset order
    length: int  # in samples: the routine's end, or the end of the last cue sounding there


def plan_track(
    timeline: Timeline,
    sounds: Mapping[Path, Sound],
    *,
    eyes_closed: bool = False,
    spoken: Sequence[tuple[int, Sound]] = (),
) -> TrackPlan:
    """Every cue of `timeline` with its samples, and how long the track must be.

    `sounds` holds each cue's sound by file, mono at 44.1 kHz (see `load_sounds`); a cue
    whose sound is missing there is left out. `spoken` holds the voice's phrases, each
    as (its moment in ms on the timeline, its sound), mono at 44.1 kHz too.
    """
    for sound in (*sounds.values(), *(phrase for _, phrase in spoken)):
        if sound.channels != 1 or sound.rate != RATE:
            raise ValueError("render needs mono 44.1 kHz cues")
    samples = {file: array("h", sound.frames) for file, sound in sounds.items()}
    placed = [
        (p.offset, samples[p.cue.sound.path])
        for p in placements(timeline, eyes_closed=eyes_closed)
        if p.cue.sound.path in samples
    ]
    if spoken:
        phrases = [(sample_at(at_ms), array("h", phrase.frames)) for at_ms, phrase in spoken]
        placed = duck_under(placed, phrases)
        placed.extend(phrases)
        placed.sort(key=lambda item: item[0])  # stable: the cues of a moment before its phrase
    # The end bells ring on after the practice ends: the track keeps them whole.
    end = sample_at(timeline.total_ms)
    return TrackPlan(placed, max([end, *(offset + len(cue) for offset, cue in placed)]))


def duck_under(
    cues: list[tuple[int, array[int]]], phrases: list[tuple[int, array[int]]]
) -> list[tuple[int, array[int]]]:
    """`cues` with their samples that sound while a phrase does lowered to the ducked
    level, going down from the phrase's first sample and up from its end over
    DUCK_RAMP_MS, as a live session ducks them (breathe.audio.mixer); the rest untouched."""
    spans: list[list[int]] = []  # where some phrase sounds: sorted, apart, in samples
    for start, end in sorted((offset, offset + len(samples)) for offset, samples in phrases):
        if spans and start <= spans[-1][1]:
            spans[-1][1] = max(spans[-1][1], end)
        else:
            spans.append([start, end])
    # Where the cues' level is lowered, each with the level it moves from: down through a
    # phrase, from the level at its start; up after it, until the next phrase or level 1.
    stretches: list[tuple[int, int, bool, float]] = []  # (start, end, speaking, from)
    level = 1.0
    for number, (start, end) in enumerate(spans):
        if stretches:
            level = ramp(level, False, start - stretches[-1][1])
        stretches.append((start, end, True, level))
        level = ramp(level, True, end - start)
        following = spans[number + 1][0] if number + 1 < len(spans) else end + DUCK_RAMP_FRAMES
        stretches.append((end, min(following, end + DUCK_RAMP_FRAMES), False, level))
    starts = [start for start, *_ in stretches]
    result = []
    for offset, samples in cues:
        end = offset + len(samples)
        index = max(0, bisect.bisect_right(starts, offset) - 1)
        lowered = None
        while index < len(stretches) and stretches[index][0] < end:
            first, last, speaking, level = stretches[index]
            index += 1
            if last <= offset:
                continue
            if lowered is None:
                lowered = array("h", samples)  # a cue's samples are shared by its placements
            for at in range(max(first, offset), min(last, end)):
                gain = ramp(level, speaking, at - first + 1)
                lowered[at - offset] = int(lowered[at - offset] * gain)
        result.append((offset, samples if lowered is None else lowered))
    return result


def render_track(
    timeline: Timeline,
    sounds: Mapping[Path, Sound],
    target: Path | BinaryIO,
    *,
    eyes_closed: bool = False,
    spoken: Sequence[tuple[int, Sound]] = (),
) -> int:
    """Write the cue track of `timeline` as a WAV to `target` (a path, or a binary file
    open for writing, left open); returns its length in samples. See `plan_track`."""
    plan = plan_track(timeline, sounds, eyes_closed=eyes_closed, spoken=spoken)
    placed, length = plan.placed, plan.length
    longest = max((len(cue) for _, cue in placed), default=0)
    first = 0  # placed[:first] ended before the current block (cues are in offset order)
    with wave.open(str(target) if isinstance(target, Path) else target, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        for block_start in range(0, length, RATE):
            block_end = min(length, block_start + RATE)
            while first < len(placed) and placed[first][0] + longest <= block_start:
                first += 1
            last = first
            while last < len(placed) and placed[last][0] < block_end:
                last += 1
            out.writeframes(_mix(block_start, block_end, placed[first:last]).tobytes())
    return length


def _mix(start: int, end: int, placed: list[tuple[int, array[int]]]) -> array[int]:
    """Samples `start`..`end` of the track: silence, with every cue sounding there added."""
    block = array("h", bytes(2 * (end - start)))
    written = False
    for offset, cue in placed:
        first, last = max(start, offset), min(end, offset + len(cue))
        if first >= last:
            continue
        piece = cue[first - offset : last - offset]
        if not written:  # the usual case: one cue at a time, copied as it is
            block[first - start : last - start] = piece
        else:
            for index, value in enumerate(piece, first - start):
                block[index] = max(-32768, min(32767, block[index] + value))
        written = True
    return block
