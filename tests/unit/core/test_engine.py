"""The session engine on a fake clock: whole sessions in an instant, every command in
every state, and deadlines that never drift."""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from fractions import Fraction
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from breathe.core.engine import (
    Event,
    Paused,
    Resumed,
    SegmentStarted,
    Session,
    SessionEnded,
    SessionStarted,
    SessionState,
    SkippedStep,
    StepStarted,
)
from breathe.core.timeline import SegmentKind, Timeline, compile_timeline, with_tempo
from breathe.format.loader import parse_routine
from breathe.library.catalog import Catalog
from tests.support.clock import FakeClock, to_next_deadline
from tests.support.repo import BUNDLED_ROUTINES

ROUTINE = """
title: Three steps
steps:
  - rest: Settle
    duration: 5s
  - breathe: Even
    pattern: 4-6
    cycles: 2
  - pose: Twist
    hold: 10s
    sides: both
    switch: 4s
"""
# Settle 0-5 s; Even 5-25 s (in 5-9, out 9-15, in 15-19, out 19-25); Twist 25-49 s.


def timeline_of(text: str = ROUTINE) -> Timeline:
    return compile_timeline(parse_routine(text.encode(), "t.yaml", "t"))


@pytest.fixture
def session(clock: FakeClock) -> Session:
    return Session(timeline_of(), clock)


def kinds_of(events: Sequence[Event]) -> list[str]:
    names = []
    for event in events:
        if isinstance(event, SegmentStarted):
            names.append(f"segment:{event.segment.kind}")
        elif isinstance(event, StepStarted):
            names.append(f"step:{event.step.title}")
        else:
            names.append(type(event).__name__)
    return names


def test_plays_a_whole_session_in_order(session: Session, clock: FakeClock) -> None:
    events = session.start()
    assert kinds_of(events) == ["SessionStarted", "step:Settle", "segment:rest"]
    assert session.state is SessionState.RUNNING
    assert session.next_deadline() == clock.now + 5000

    seen = list(events)
    while to_next_deadline(session, clock):
        seen.extend(session.poll())
    assert kinds_of(seen) == [
        "SessionStarted",
        "step:Settle",
        "segment:rest",
        "step:Even",
        "segment:inhale",
        "segment:exhale",
        "segment:inhale",
        "segment:exhale",
        "step:Twist",
        "segment:pose",
        "segment:switch",
        "segment:pose",
        "SessionEnded",
    ]
    ended = seen[-1]
    assert ended == SessionEnded(True, 49_000, 3, 3)
    assert session.state is SessionState.FINISHED
    assert session.position_ms() == 49_000
    assert session.remaining_ms() == 0


def test_segment_deadlines_come_from_the_origin(session: Session, clock: FakeClock) -> None:
    start = clock.now
    session.start()
    clock.advance(60)  # a very late poll still reports each boundary's own deadline
    events = session.poll()
    deadlines = [e.deadline for e in events if isinstance(e, SegmentStarted)]
    starts = [segment.start_ms for segment in session.timeline.segments[1:]]
    assert deadlines == [start + offset for offset in starts]  # exact: whole ms
    assert isinstance(events[-1], SessionEnded)
    assert events[-1].practised_ms == 49_000  # ends at the deadline, not at the late poll


def test_no_drift_over_thousands_of_short_phases(clock: FakeClock) -> None:
    timeline = timeline_of(
        "title: t\nsteps:\n  - breathe: Fast\n    pattern: 0.5-0.5\n    cycles: 500\n"
    )
    session = Session(timeline, clock)
    start = clock.now
    session.start()
    late_polls = itertools.cycle([0, 3, 11, 1])  # ms
    count = 1
    while session.state is SessionState.RUNNING:
        deadline = session.next_deadline()
        assert deadline is not None
        clock.now = deadline + next(late_polls)  # the driver wakes a little late, every time
        for event in session.poll():
            if isinstance(event, SegmentStarted):
                count += 1
                assert event.deadline == start + event.segment.start_ms
    assert count == 1000
    assert session.practised_ms() == 500_000


def test_segment_progress_and_position(session: Session, clock: FakeClock) -> None:
    session.start()
    clock.advance(5 + 2)  # half-way through the first inhale (5-9 s)
    session.poll()
    segment = session.current_segment()
    assert segment is not None and segment.kind is SegmentKind.INHALE
    assert session.segment_progress() == pytest.approx(0.5)
    assert session.position_ms() == 7000
    assert session.remaining_ms() == 42_000
    current = session.current_step()
    assert current is not None and current.title == "Even"


