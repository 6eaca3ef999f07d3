"""A session from step N: the timeline from that step's start, exact to the millisecond, and
the steps before it as left out."""

from __future__ import annotations

from pathlib import Path

import pytest

from breathe.core.engine import SkippedStep
from breathe.core.from_step import from_step, left_out
from breathe.core.timeline import Timeline, compile_timeline
from breathe.format.loader import parse_routine

ROUTINE = b"""\
title: Long
steps:
  - rest: Arrive
    duration: 30s
  - repeat: 2
    steps:
      - breathe: Slow
        pattern: 4-6
        cycles: 3
      - pose: Twist
        hold: 20s
        sides: both
  - rest: Close
    duration: 1m
"""


def timeline() -> Timeline:
    routine = parse_routine(ROUTINE, "long.yaml", "long", Path("long.yaml"))
    return compile_timeline(routine, lambda step, including: routine)


def test_from_step_n_is_the_rest_of_the_routine_moved_to_its_start() -> None:
    whole = timeline()
    fourth = whole.steps[3]
    later = from_step(whole, 4)
    assert later.total_ms == whole.total_ms - fourth.start_ms
    assert [step.title for step in later.steps] == [s.title for s in whole.steps[3:]]
    assert [step.index for step in later.steps] == list(range(len(whole.steps) - 3))
    assert later.steps[0].start_ms == 0 and later.segments[0].start_ms == 0
    for moved, original in zip(later.segments, whole.segments[fourth.first_segment :], strict=True):
        assert moved.start_ms == original.start_ms - fourth.start_ms
        assert moved.duration_ms == original.duration_ms
        assert later.steps[moved.step_index].title == original.step_title
    for step in later.steps:
        own = later.segments[step.first_segment : step.first_segment + step.segment_count]
        assert own[0].start_ms == step.start_ms and own[-1].end_ms == step.end_ms
    assert later.segments[-1].end_ms == later.total_ms


def test_step_one_is_the_whole_routine_and_no_step_is_outside() -> None:
    whole = timeline()
    assert from_step(whole, 1) is whole
    last = from_step(whole, len(whole.steps))
    assert [step.title for step in last.steps] == ["Close"] and last.total_ms == 60_000
    for number in (0, len(whole.steps) + 1):
        with pytest.raises(ValueError, match=f"step {number} is not one of 1 to 6"):
            from_step(whole, number)


def test_the_steps_before_are_left_out() -> None:
    assert left_out(timeline(), 3) == (SkippedStep(0, "Arrive"), SkippedStep(1, "Slow"))
    assert left_out(timeline(), 1) == ()
