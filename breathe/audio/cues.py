"""Which cue each moment of a session sounds, and what it sounds like: a pure function of the
engine's events and the sounds the routine's author chose.

A cue's sound is the step's choice, else its routine's, else the bundled sound of the same
name; `start` and `end` are the played routine's. A cue chosen as `none` is left out.
With counting for closed eyes, long breath phases also tick softly at each whole second.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from breathe.core.bounds import COUNT_FROM_MS
from breathe.core.engine import Event, SegmentStarted, SessionEnded, SessionStarted, StepStarted
from breathe.core.model import CUE_NAMES, NO_SOUNDS, SoundChoice, Sounds, SoundSource
from breathe.core.timeline import BREATH_KINDS, Segment, SegmentKind, Timeline
from breathe.library.locations import bundled_dir

SEGMENT_CUES = {
    SegmentKind.INHALE: "inhale",
    SegmentKind.TOP_UP: "inhale",  # breathe in again: the same tone, a moment later
    SegmentKind.HOLD: "hold",
    SegmentKind.EXHALE: "exhale",
    SegmentKind.HOLD_EMPTY: "hold",
    SegmentKind.SWITCH: "switch",
}


@dataclass(frozen=True, slots=True)
class Cue:
    name: str  # one of CUE_NAMES
    sound: SoundChoice  # what plays: a bundled sound or the author's file, never `none`


@cache
def bundled_sound(name: str) -> SoundChoice:
    """The bundled sound of cue `name` (`sounds/NAME.wav`)."""
    return SoundChoice(SoundSource.BUNDLED, name, bundled_dir("sounds") / f"{name}.wav")


def playable(choice: SoundChoice) -> SoundChoice:
    """`choice` with the file that plays: a bundled sound named in a routine has none yet."""
    if choice.source is SoundSource.BUNDLED and choice.path is None:
        return bundled_sound(choice.written)
    return choice


def cue(name: str, sounds: Sounds) -> Cue | None:
    """Cue `name` as `sounds` has it (the bundled sound if it does not say); None if silenced."""
    choice = playable(sounds.get(name) or bundled_sound(name))
    return None if choice.source is SoundSource.NONE else Cue(name, choice)


def cues_for(events: list[Event], timeline: Timeline) -> list[Cue]:
    """The cues to sound for `events`, which happened at one moment of `timeline`.

    A new step rings the step bell instead of its first phase's cue (one sound at a time
    keeps it calm), except the very first step, which the session-start bells announce.
    """
    found: list[Cue | None] = []
    starting = any(isinstance(event, SessionStarted) for event in events)
    new_step = False
    for event in events:
        if isinstance(event, SessionStarted):
            found.append(cue("start", timeline.sounds))
        elif isinstance(event, StepStarted):
            new_step = True
            if not starting:
                found.append(cue("step", event.step.sounds))
        elif isinstance(event, SegmentStarted):
            if not (new_step or starting):
                name = SEGMENT_CUES.get(event.segment.kind)
                if name:
                    step = timeline.steps[event.segment.step_index]
                    found.append(cue(name, step.sounds))
            new_step = False
        elif isinstance(event, SessionEnded) and event.finished:
            found.append(cue("end", timeline.sounds))
    return [item for item in found if item is not None]


def boundary_cues(timeline: Timeline, index: int) -> list[Cue]:
    """The cues of the boundary where segment `index` starts (the end, past the last),
    reached by playing on from the segment before: what `cues_for` gives for the events
    the engine's poll() returns there, known before it is reached. Played to its end, a
    session is finished (its last step played whole), so the end rings its bell."""
    segments = timeline.segments
    events: list[Event] = []
    if index >= len(segments):
        events.append(SessionEnded(True, timeline.total_ms, 0, len(timeline.steps)))
    else:
        segment = segments[index]
        if index == 0 or segments[index - 1].step_index != segment.step_index:
            events.append(StepStarted(timeline.steps[segment.step_index], segment.start_ms))
        events.append(SegmentStarted(index, segment, segment.start_ms))
    return cues_for(events, timeline)


def count_offsets(segment: Segment) -> range:
    """Where, in timeline ms, the soft count ticks in `segment` with closed eyes.

    Each whole second after the start of a breath phase of at least COUNT_FROM_MS, and
    never on its boundaries (they have their own cues).
    """
    if segment.kind not in BREATH_KINDS or segment.duration_ms < COUNT_FROM_MS:
        return range(0)
    return range(segment.start_ms + 1000, segment.end_ms, 1000)


def count_cue(timeline: Timeline, segment: Segment) -> Cue | None:
    return cue("count", timeline.steps[segment.step_index].sounds)


def timeline_sounds(timeline: Timeline) -> set[SoundChoice]:
    """Every sound a session of `timeline` may play: what to load before it starts."""
    choices = {bundled_sound(name) for name in CUE_NAMES}
    for sounds in (timeline.sounds, *(step.sounds for step in timeline.steps)):
        choices.update(playable(choice) for _, choice in (sounds or NO_SOUNDS).chosen)
    return {choice for choice in choices if choice.source is not SoundSource.NONE}