def test_pause_shifts_every_later_deadline(session: Session, clock: FakeClock) -> None:
    start = clock.now
    session.start()
    clock.advance(3)
    assert kinds_of(session.pause()) == ["Paused"]
    assert session.state is SessionState.PAUSED
    assert session.next_deadline() is None
    clock.advance(120)  # a long pause
    assert session.poll() == []
    assert session.position_ms() == 3000
    assert session.practised_ms() == 3000
    assert kinds_of(session.resume()) == ["Resumed"]
    assert session.next_deadline() == start + 120_000 + 5000
    clock.advance(2)
    assert kinds_of(session.poll()) == ["step:Even", "segment:inhale"]
    assert session.practised_ms() == 5000


def test_next_previous_restart(session: Session, clock: FakeClock) -> None:
    session.start()
    clock.advance(1)
    assert kinds_of(session.next_step()) == ["step:Even", "segment:inhale"]
    assert session.position_ms() == 5000
    clock.advance(6)  # into the exhale
    session.poll()
    assert kinds_of(session.restart_step()) == ["step:Even", "segment:inhale"]
    assert session.position_ms() == 5000
    assert kinds_of(session.previous_step()) == ["step:Settle", "segment:rest"]
    assert session.position_ms() == 0
    assert kinds_of(session.previous_step()) == [
        "step:Settle",
        "segment:rest",
    ]  # first step restarts
    session.next_step()
    session.next_step()
    current = session.current_step()
    assert current is not None and current.title == "Twist"
    events = session.next_step()  # past the last step: the end, but skipped through
    assert isinstance(events[-1], SessionEnded)
    assert not events[-1].finished
    assert session.state is SessionState.STOPPED


def test_a_step_skipped_on_the_way_is_named_and_the_rest_finishes(
    session: Session, clock: FakeClock
) -> None:
    """Leaving out a step that does not suit you today, and playing the rest to the end,
    is practising: finished, with the skipped step named and only the time played."""
    session.start()
    clock.advance(5)
    session.poll()  # Settle played fully
    clock.advance(3)
    session.next_step()  # Even cut short
    clock.advance(24)
    events = session.poll()
    ended = events[-1]
    assert isinstance(ended, SessionEnded)
    assert (ended.steps_completed, ended.steps_total) == (2, 3)
    assert ended.practised_ms == 32_000
    assert ended.finished and ended.skipped == (SkippedStep(1, "Even"),)
    assert session.state is SessionState.FINISHED


def test_stop_records_practice_time_without_pauses(session: Session, clock: FakeClock) -> None:
    session.start()
    clock.advance(10)
    session.pause()
    clock.advance(100)
    session.resume()
    clock.advance(2.5)
    events = session.stop()
    assert isinstance(events[-1], SessionEnded)
    assert events[-1] == SessionEnded(False, 12_500, 1, 3)
    assert session.state is SessionState.STOPPED
    assert session.position_ms() == 12_500


def test_commands_while_paused_move_without_playing(session: Session, clock: FakeClock) -> None:
    session.start()
    session.pause()
    assert kinds_of(session.next_step()) == ["step:Even", "segment:inhale"]
    assert session.state is SessionState.PAUSED
    clock.advance(30)
    assert session.position_ms() == 5000
    session.resume()
    clock.advance(4)
    assert kinds_of(session.poll()) == ["segment:exhale"]


def test_stop_while_paused_and_skip_to_end_while_paused(clock: FakeClock) -> None:
    session = Session(timeline_of(), clock)
    session.start()
    clock.advance(2)
    session.pause()
    clock.advance(50)
    ended = session.stop()
    assert ended == [SessionEnded(False, 2000, 0, 3)]

    other = Session(timeline_of(), clock)
    other.start()
    other.pause()
    other.next_step()
    other.next_step()
    events = other.next_step()
    assert events == [SessionEnded(False, 0, 0, 3)]  # skipped through: not finished
    assert other.state is SessionState.STOPPED
    assert other.position_ms() == 49_000


# -- how a session ends: finished once any step was completed, the others named as skipped --


def play_to_next_step(session: Session, clock: FakeClock) -> list[object]:
    """Let the current step play to its end (and the next begin)."""
    step = session.current_step()
    assert step is not None
    clock.advance_ms(step.start_ms + step.duration_ms - session.position_ms())  # to its end
    return list(session.poll())


def test_skipping_through_every_step_ends_stopped(session: Session, clock: FakeClock) -> None:
    """The review's case: `n` on every step, a few seconds apart."""
    session.start()
    events: list[object] = []
    for _ in range(3):
        clock.advance(2)
        events = list(session.next_step())
    assert events[-1] == SessionEnded(False, 6000, 0, 3)
    assert session.state is SessionState.STOPPED
    assert session.position_ms() == 49_000
    assert session.steps_completed() == 0
    assert session.next_step() == [] and session.stop() == []  # ended: nothing more


