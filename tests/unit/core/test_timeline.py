"""The timeline: exact integer totals, rounding to whole breaths, progressions, sides, repeats."""

from __future__ import annotations

import dataclasses
from functools import partial
from operator import mul
from pathlib import Path

import pytest

from breathe.core.model import BreathPattern, Progression, Side
from breathe.core.problems import RoutineFileError
from breathe.core.timeline import SegmentKind, StepKind, Timeline, compile_timeline, cycles_for
from breathe.format.loader import load_routine, parse_routine
from breathe.library.catalog import Catalog
from tests.support.repo import BUNDLED_ROUTINES, WriteRoutine


def timeline_of(text: str) -> Timeline:
    routine = parse_routine(text.encode(), "t.yaml", "t")
    return compile_timeline(routine)


def kinds(timeline: Timeline) -> list[str]:
    return [str(segment.kind) for segment in timeline.segments]


def assert_contiguous(timeline: Timeline) -> None:
    at = 0
    for segment in timeline.segments:
        assert segment.start_ms == at
        assert segment.duration_ms > 0
        at = segment.end_ms
    assert at == timeline.total_ms
    for step in timeline.steps:
        own = timeline.segments[step.first_segment : step.first_segment + step.segment_count]
        assert own[0].start_ms == step.start_ms
        assert own[-1].end_ms == step.end_ms
        assert all(segment.step_index == step.index for segment in own)


def test_box_breathing_cycles_and_phases() -> None:
    timeline = timeline_of("""
title: Box
steps:
  - breathe: Box breathing
    pattern: 4-4-4-4
    cycles: 3
""")
    assert kinds(timeline) == ["inhale", "hold", "exhale", "hold-empty"] * 3
    assert [s.duration_ms for s in timeline.segments] == [4000] * 12
    assert [s.cycle for s in timeline.segments] == [1] * 4 + [2] * 4 + [3] * 4
    assert {s.cycles for s in timeline.segments} == {3}
    assert timeline.total_ms == 48_000
    assert_contiguous(timeline)


def test_zero_holds_are_no_phase() -> None:
    timeline = timeline_of("""
title: t
steps:
  - breathe: Even
    pattern: {inhale: 4, hold: 0, exhale: 6, hold-empty: 0}
    cycles: 2
""")
    assert kinds(timeline) == ["inhale", "exhale"] * 2


def test_fractional_seconds_are_exact_milliseconds() -> None:
    timeline = timeline_of("""
title: t
steps:
  - breathe: Quick
    pattern: 1.1-2.2
    cycles: 300
""")
    # 300 × 3.3 s in floats is 989.9999999999999; in milliseconds it is exactly 990,000.
    assert timeline.total_ms == 990_000
    assert timeline.segments[-1].end_ms == 990_000
    assert_contiguous(timeline)


@pytest.mark.parametrize(
    ("duration", "cycle_ms", "expected"),
    [
        ("60s", 10_000, 6),  # exact
        ("64s", 10_000, 6),  # nearer 6
        ("65s", 10_000, 7),  # a tie plays the longer
        ("66s", 10_000, 7),
        ("14s", 10_000, 1),
        ("15s", 19_000, 1),  # less than a cycle but more than half: one cycle
    ],
)
def test_duration_rounds_to_nearest_whole_cycle(
    duration: str, cycle_ms: int, expected: int
) -> None:
    half = cycle_ms // 2000
    timeline = timeline_of(f"""
title: t
steps:
  - breathe: Even
    pattern: {half}-{cycle_ms / 1000 - half}
    duration: {duration}
""")
    assert timeline.steps[0].duration_ms == expected * cycle_ms
    assert timeline.segments[-1].cycles == expected


