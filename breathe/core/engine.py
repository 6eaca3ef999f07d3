"""The session engine: plays a timeline against a clock, without drift.

Every boundary is a deadline computed from one origin (the monotonic time at which the
timeline's offset 0 was, or would have been, played): `origin + segment.start_ms`.
Pausing, skipping and restarting move the origin; nothing ever sums sleeps, so after a
30-minute session the last boundary is as exact as the first.

The clock counts whole milliseconds, as the timeline does, so all of this is integer
arithmetic and exact: a clock set to `next_deadline()` is exactly at that boundary and
`poll()` enters the segment starting there. (On a float clock in seconds it was not:
`(origin + 256.143 - origin) * 1000` is 256142.99999999997, and a driver that stepped its
clock to each deadline waited forever for the segment to begin.)

The engine does no waiting itself. A driver (the app's timer, a test's fake clock) calls
`poll()` whenever it likes (ideally at `next_deadline()`) and gets back, in order, every
event whose time has come. Commands return their events the same way.

How a session ends, honestly:
- `stop()` ends it as stopped, wherever it is.
- Reaching the end (played to it, or skipped past the last step with `next_step()`) ends
  it as finished if at least one step was completed, that is played from its start to its
  end without a skip. The steps that were not are reported as skipped
  (`SessionEnded.skipped`): leaving out a pose that does not suit you today (glaucoma and
  legs up the wall; "skip any part that does not suit you" in a routine's own words) is
  following the advice, not failing the practice, and is never recorded as a stop. The
  time practised is what was really played.
- Reaching the end with no step completed (skipping through the whole routine, or a
  one-step routine cut short) ends it as stopped: nothing was practised whole.
- Going back with `previous_step()` and playing a skipped step through completes it
  after all.
A step counts as completed only if it played whole; a skipped, cut-short or restarted step
is not completed until it plays whole. `SessionEnded.finished` and `.skipped`, and so the
summary, the history row and a program's days done, all follow this rule.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum

from breathe.core.timeline import Segment, Timeline, TimelineStep

Clock = Callable[[], int]
"""Whole milliseconds on a monotonic scale: `monotonic_ms` in real use, a fake in tests."""


def monotonic_ms() -> int:
    """The real clock: `time.monotonic` (CLOCK_MONOTONIC on Linux) in whole milliseconds."""
    return time.monotonic_ns() // 1_000_000


class SessionState(StrEnum):
    READY = "ready"
    RUNNING = "running"
    PAUSED = "paused"
    FINISHED = "finished"
    STOPPED = "stopped"


@dataclass(frozen=True, slots=True)
class SessionStarted:
    at: int  # clock time (ms)


@dataclass(frozen=True, slots=True)
class StepStarted:
    step: TimelineStep
    deadline: int  # when it was due, on the clock's scale (ms)


@dataclass(frozen=True, slots=True)
class SegmentStarted:
    index: int
    segment: Segment
    deadline: int  # when it was due (ms); `clock() - deadline` is how late it is announced


@dataclass(frozen=True, slots=True)
class Paused:
    at_ms: int  # timeline position


@dataclass(frozen=True, slots=True)
class Resumed:
    at_ms: int


@dataclass(frozen=True, slots=True)
class SkippedStep:
    """A step a finished session left out or cut short, by its place and its title (a
    title may come back, in a repeat or an include; the index tells them apart)."""

    index: int  # 0-based, as TimelineStep.index
    title: str


@dataclass(frozen=True, slots=True)
class SessionEnded:
    """The session is over: `finished` (its end reached with at least one step completed;
    see the module docstring) or stopped. A finished session names the steps it skipped;
    a stopped one names none."""

    finished: bool
    practised_ms: int  # time spent practising, pauses excluded
    steps_completed: int
    steps_total: int  # the steps played or to be played (from step N on: not those before)
    skipped: tuple[SkippedStep, ...] = ()
    steps_before: int = 0  # the routine's steps before the first played, left out

    @property
    def routine_steps(self) -> int:
        """How many steps the routine has, those left out before the first included."""
        return self.steps_before + self.steps_total


Event = SessionStarted | StepStarted | SegmentStarted | Paused | Resumed | SessionEnded


class Session:
    """One playing of a timeline. Commands that do not apply in a state do nothing."""

    def __init__(self, timeline: Timeline, clock: Clock = monotonic_ms) -> None:
        self.timeline = timeline
        self.clock = clock
        self.state = SessionState.READY
        self._origin = 0  # clock time of timeline offset 0 (while running)
        self._held_ms = 0  # timeline position while paused or ready
        self._next_segment = 0  # first segment whose start has not been announced
        self._current_step = -1
        self._completed: set[int] = set()
        self._step_intact = False  # the current step has played from its start, unskipped
        self._practised_ms = 0  # practice time before the current running stretch
        self._running_since = 0
        self._ended_ms = 0

    # -- queries --

    @property
    def total_ms(self) -> int:
        return self.timeline.total_ms

    def position_ms(self) -> int:
        """Where in the timeline the session is now, in whole milliseconds."""
        if self.state is SessionState.RUNNING:
            return min(self.total_ms, max(0, self.clock() - self._origin))
        if self.state in (SessionState.FINISHED, SessionState.STOPPED):
            return self._ended_ms
        return self._held_ms

    def current_segment_index(self) -> int | None:
        return self._next_segment - 1 if self._next_segment > 0 else None

    def current_segment(self) -> Segment | None:
        index = self.current_segment_index()
        return self.timeline.segments[index] if index is not None else None

    def current_step(self) -> TimelineStep | None:
        return self.timeline.steps[self._current_step] if self._current_step >= 0 else None

    def segment_progress(self) -> float:
        """How far through the current segment, from 0 to 1 (exact, not frame-based)."""
        segment = self.current_segment()
        if segment is None:
            return 0.0
        if self.state is SessionState.RUNNING:
            done = self.clock() - self._origin - segment.start_ms
        else:
            done = self.position_ms() - segment.start_ms
        return min(1.0, max(0.0, done / segment.duration_ms))

    def practised_ms(self) -> int:
        """Time spent practising so far, pauses excluded."""
        practised = self._practised_ms
        if self.state is SessionState.RUNNING:
            practised += self.clock() - self._running_since
        return practised

    def remaining_ms(self) -> int:
        return self.total_ms - self.position_ms()

    def steps_completed(self) -> int:
        return len(self._completed)

    def next_deadline(self) -> int | None:
        """Clock time of the next boundary (segment start or the end), while running: a
        clock at this time has reached it, and `poll()` then announces it."""
        if self.state is not SessionState.RUNNING:
            return None
        segments = self.timeline.segments
        if self._next_segment < len(segments):
            return self._deadline(segments[self._next_segment].start_ms)
        return self._deadline(self.total_ms)

    # -- commands --

    def start(self) -> list[Event]:
        if self.state is not SessionState.READY:
            return []
        now = self._run()
        return [SessionStarted(now), *self.poll()]

    def _run(self) -> int:
        """Run on from the held position (0 at the start): it is now at that position."""
        now = self.clock()
        self.state = SessionState.RUNNING
        self._origin = now - self._held_ms
        self._running_since = now
        return now

    def poll(self) -> list[Event]:
        """Every event due by now, in order; ends the session at the end of the timeline."""
        if self.state is not SessionState.RUNNING:
            return []
        now = self.clock()
        position = now - self._origin
        events: list[Event] = []
        segments = self.timeline.segments
        while self._next_segment < len(segments):
            segment = segments[self._next_segment]
            if segment.start_ms > position:
                break
            events.extend(self._enter(self._next_segment))
        if position >= self.total_ms:
            self._complete_current_step()
            events.append(self._end(finished=self._earned(), at=self._deadline(self.total_ms)))
        return events

    def pause(self) -> list[Event]:
        if self.state is not SessionState.RUNNING:
            return []
        events = self.poll()
        if events and isinstance(events[-1], SessionEnded):  # it ended while we looked
            return events
        now = self.clock()
        self._held_ms = self.position_ms()
        self._practised_ms += now - self._running_since
        self.state = SessionState.PAUSED
        return [*events, Paused(self._held_ms)]

    def resume(self) -> list[Event]:
        if self.state is not SessionState.PAUSED:
            return []
        self._run()
        return [Resumed(self._held_ms), *self.poll()]

    def toggle_pause(self) -> list[Event]:
        return self.resume() if self.state is SessionState.PAUSED else self.pause()

    def next_step(self) -> list[Event]:
        """Skip to the next step; on the last step, skip to the end (finished if any step
        was completed, with the others skipped)."""
        due = self._catch_up()
        if not self._can_move():
            return due
        target = self._current_step + 1
        if target >= len(self.timeline.steps):
            return [*due, *self._jump_to_ms(self.total_ms)]
        return [*due, *self._jump_to_step(target)]

    def previous_step(self) -> list[Event]:
        """Go back to the step before (the first step restarts)."""
        due = self._catch_up()
        if not self._can_move():
            return due
        return [*due, *self._jump_to_step(max(0, self._current_step - 1))]

    def restart_step(self) -> list[Event]:
        due = self._catch_up()
        if not self._can_move():
            return due
        return [*due, *self._jump_to_step(max(0, self._current_step))]

    def change_timeline(self, timeline: Timeline) -> list[Event]:
        """Play `timeline` from now on (a tempo changed mid-session): it must be the same
        as the one playing up to the end of the current segment (breathe.core.reshape
        makes such a one), so every deadline already reached stays where it was and the
        origin does not move; the boundaries to come are the new timeline's. Returns what
        came due before the change, as any command does."""
        due = self._catch_up()
        if self.state in (SessionState.FINISHED, SessionState.STOPPED):
            return due
        kept = self.timeline.segments[: self._next_segment]
        if timeline.segments[: self._next_segment] != kept or len(timeline.steps) != len(
            self.timeline.steps
        ):
            raise ValueError("the new timeline changes what has already been played")
        self.timeline = timeline
        return due

    def stop(self) -> list[Event]:
        if self.state in (SessionState.FINISHED, SessionState.STOPPED):
            return []
        events = self.poll()
        if events and isinstance(events[-1], SessionEnded):  # it finished while we looked
            return events
        return [*events, self._end(finished=False, at=self.clock())]

    # -- inner workings --

    def _deadline(self, offset_ms: int) -> int:
        return self._origin + offset_ms

    def _catch_up(self) -> list[Event]:
        """What came due before a command, so that the command acts where the session
        really is (a step that has just played whole is completed, an end reached is
        reported) and none of it is lost to the caller."""
        return self.poll() if self.state is SessionState.RUNNING else []

    def _can_move(self) -> bool:
        return self.state in (SessionState.RUNNING, SessionState.PAUSED) and (
            self._current_step >= 0
        )

    def _enter(self, index: int) -> list[Event]:
        segment = self.timeline.segments[index]
        self._next_segment = index + 1
        events: list[Event] = []
        if segment.step_index != self._current_step:
            self._complete_current_step()
            self._current_step = segment.step_index
            self._step_intact = True
            step = self.timeline.steps[segment.step_index]
            events.append(StepStarted(step, self._deadline(step.start_ms)))
        events.append(SegmentStarted(index, segment, self._deadline(segment.start_ms)))
        return events

    def _complete_current_step(self) -> None:
        """Count the current step as done if it played from its start to its end."""
        if self._current_step >= 0 and self._step_intact:
            self._completed.add(self._current_step)

    def _earned(self) -> bool:
        """Whether the end, reached now, counts as finished: at least one step completed
        (see the module docstring)."""
        return bool(self._completed)

    def _skipped(self) -> tuple[SkippedStep, ...]:
        """The steps not completed, in order."""
        return tuple(
            SkippedStep(index, step.title)
            for index, step in enumerate(self.timeline.steps)
            if index not in self._completed
        )

    def _jump_to_step(self, step_index: int) -> list[Event]:
        step = self.timeline.steps[step_index]
        self._step_intact = False  # the step being left was cut short
        self._current_step = -1  # so the target (even the same step) starts afresh
        self._set_position(step.start_ms)
        self._next_segment = step.first_segment
        if self.state is SessionState.RUNNING:
            return self.poll()
        return self._enter(step.first_segment)

    def _jump_to_ms(self, offset_ms: int) -> list[Event]:
        self._step_intact = False
        self._set_position(offset_ms)
        self._next_segment = len(self.timeline.segments)
        if self.state is SessionState.RUNNING:
            return self.poll()
        return [self._end(finished=self._earned(), at=self.clock())]

    def _set_position(self, offset_ms: int) -> None:
        if self.state is SessionState.RUNNING:
            self._origin = self.clock() - offset_ms
        else:
            self._held_ms = offset_ms

    def _end(self, *, finished: bool, at: int) -> SessionEnded:
        if self.state is SessionState.RUNNING:
            self._practised_ms += max(0, at - self._running_since)
            self._ended_ms = min(self.total_ms, max(0, at - self._origin))
        else:
            self._ended_ms = self._held_ms
        self.state = SessionState.FINISHED if finished else SessionState.STOPPED
        return SessionEnded(
            finished,
            self.practised_ms(),
            self.steps_completed(),
            len(self.timeline.steps),
            self._skipped() if finished else (),
            self.timeline.steps_before,
        )