@pytest.mark.parametrize("paused", [False, True])
def test_cutting_the_last_step_short_finishes_with_it_skipped(
    session: Session, clock: FakeClock, paused: bool
) -> None:
    session.start()
    play_to_next_step(session, clock)  # Settle
    play_to_next_step(session, clock)  # Even; now in Twist
    clock.advance(3)
    if paused:
        session.pause()
        clock.advance(60)  # not practised
    events = session.next_step()
    assert events[-1] == SessionEnded(True, 28_000, 2, 3, (SkippedStep(2, "Twist"),))
    assert session.state is SessionState.FINISHED


def test_a_step_skipped_then_played_whole_after_going_back_counts(
    session: Session, clock: FakeClock
) -> None:
    session.start()
    clock.advance(1)
    session.next_step()  # Settle skipped
    play_to_next_step(session, clock)  # Even played whole
    assert session.steps_completed() == 1
    session.previous_step()  # back to Even (already completed, stays so)
    session.previous_step()  # back to Settle
    play_to_next_step(session, clock)  # Settle played whole this time
    assert session.steps_completed() == 2
    session.next_step()  # Even skipped (still completed before), into Twist
    events = session.next_step()  # Twist cut short
    ended = events[-1]
    assert isinstance(ended, SessionEnded)
    assert (ended.finished, ended.steps_completed) == (True, 2)
    assert ended.skipped == (SkippedStep(2, "Twist"),)  # Even was played whole once


def test_a_restarted_step_counts_once_it_plays_whole(session: Session, clock: FakeClock) -> None:
    session.start()
    clock.advance(3)
    session.restart_step()  # Settle from its start again
    assert session.steps_completed() == 0
    play_to_next_step(session, clock)
    assert session.steps_completed() == 1
    clock.advance(2)
    session.restart_step()  # Even cut short, then restarted
    play_to_next_step(session, clock)
    clock.advance(100)
    events = session.poll()
    assert events[-1] == SessionEnded(True, 54_000, 3, 3)


def test_a_command_after_a_boundary_not_yet_polled_reports_what_came_due(
    session: Session, clock: FakeClock
) -> None:
    """A key pressed a moment after a boundary, before the driver's timer polled: the
    command acts where the session really is, and loses none of the events."""
    session.start()
    clock.advance(5.5)  # Settle played whole 0.5 s ago
    assert kinds_of(session.next_step()) == [
        "step:Even",
        "segment:inhale",
        "step:Twist",
        "segment:pose",
    ]
    assert session.steps_completed() == 1
    clock.advance(24)  # the end came, unpolled: `n` now only reports it
    events = session.next_step()
    assert kinds_of(events) == ["segment:switch", "segment:pose", "SessionEnded"]
    assert events[-1] == SessionEnded(True, 29_500, 2, 3, (SkippedStep(1, "Even"),))


ONE_STEP = "title: One\nsteps:\n  - rest: Only\n    duration: 10s\n"


def test_a_one_step_routine_cut_short_is_stopped_and_played_whole_finished(
    clock: FakeClock,
) -> None:
    cut = Session(timeline_of(ONE_STEP), clock)
    cut.start()
    clock.advance(4)
    assert cut.next_step() == [SessionEnded(False, 4000, 0, 1)]
    whole = Session(timeline_of(ONE_STEP), clock)
    whole.start()
    clock.advance(10)
    assert whole.poll()[-1] == SessionEnded(True, 10_000, 1, 1)


MOVES = ["next_step", "previous_step", "restart_step", "toggle_pause"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(MOVES), st.integers(0, 30_000)), max_size=12))
def test_played_to_the_end_it_finishes_with_what_was_skipped_named(
    moves: list[tuple[str, int]],
) -> None:
    """Whatever is pressed, whenever, played on to the end: finished exactly when a step
    was completed, and then every step is either completed or named as skipped; a stopped
    one names none; one never skipped finishes with all of them; and the count is the
    same in the end event as in the session."""
    clock = FakeClock()
    session = Session(timeline_of(), clock)
    events = list(session.start())
    for command, milliseconds in moves:
        clock.advance_ms(milliseconds)
        events.extend(getattr(session, command)())
    session.resume()
    clock.advance(100)  # whatever is left plays to the end
    events.extend(session.poll())
    (ended,) = [event for event in events if isinstance(event, SessionEnded)]
    assert ended.steps_completed == session.steps_completed() <= 3
    assert ended.finished == (ended.steps_completed >= 1)
    if ended.finished:
        assert len(ended.skipped) == 3 - ended.steps_completed
        assert [step.index for step in ended.skipped] == sorted(
            {step.index for step in ended.skipped}
        )
    else:
        assert ended.skipped == ()
    if all(command == "toggle_pause" for command, _ in moves):
        assert (ended.finished, ended.steps_completed, ended.skipped) == (True, 3, ())


