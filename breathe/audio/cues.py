"""Which cue each moment of a session sounds: a pure function of the engine's events."""

from __future__ import annotations

from breathe.engine import Event, SegmentStarted, SessionEnded, SessionStarted, StepStarted
from breathe.timeline import SegmentKind

SEGMENT_CUES = {
    SegmentKind.INHALE: "inhale",
    SegmentKind.HOLD: "hold",
    SegmentKind.EXHALE: "exhale",
    SegmentKind.HOLD_EMPTY: "hold",
    SegmentKind.SWITCH: "switch",
}


def cues_for(events: list[Event]) -> list[str]:
    """The cues to sound for `events`, which happened at one moment.

    A new step rings the step bell instead of its first phase's cue (one sound at a time
    keeps it calm), except the very first step, which the session-start bells announce.
    """
    cues: list[str] = []
    starting = any(isinstance(event, SessionStarted) for event in events)
    new_step = False
    for event in events:
        if isinstance(event, SessionStarted):
            cues.append("start")
        elif isinstance(event, StepStarted):
            new_step = True
            if not starting:
                cues.append("step")
        elif isinstance(event, SegmentStarted):
            if not (new_step or starting):
                cue = SEGMENT_CUES.get(event.segment.kind)
                if cue:
                    cues.append(cue)
            new_step = False
        elif isinstance(event, SessionEnded) and event.finished:
            cues.append("end")
    return cues
