"""A breath with a top-up plays as its own phase, exact to the millisecond, and sounds the
inhale's tone again: breathe in a little more."""

from __future__ import annotations

import textwrap

from breathe.audio.cues import cues_for
from breathe.core.engine import Session
from breathe.core.model import BreathPattern, Progression
from breathe.core.timeline import (
    BREATH_KINDS,
    SegmentKind,
    Timeline,
    compile_timeline,
    progression_total,
)
from breathe.format.loader import parse_routine
from tests.support.clock import FakeClock, to_next_deadline


def timeline_of(text: str) -> Timeline:
    routine = parse_routine(textwrap.dedent(text).lstrip("\n").encode(), "t.yaml", "t")
    return compile_timeline(routine)


def test_a_sigh_plays_inhale_top_up_exhale_in_exact_milliseconds() -> None:
    timeline = timeline_of("""
        title: Sigh
        steps:
          - breathe: Cyclic sighing
            pattern: 2.5+0.7-6.3
            cycles: 3
    """)
    assert [str(s.kind) for s in timeline.segments] == ["inhale", "top-up", "exhale"] * 3
    assert [s.duration_ms for s in timeline.segments] == [2500, 700, 6300] * 3
    assert [s.cycle for s in timeline.segments] == [1] * 3 + [2] * 3 + [3] * 3
    assert timeline.total_ms == 3 * 9500
    assert timeline.steps[0].pace == "2.5+0.7-6.3"
    assert SegmentKind.TOP_UP in BREATH_KINDS
    at = 0
    for segment in timeline.segments:
        assert segment.start_ms == at
        at = segment.end_ms
    assert at == timeline.total_ms


def test_the_top_up_comes_before_the_holds() -> None:
    timeline = timeline_of("""
        title: Sigh
        steps:
          - breathe: Hold at the top
            pattern: 3+1-2-6-1
            cycles: 1
    """)
    kinds = [str(s.kind) for s in timeline.segments]
    assert kinds == ["inhale", "top-up", "hold", "exhale", "hold-empty"]


def test_a_duration_counts_whole_sighs() -> None:
    timeline = timeline_of("""
        title: Sigh
        steps:
          - breathe: Five minutes
            pattern: 3+1-6
            duration: 5m
    """)
    assert timeline.total_ms == 30 * 10_000
    assert sum(s.kind is SegmentKind.TOP_UP for s in timeline.segments) == 30


def test_a_progression_moves_the_top_up_evenly_too() -> None:
    progression = Progression(
        BreathPattern(4000, 0, 6000, 0, 1000), BreathPattern(4000, 0, 9000, 0, 2000)
    )
    assert [progression.at(i, 3).top_up_ms for i in range(3)] == [1000, 1500, 2000]
    assert progression_total(progression, 3) == sum(progression.at(i, 3).cycle_ms for i in range(3))


def test_the_top_up_sounds_the_inhale_tone_again() -> None:
    timeline = timeline_of("""
        title: Sigh
        steps:
          - breathe: Sigh
            pattern: 2+1-5
            cycles: 2
    """)
    clock = FakeClock()
    session = Session(timeline, clock)
    heard = [cue.name for cue in cues_for(session.start(), timeline)]
    while to_next_deadline(session, clock):
        heard += [cue.name for cue in cues_for(session.poll(), timeline)]
    # The first inhale is announced by the start bells.
    assert heard == ["start", "inhale", "exhale", "inhale", "inhale", "exhale", "end"]