def test_duration_shorter_than_half_a_cycle_is_an_error() -> None:
    routine = parse_routine(
        b"title: t\nsteps:\n  - breathe: Slow\n    pattern: 10-20\n    duration: 14s\n",
        "t.yaml",
        "t",
    )
    with pytest.raises(RoutineFileError) as caught:
        compile_timeline(routine)
    problem = caught.value.first
    # at the duration's value, the key that causes it
    assert (problem.line, problem.column, problem.key_path) == (5, 15, "steps[1].duration")
    assert "shorter than half a breath" in problem.message


@pytest.mark.parametrize("length", ["cycles: 1", "duration: 10s"])
def test_a_progression_of_one_breath_is_an_error(length: str) -> None:
    """One breath of a progression plays only `from`: the author meant it to change."""
    routine = parse_routine(
        f"title: t\nsteps:\n  - breathe: Grow\n    pattern: {{from: 4-4, to: 4-8}}\n"
        f"    {length}\n".encode(),
        "t.yaml",
        "t",
    )
    with pytest.raises(RoutineFileError) as caught:
        compile_timeline(routine)
    problem = caught.value.first
    key, column = length.split(":")[0], len(length.split(":")[0]) + 7
    # at the length that makes it one breath
    assert (problem.line, problem.column, problem.key_path) == (5, column, f"steps[1].{key}")
    assert "never reaches `to:`" in problem.message
    assert ("at least 2 cycles" if key == "cycles" else "20s (two breaths)") in (problem.hint or "")