COMMANDS = [
    "start",
    "poll",
    "pause",
    "resume",
    "toggle_pause",
    "next_step",
    "previous_step",
    "restart_step",
    "stop",
]


def session_in(state: SessionState, clock: FakeClock) -> Session:
    session = Session(timeline_of(), clock)
    if state is SessionState.READY:
        return session
    session.start()
    clock.advance(1)
    if state is SessionState.PAUSED:
        session.pause()
    elif state is SessionState.FINISHED:
        clock.advance(100)
        session.poll()
    elif state is SessionState.STOPPED:
        session.stop()
    assert session.state is state
    return session


EXPECTED_STATE = {
    # (state, command): state after; every pair is listed, so a new state or command fails.
    (SessionState.READY, "start"): SessionState.RUNNING,
    (SessionState.RUNNING, "pause"): SessionState.PAUSED,
    (SessionState.RUNNING, "toggle_pause"): SessionState.PAUSED,
    (SessionState.PAUSED, "resume"): SessionState.RUNNING,
    (SessionState.PAUSED, "toggle_pause"): SessionState.RUNNING,
    (SessionState.RUNNING, "stop"): SessionState.STOPPED,
    (SessionState.PAUSED, "stop"): SessionState.STOPPED,
    (SessionState.READY, "stop"): SessionState.STOPPED,
}


@pytest.mark.parametrize(("state", "command"), list(itertools.product(SessionState, COMMANDS)))
def test_every_command_in_every_state(state: SessionState, command: str, clock: FakeClock) -> None:
    session = session_in(state, clock)
    events = getattr(session, command)()
    expected = EXPECTED_STATE.get((state, command), state)
    assert session.state is expected
    if state in (SessionState.FINISHED, SessionState.STOPPED):
        assert events == []  # an ended session ignores everything
    if state is SessionState.READY and command not in ("start", "stop"):
        assert events == []
        assert session.position_ms() == 0
    if expected is SessionState.PAUSED and state is SessionState.RUNNING:
        assert isinstance(events[-1], Paused)
    if expected is SessionState.RUNNING and state is SessionState.PAUSED:
        assert isinstance(events[0], Resumed)
    if expected is SessionState.RUNNING and state is SessionState.READY:
        assert isinstance(events[0], SessionStarted)


def test_tempo_scales_breathing_not_poses_or_rests(clock: FakeClock) -> None:
    timeline = timeline_of()
    faster = with_tempo(timeline, Fraction(2))
    assert [s.duration_ms for s in faster.steps] == [5000, 10_000, 24_000]
    slower = with_tempo(timeline, Fraction(1, 2), poses=True)
    assert [s.duration_ms for s in slower.steps] == [5000, 40_000, 48_000]
    assert with_tempo(timeline, Fraction(1)) is timeline
    with pytest.raises(ValueError, match="tempo"):
        with_tempo(timeline, Fraction(3))
    session = Session(faster, clock)
    session.start()
    clock.advance(100)
    events = session.poll()
    assert isinstance(events[-1], SessionEnded)
    assert events[-1].practised_ms == 39_000


def test_a_clock_set_to_each_deadline_is_at_that_boundary(tmp_path: Path) -> None:
    """Every bundled routine at every tempo from 0.5 to 2 in steps of 0.05 (as --tempo
    parses it), with pauses of odd lengths on the way: a clock set to the next deadline
    is exactly at the boundary, whose segment `poll()` then enters. (On a float clock in
    seconds, 123 of the 434 pairs of the first 14 routines had a deadline `poll()` never
    reached.)"""
    catalog = Catalog.load(BUNDLED_ROUTINES, tmp_path)
    tempos = [Fraction(hundredths, 100) for hundredths in range(50, 201, 5)]
    assert len(tempos) == 31 and len(catalog.entries) >= 14  # the library only grows
    for name, entry in sorted(catalog.entries.items()):
        for tempo in tempos:
            timeline = with_tempo(catalog.timeline(entry), tempo)
            clock = FakeClock(987_654_321)
            session = Session(timeline, clock)
            session.start()
            for index, segment in enumerate(timeline.segments[1:], 1):
                if index % 7 == 0:  # a pause moves every later deadline
                    session.pause()
                    clock.advance_ms(1234 + index)
                    session.resume()
                assert to_next_deadline(session, clock)
                started = [event for event in session.poll() if isinstance(event, SegmentStarted)]
                where = f"{name} at tempo {tempo}, segment {index}"
                assert [(event.index, event.deadline) for event in started] == [
                    (index, clock.now)
                ], where
                assert session.position_ms() == segment.start_ms, where
            assert to_next_deadline(session, clock)
            steps = len(timeline.steps)
            assert session.poll() == [SessionEnded(True, timeline.total_ms, steps, steps)]
            assert session.next_deadline() is None
