"""A session from step N on, to try the end of a long routine (`breathe play FILE
--from-step N`, or a step chosen on the routine's page): an exact transform of the timeline.

Steps are numbered from 1, as the routine's page and `breathe show` number them. The
timeline from step N starts at that step's start: its steps and segments are the same,
moved earlier by the start of step N, in whole milliseconds, so every boundary after it is
where it was, less that offset. The steps before it are what the history records as left
out (`left_out`), so a session started late never passes for the whole routine.
"""

from __future__ import annotations

from dataclasses import replace

from breathe.core.engine import SkippedStep
from breathe.core.timeline import Timeline


def step_range(timeline: Timeline) -> str:
    """`1 to 5`: the step numbers a session can start from."""
    return f"1 to {len(timeline.steps)}"


def from_step(timeline: Timeline, number: int) -> Timeline:
    """`timeline` from its step `number` (1-based) on; the whole of it from step 1.

    Raises ValueError for a number that names no step."""
    if not 1 <= number <= len(timeline.steps):
        raise ValueError(f"step {number} is not one of {step_range(timeline)}")
    if number == 1:
        return timeline
    first = timeline.steps[number - 1]
    moved_ms, before, segments_before = first.start_ms, number - 1, first.first_segment
    steps = tuple(
        replace(
            step,
            index=step.index - before,
            start_ms=step.start_ms - moved_ms,
            first_segment=step.first_segment - segments_before,
        )
        for step in timeline.steps[before:]
    )
    segments = tuple(
        replace(
            segment, start_ms=segment.start_ms - moved_ms, step_index=segment.step_index - before
        )
        for segment in timeline.segments[segments_before:]
    )
    return replace(
        timeline,
        steps=steps,
        segments=segments,
        total_ms=timeline.total_ms - moved_ms,
        steps_before=timeline.steps_before + before,
    )


def left_out(timeline: Timeline, number: int) -> tuple[SkippedStep, ...]:
    """The steps before step `number` of `timeline`, as a session from it leaves them out."""
    return tuple(SkippedStep(step.index, step.title) for step in timeline.steps[: number - 1])