def test_cycles_for_matches_a_brute_force_search() -> None:
    for cycle in (700, 1000, 3300, 10_000, 19_000):
        for duration in range(cycle // 2 + 1, 40 * cycle, 997):
            best = min(range(1, 200), key=lambda n: (abs(n * cycle - duration), -n))
            assert cycles_for(duration, partial(mul, cycle)) == best


def test_progression_runs_from_start_to_end_evenly() -> None:
    timeline = timeline_of("""
title: t
steps:
  - breathe: Lengthen
    pattern:
      from: 4-4
      to: 4-8
    cycles: 5
""")
    exhales = [s.duration_ms for s in timeline.segments if s.kind is SegmentKind.EXHALE]
    inhales = {s.duration_ms for s in timeline.segments if s.kind is SegmentKind.INHALE}
    assert exhales == [4000, 5000, 6000, 7000, 8000]
    assert inhales == {4000}
    assert timeline.total_ms == 5 * 4000 + sum(exhales)
    assert timeline.steps[0].pace == "4-4 → 4-8"


def test_progression_rounds_each_phase_to_the_millisecond() -> None:
    progression = Progression(BreathPattern(4000, 0, 4000, 0), BreathPattern(4000, 0, 5000, 0))
    exhales = [progression.at(i, 4).exhale_ms for i in range(4)]
    assert exhales == [4000, 4333, 4667, 5000]
    shrinking = Progression(BreathPattern(4000, 0, 5000, 0), BreathPattern(4000, 0, 4000, 0))
    assert [shrinking.at(i, 4).exhale_ms for i in range(4)] == [5000, 4667, 4333, 4000]
    assert progression.at(0, 1) == progression.start


def test_progression_with_duration_counts_real_cycle_lengths() -> None:
    timeline = timeline_of("""
title: t
steps:
  - breathe: Lengthen
    pattern: {from: 4-4, to: 4-8}
    duration: 3m
""")
    step = timeline.steps[0]
    cycles = timeline.segments[-1].cycles
    assert cycles == 18  # 18 cycles average 10 s: exactly 3 minutes
    assert step.duration_ms == 180_000


def test_pose_with_sides_has_two_holds_and_a_timed_switch() -> None:
    timeline = timeline_of("""
title: t
steps:
  - pose: Twist
    hold: 30s
    sides: both
    switch: 8s
""")
    assert [(str(s.kind), s.side, s.duration_ms) for s in timeline.segments] == [
        ("pose", Side.LEFT, 30_000),
        ("switch", Side.RIGHT, 8_000),
        ("pose", Side.RIGHT, 30_000),
    ]
    assert timeline.steps[0].kind is StepKind.POSE
    assert timeline.steps[0].sides == (Side.LEFT, Side.RIGHT)
    assert timeline.total_ms == 68_000


def test_pose_sides_in_the_given_order_and_default_switch() -> None:
    timeline = timeline_of("""
title: t
steps:
  - pose: Twist
    hold: 30s
    sides: [right, left]
""")
    assert [s.side for s in timeline.segments] == [Side.RIGHT, Side.LEFT, Side.LEFT]
    assert timeline.segments[1].duration_ms == 10_000


def test_pose_with_breathing_paces_whole_breaths_on_each_side() -> None:
    timeline = timeline_of("""
title: t
steps:
  - pose: Legs up the wall
    hold: 58s
    breathing: 4-6
  - pose: Twist
    hold: 30s
    sides: both
    breathing: 4-6
""")
    wall = [s for s in timeline.segments if s.step_index == 0]
    assert kinds(timeline)[:2] == ["inhale", "exhale"]
    assert len(wall) == 12 and wall[-1].cycles == 6  # 58 s is nearest 6 breaths of 10 s
    twist = [s for s in timeline.segments if s.step_index == 1]
    assert [s.side for s in twist if s.kind is SegmentKind.SWITCH] == [Side.RIGHT]
    assert sum(1 for s in twist if s.kind is SegmentKind.INHALE and s.side is Side.LEFT) == 3
    assert sum(1 for s in twist if s.kind is SegmentKind.INHALE and s.side is Side.RIGHT) == 3
    assert timeline.total_ms == 60_000 + 30_000 + 10_000 + 30_000
    assert_contiguous(timeline)


def test_rest_segment_carries_its_text() -> None:
    timeline = timeline_of("""
title: t
steps:
  - rest: Lie still
    duration: 1m30s
    instructions: Let the floor hold you.
""")
    (segment,) = timeline.segments
    assert segment.kind is SegmentKind.REST
    assert (segment.step_title, segment.duration_ms) == ("Lie still", 90_000)
    assert segment.instructions == "Let the floor hold you."


def test_repeat_blocks_nest_and_label_rounds() -> None:
    timeline = timeline_of("""
title: t
steps:
  - repeat: 2
    steps:
      - rest: Arms up
        duration: 5s
      - repeat: 3
        steps:
          - rest: Circle
            duration: 2s
""")
    titles = [step.title for step in timeline.steps]
    assert titles == ["Arms up", "Circle", "Circle", "Circle"] * 2
    assert timeline.steps[6].rounds == ((2, 2), (2, 3))
    assert timeline.total_ms == 2 * (5000 + 3 * 2000)
    assert [step.index for step in timeline.steps] == list(range(8))
    assert_contiguous(timeline)


def test_total_limit_is_checked_before_expanding(write_routine: WriteRoutine) -> None:
    # 100 × 100 × 100 × 30 minutes would be a billion segments if expanded first.
    path = write_routine(
        "huge",
        """
        title: Too long
        steps:
          - repeat: 100
            steps:
              - repeat: 100
                steps:
                  - repeat: 100
                    steps:
                      - rest: Wait
                        duration: 30m
        """,
    )
    with pytest.raises(RoutineFileError) as caught:
        compile_timeline(load_routine(path))
    problem = caught.value.first
    assert problem.key_path == "steps[1].repeat"  # the outermost count multiplies the most
    assert "over the limit of 3h" in problem.message


def test_exactly_three_hours_is_allowed() -> None:
    timeline = timeline_of("""
title: t
steps:
  - repeat: 6
    steps:
      - rest: Rest
        duration: 30m
""")
    assert timeline.total_ms == 3 * 3600 * 1000


def test_includes_play_in_place_and_loops_are_refused(
    write_routine: WriteRoutine, tmp_path: Path
) -> None:
    write_routine("warmup", "title: Warm up\nsteps:\n  - rest: Shake out\n    duration: 10s\n")
    main = write_routine(
        "main",
        "title: Main\nsteps:\n  - include: warmup\n"
        "  - rest: Still\n    duration: 5s\n  - include: warmup\n",
    )
    catalog = Catalog.load(tmp_path / "none", tmp_path / "none")
    timeline = compile_timeline(load_routine(main), catalog.resolve_include)
    assert [(step.title, step.routine) for step in timeline.steps] == [
        ("Shake out", "warmup"),
        ("Still", "main"),
        ("Shake out", "warmup"),
    ]
    assert timeline.total_ms == 25_000

    write_routine("a", "title: A\nsteps:\n  - include: b\n")
    write_routine("b", "title: B\nsteps:\n  - rest: x\n    duration: 5s\n  - include: a\n")
    with pytest.raises(RoutineFileError) as caught:
        compile_timeline(load_routine(tmp_path / "a.yaml"), catalog.resolve_include)
    problem = caught.value.first
    assert problem.path.endswith("b.yaml")
    assert (problem.line, problem.key_path) == (5, "steps[2].include")
    assert "a → b → a" in problem.message


def test_a_routine_including_itself_is_refused(write_routine: WriteRoutine, tmp_path: Path) -> None:
    path = write_routine("self", "title: Self\nsteps:\n  - include: self\n")
    catalog = Catalog.load(tmp_path / "none", tmp_path / "none")
    with pytest.raises(RoutineFileError, match="self → self"):
        compile_timeline(load_routine(path), catalog.resolve_include)


def test_timeline_is_immutable_and_deterministic() -> None:
    path = BUNDLED_ROUTINES / "extended-exhale.yaml"
    first = compile_timeline(load_routine(path))
    second = compile_timeline(load_routine(path))
    assert first == second
    assert isinstance(first.segments, tuple)
    with pytest.raises(dataclasses.FrozenInstanceError):
        first.segments[0].duration_ms = 1  # type: ignore[misc]


@pytest.mark.parametrize("path", sorted(BUNDLED_ROUTINES.glob("*.yaml")), ids=lambda p: p.stem)
def test_every_bundled_routine_compiles_to_a_contiguous_timeline(path: Path) -> None:
    catalog = Catalog.load(BUNDLED_ROUTINES, Path("/nonexistent"))
    timeline = catalog.timeline(catalog.find(path.stem))
    assert_contiguous(timeline)
    assert timeline.total_ms == sum(step.duration_ms for step in timeline.steps)


PROGRESSION = """
title: Slowing
steps:
  - breathe: Slowing down
    pattern:
      from: 4-4
      to: 6-6
    cycles: 5
"""


def test_a_breath_phase_counts_whole_seconds_from_its_start() -> None:
    """A progression makes phases like 4.5 s: the count shown falls on the soft count's
    whole seconds from the phase's start (4, 3, 2, 1, the last a little longer), and never
    shows a number one higher for the odd fraction at the start (issue 16 §12)."""
    timeline = timeline_of(PROGRESSION)
    odd = [s for s in timeline.segments if s.duration_ms % 1000]
    assert odd, "the progression makes phases of fractional seconds"
    for segment in odd:
        shown = [segment.count_at(at) for at in range(segment.start_ms, segment.end_ms, 50)]
        whole = segment.duration_ms // 1000
        assert shown[0] == whole and max(shown) == whole
        assert sorted(set(shown), reverse=True) == list(range(whole, 0, -1))
        changes = []
        at: int | None = segment.start_ms
        while at is not None:
            changes.append(at - segment.start_ms)
            at = segment.next_count_change(at)
        assert changes == [second * 1000 for second in range(whole)]


def test_a_pose_shows_the_seconds_left_rounded_up() -> None:
    timeline = timeline_of("title: P\nsteps:\n  - pose: Stand\n    hold: 5.5s\n")
    (segment,) = timeline.segments
    assert [segment.count_at(at) for at in (0, 499, 500, 4499, 4500, 5499)] == [6, 6, 5, 2, 1, 1]
    assert segment.next_count_change(0) == 500
    assert segment.next_count_change(4500) is None
