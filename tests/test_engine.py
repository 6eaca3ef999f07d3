"""The session engine on a fake clock: whole sessions in an instant, every command in
every state, and deadlines that never drift."""

from __future__ import annotations

import itertools
from fractions import Fraction

import pytest

from breathe.engine import (
    Paused,
    Resumed,
    SegmentStarted,
    Session,
    SessionEnded,
    SessionStarted,
    SessionState,
    StepStarted,
)
from breathe.format.loader import parse_routine
from breathe.timeline import SegmentKind, Timeline, compile_timeline, with_tempo


class FakeClock:
    """A monotonic clock that moves only when told."""

    def __init__(self, start: float = 1000.0) -> None:
        self.now = start

    def __call__(self) -> float:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += seconds


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
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def session(clock: FakeClock) -> Session:
    return Session(timeline_of(), clock)


def kinds_of(events: list[object]) -> list[str]:
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
    assert session.next_deadline() == clock.now + 5

    seen = list(events)
    while session.state is SessionState.RUNNING:
        deadline = session.next_deadline()
        assert deadline is not None
        clock.now = deadline
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
    assert deadlines == [start + ms / 1000 for ms in starts]
    assert isinstance(events[-1], SessionEnded)
    assert events[-1].practised_ms == 49_000  # ends at the deadline, not at the late poll


def test_no_drift_over_thousands_of_short_phases(clock: FakeClock) -> None:
    timeline = timeline_of(
        "title: t\nsteps:\n  - breathe: Fast\n    pattern: 0.5-0.5\n    cycles: 500\n"
    )
    session = Session(timeline, clock)
    start = clock.now
    session.start()
    late_polls = itertools.cycle([0.0, 0.003, 0.011, 0.0007])
    count = 1
    while session.state is SessionState.RUNNING:
        deadline = session.next_deadline()
        assert deadline is not None
        clock.now = deadline + next(late_polls)  # the driver wakes a little late, every time
        for event in session.poll():
            if isinstance(event, SegmentStarted):
                count += 1
                assert event.deadline == pytest.approx(
                    start + event.segment.start_ms / 1000, abs=1e-9
                )
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
    assert session.next_deadline() == start + 120 + 5
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
    events = session.next_step()  # past the last step: the end
    assert isinstance(events[-1], SessionEnded)
    assert events[-1].finished
    assert session.state is SessionState.FINISHED


def test_skipped_steps_are_not_completed(session: Session, clock: FakeClock) -> None:
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
    assert isinstance(events[-1], SessionEnded)
    assert other.state is SessionState.FINISHED


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
