"""Compile a routine into a flat, immutable timeline of timed segments.

Everything is whole milliseconds, so the total is exact and the same on every run.

Rules the documentation states (docs/routines.md):
- A breathing step with `duration` plays the whole number of cycles whose total is nearest
  to it (a tie plays the longer), and at least one; a duration shorter than half a cycle is
  an error. A progression counts its cycles the same way, with their real lengths.
- A pose with `breathing` rounds its hold to whole breaths by the same rule.
- Includes are resolved by the caller's resolver; a routine that includes itself, directly
  or through others, is an error at the include that closes the loop.
- The whole routine may last at most MAX_TOTAL_MS; this is checked by arithmetic before any
  segment is made, so a `repeat` of a `repeat` cannot exhaust memory.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from fractions import Fraction

from breathe.core.bounds import MAX_TEMPO, MIN_TEMPO
from breathe.core.durations import format_duration
from breathe.core.model import (
    NO_SOUNDS,
    BreathingStep,
    BreathPattern,
    IncludeStep,
    PoseStep,
    Progression,
    RepeatBlock,
    RestStep,
    Routine,
    Say,
    SayKind,
    Side,
    Sounds,
    Step,
    TimedStep,
    key_location,
)
from breathe.core.overlong import cause_of_overlong
from breathe.core.problems import Location, Problem, RoutineFileError

# The longest a whole routine may last: three hours, in milliseconds.
MAX_TOTAL_MS = 3 * 60 * 60 * 1000


class SegmentKind(StrEnum):
    INHALE = "inhale"
    TOP_UP = "top-up"  # a short second inhale on top of a full one
    HOLD = "hold"
    EXHALE = "exhale"
    HOLD_EMPTY = "hold-empty"
    POSE = "pose"
    SWITCH = "switch"
    REST = "rest"


BREATH_KINDS = frozenset(
    {
        SegmentKind.INHALE,
        SegmentKind.TOP_UP,
        SegmentKind.HOLD,
        SegmentKind.EXHALE,
        SegmentKind.HOLD_EMPTY,
    }
)


class StepKind(StrEnum):
    BREATHING = "breathing"
    POSE = "pose"
    REST = "rest"


@dataclass(frozen=True, slots=True)
class Segment:
    """A stretch of time with one thing to do: breathe in, hold a pose, switch sides..."""

    kind: SegmentKind
    start_ms: int
    duration_ms: int
    step_index: int
    step_title: str
    side: Side | None
    cycle: int | None  # 1-based breath number within the step (per side for poses)
    cycles: int | None
    instructions: str

    @property
    def end_ms(self) -> int:
        return self.start_ms + self.duration_ms

    @property
    def is_breath(self) -> bool:
        return self.kind in BREATH_KINDS

    def count_at(self, position_ms: int) -> int:
        """The number shown at `position_ms` (timeline ms, inside this segment).

        A breath phase counts down whole seconds from its start, where the soft count
        ticks (a phase of 4.235 s, as progressions make, shows 4, 3, 2, 1, the last a
        little longer, never a 5 for 0.235 s); a pose or a rest shows the seconds left,
        rounded up, as a clock does."""
        if self.kind in BREATH_KINDS:
            return max(1, self.duration_ms // 1000 - (position_ms - self.start_ms) // 1000)
        return -(-(self.end_ms - position_ms) // 1000)

    def next_count_change(self, position_ms: int) -> int | None:
        """When `count_at` next shows another number (timeline ms), if before the end."""
        if self.kind in BREATH_KINDS:
            at = self.start_ms + ((position_ms - self.start_ms) // 1000 + 1) * 1000
            changes = at < self.end_ms and self.count_at(at) != self.count_at(position_ms)
            return at if changes else None
        left_ms = self.end_ms - position_ms
        at = position_ms + left_ms - (-(-left_ms // 1000) - 1) * 1000
        return at if at < self.end_ms else None


@dataclass(frozen=True, slots=True)
class TimelineStep:
    """One step as played: where it starts, how long, which segments are its own."""

    index: int
    kind: StepKind
    title: str
    start_ms: int
    duration_ms: int
    first_segment: int
    segment_count: int
    instructions: str
    pace: str  # "4-6", "4-4 → 4-8", or "" without breath pacing
    sides: tuple[Side, ...]
    rounds: tuple[tuple[int, int], ...]  # (round, of) for each enclosing repeat, outermost first
    routine: str  # the routine the step comes from (differs inside includes)
    sounds: Sounds = NO_SOUNDS  # the step's cue sounds, over its own routine's
    say: Say | None = None  # what the voice says at its start; None: title and instructions
    # Where the step is written, and where what the voice says at its start is (its `say:`,
    # else its `instructions:`, else the step): for warnings about the voice.
    location: Location | None = field(default=None, compare=False)
    voice_location: Location | None = field(default=None, compare=False)

    @property
    def end_ms(self) -> int:
        return self.start_ms + self.duration_ms


@dataclass(frozen=True, slots=True)
class Timeline:
    routine_name: str
    title: str
    steps: tuple[TimelineStep, ...]
    segments: tuple[Segment, ...]
    total_ms: int
    safety: tuple[str, ...] = ()  # the routine's safety note, then its includes', once each
    sounds: Sounds = NO_SOUNDS  # the routine's own choices: `start` and `end` come from here
    # The routine's steps before this timeline's first, left out (`--from-step N`: N - 1):
    # step numbers a person sees are counted in the whole routine.
    steps_before: int = 0


IncludeResolver = Callable[[IncludeStep, Routine], Routine]
"""Finds the routine an include names, or raises RoutineFileError located at the include."""


def cycles_for(duration_ms: int, total_of: Callable[[int], int]) -> int | None:
    """The whole number of cycles whose total is nearest `duration_ms` (ties: the longer).

    `total_of(n)` is the length of n cycles and grows with n. None when even one cycle is
    more than twice the duration (rounding would give zero).
    """
    low, high = 1, 1
    while total_of(high) < duration_ms:
        low, high = high, high * 2
    while low < high:  # the fewest cycles reaching the duration
        middle = (low + high) // 2
        if total_of(middle) >= duration_ms:
            high = middle
        else:
            low = middle + 1
    over = total_of(high) - duration_ms
    under = duration_ms - total_of(high - 1) if high > 1 else duration_ms
    if high == 1 and over > duration_ms:
        return None
    return high - 1 if under < over and high > 1 else high


def progression_total(progression: Progression, cycles: int) -> int:
    """The length of `cycles` cycles of `progression`; equal to summing `at()`, but cheaper."""
    start, end = progression.start, progression.end
    total = cycles * start.cycle_ms
    if cycles <= 1:
        return total
    steps = cycles - 1
    for delta in (
        end.inhale_ms - start.inhale_ms,
        end.hold_ms - start.hold_ms,
        end.exhale_ms - start.exhale_ms,
        end.hold_empty_ms - start.hold_empty_ms,
        end.top_up_ms - start.top_up_ms,
    ):
        if delta:
            total += sum((2 * delta * index + steps) // (2 * steps) for index in range(cycles))
    return total


def breathing_cycles(step: BreathingStep) -> int | None:
    if step.cycles is not None:
        return step.cycles
    assert step.duration_ms is not None
    pace = step.pace
    if isinstance(pace, BreathPattern):
        return cycles_for(step.duration_ms, lambda n: n * pace.cycle_ms)
    return cycles_for(step.duration_ms, lambda n: progression_total(pace, n))


def pose_cycles(step: PoseStep) -> int | None:
    if step.breathing is None:
        return None
    cycle_ms = step.breathing.cycle_ms
    return cycles_for(step.hold_ms, lambda n: n * cycle_ms)


class _Compiler:
    def __init__(self, resolve: IncludeResolver | None) -> None:
        self.resolve = resolve
        self.problems: list[Problem] = []
        self.resolved: dict[tuple[str, int, int], Routine] = {}
        self.segments: list[Segment] = []
        self.steps: list[TimelineStep] = []
        self.cycles: dict[int, int | None] = {}  # by id(step): counted once, reused
        self.lengths: dict[int, int] = {}  # by id(step): how long one play of it lasts

    def check(self, routine: Routine) -> int:
        """Pass 1 on its own: the total in ms, or RoutineFileError with every problem."""
        total = self.duration(routine.steps, routine, (routine.name,))
        if not self.problems and total > MAX_TOTAL_MS:
            message = (
                f"the whole routine lasts {format_duration(total)}, over the limit of "
                f"{format_duration(MAX_TOTAL_MS)}"
            )
            cause = cause_of_overlong(
                routine.steps, lambda step: self.lengths[id(step)], total, MAX_TOTAL_MS
            )
            if cause is not None:  # at the key that makes it too long
                self.report(cause.location, "", message, cause.hint)
            else:  # the steps list starts where its first step does
                first = routine.steps[0].location
                where = Location(first.path, first.line, first.column, "")
                self.report(where, "steps", message, "shorten the routines it includes")
        if self.problems:
            raise RoutineFileError(
                sorted(set(self.problems), key=lambda p: (p.path, p.line, p.column, p.message))
            )
        return total

    def cycles_of(self, step: BreathingStep | PoseStep) -> int | None:
        key = id(step)
        if key not in self.cycles:
            self.cycles[key] = (
                breathing_cycles(step) if isinstance(step, BreathingStep) else pose_cycles(step)
            )
        return self.cycles[key]

    # -- pass 1: durations by arithmetic, includes resolved, problems collected --

    def duration(self, steps: tuple[Step, ...], routine: Routine, stack: tuple[str, ...]) -> int:
        return sum(self.step_duration(step, routine, stack) for step in steps)

    def step_duration(self, step: Step, routine: Routine, stack: tuple[str, ...]) -> int:
        length = self.step_length(step, routine, stack)
        self.lengths[id(step)] = length
        return length

    def step_length(self, step: Step, routine: Routine, stack: tuple[str, ...]) -> int:
        if isinstance(step, BreathingStep | PoseStep | RestStep):
            duration = self.timed_duration(step)
            self.check_recording(step, duration)
            return duration
        if isinstance(step, RepeatBlock):
            return step.times * self.duration(step.steps, routine, stack)
        included = self.include(step, routine, stack)
        if included is None:
            return 0
        return self.duration(included.steps, included, (*stack, included.name))

    def check_recording(self, step: TimedStep, duration_ms: int) -> None:
        """A teacher's recording (`say:`) must end by the end of its step."""
        say = step.say
        if say is None or say.kind is not SayKind.RECORDING or say.location is None:
            return
        if duration_ms and say.duration_ms > duration_ms:
            where = say.location
            self.problems.append(
                Problem(
                    where.path,
                    where.line,
                    where.column,
                    where.key_path,
                    f"the recording lasts {format_seconds(say.duration_ms)}, longer than its "
                    f"step ({format_seconds(duration_ms)})",
                    "trim the recording, or make the step longer: it is played as the step "
                    "starts and must end with it",
                )
            )

    def timed_duration(self, step: BreathingStep | PoseStep | RestStep) -> int:
        if isinstance(step, BreathingStep):
            cycles = self.cycles_of(step)
            if cycles is None:
                first = step.pace.start if isinstance(step.pace, Progression) else step.pace
                breath = format_duration(first.cycle_ms)
                self.report(
                    key_location(step, "duration"),
                    "",
                    f"{format_duration(step.duration_ms or 0)} is shorter than half a breath "
                    f"of `{first.describe()}`, which lasts {breath}",
                    f"write `cycles: 1` instead of `duration:`, or a duration of {breath} or more",
                )
                return 0
            pace = step.pace
            if isinstance(pace, BreathPattern):
                return cycles * pace.cycle_ms
            if cycles == 1:
                key = "cycles" if step.cycles is not None else "duration"
                two = format_duration(progression_total(pace, 2))
                self.report(
                    key_location(step, key),
                    "",
                    "this progression lasts one breath, so it plays only its `from:` "
                    "pattern and never reaches `to:`",
                    "give it at least 2 cycles, or write one pattern"
                    if key == "cycles"
                    else f"make it {two} (two breaths) or longer, or write one pattern",
                )
            return progression_total(pace, cycles)
        if isinstance(step, PoseStep):
            sides = max(1, len(step.sides))
            switches = (len(step.sides) - 1) * step.switch_ms if len(step.sides) > 1 else 0
            if step.breathing is None:
                return sides * step.hold_ms + switches
            cycles = self.cycles_of(step)
            if cycles is None:
                self.report(
                    key_location(step, "hold"),
                    "",
                    f"the hold of {format_duration(step.hold_ms)} is shorter than half "
                    f"a breath of `{step.breathing.describe()}`",
                    f"hold {format_duration(step.breathing.cycle_ms)} (one breath) or longer, "
                    "or pace a shorter breath",
                )
                return 0
            return sides * cycles * step.breathing.cycle_ms + switches
        return step.duration_ms

    def include(
        self, step: IncludeStep, routine: Routine, stack: tuple[str, ...]
    ) -> Routine | None:
        key = (step.location.path, step.location.line, step.location.column)
        if key in self.resolved:
            found = self.resolved[key]
        else:
            if self.resolve is None:
                self.report(
                    key_location(step, "include"),
                    "",
                    f"cannot include `{step.name}` here: no routines to look in",
                    "check the routine with `breathe validate`, which looks for it among "
                    "your routines, the bundled ones and the files beside it",
                )
                return None
            try:
                found = self.resolve(step, routine)
            except RoutineFileError as error:
                self.problems.extend(error.problems)
                return None
            self.resolved[key] = found
        if found.name in stack:
            loop = " → ".join((*stack, found.name))
            self.report(
                key_location(step, "include"),
                "",
                f"including `{step.name}` makes a loop: {loop}",
                "a routine cannot include itself, directly or through others",
            )
            return None
        return found

    def report(self, where: Location, key: str, message: str, hint: str | None = None) -> None:
        key_path = f"{where.key_path}.{key}" if where.key_path and key else key or where.key_path
        self.problems.append(Problem(where.path, where.line, where.column, key_path, message, hint))

    # -- pass 2: segments --

    def emit_steps(
        self,
        steps: tuple[Step, ...],
        routine: Routine,
        at_ms: int,
        rounds: tuple[tuple[int, int], ...],
    ) -> int:
        for step in steps:
            at_ms = self.emit_step(step, routine, at_ms, rounds)
        return at_ms

    def emit_step(
        self, step: Step, routine: Routine, at_ms: int, rounds: tuple[tuple[int, int], ...]
    ) -> int:
        if isinstance(step, RepeatBlock):
            for round_number in range(1, step.times + 1):
                at_ms = self.emit_steps(
                    step.steps, routine, at_ms, (*rounds, (round_number, step.times))
                )
            return at_ms
        if isinstance(step, IncludeStep):
            key = (step.location.path, step.location.line, step.location.column)
            included = self.resolved[key]
            return self.emit_steps(included.steps, included, at_ms, rounds)
        index = len(self.steps)
        first = len(self.segments)
        sides: tuple[Side, ...] = ()
        if isinstance(step, BreathingStep):
            kind, pace = StepKind.BREATHING, step.pace.describe()
            cycles = self.cycles_of(step)
            assert cycles is not None
            end = self.emit_breaths(
                step.pace, cycles, index, step.title, None, step.instructions, at_ms
            )
        elif isinstance(step, PoseStep):
            kind, sides = StepKind.POSE, step.sides
            pace = step.breathing.describe() if step.breathing else ""
            end = self.emit_pose(step, index, at_ms)
        else:
            kind, pace = StepKind.REST, ""
            end = self.add(
                SegmentKind.REST,
                at_ms,
                step.duration_ms,
                index,
                step.title,
                None,
                None,
                None,
                step.instructions,
            )
        self.steps.append(
            TimelineStep(
                index,
                kind,
                step.title,
                at_ms,
                end - at_ms,
                first,
                len(self.segments) - first,
                step.instructions,
                pace,
                sides,
                rounds,
                routine.name,
                step.sounds.over(routine.sounds),
                step.say,
                step.location,
                _voice_location(step),
            )
        )
        return end

    def emit_pose(self, step: PoseStep, index: int, at_ms: int) -> int:
        sides: tuple[Side | None, ...] = step.sides or (None,)
        cycles = self.cycles_of(step)
        for number, side in enumerate(sides):
            if number:
                at_ms = self.add(
                    SegmentKind.SWITCH,
                    at_ms,
                    step.switch_ms,
                    index,
                    step.title,
                    side,
                    None,
                    None,
                    f"Change sides: {side} side next.",
                )
            if step.breathing is None or cycles is None:
                at_ms = self.add(
                    SegmentKind.POSE,
                    at_ms,
                    step.hold_ms,
                    index,
                    step.title,
                    side,
                    None,
                    None,
                    step.instructions,
                )
            else:
                at_ms = self.emit_breaths(
                    step.breathing, cycles, index, step.title, side, step.instructions, at_ms
                )
        return at_ms

    def emit_breaths(
        self,
        pace: BreathPattern | Progression,
        cycles: int,
        index: int,
        title: str,
        side: Side | None,
        instructions: str,
        at_ms: int,
    ) -> int:
        # The hot loop of compiling: segments are appended directly.
        append = self.segments.append
        for cycle in range(1, cycles + 1):
            pattern = pace.at(cycle - 1, cycles) if isinstance(pace, Progression) else pace
            for kind, ms in _phases(pattern):
                append(Segment(kind, at_ms, ms, index, title, side, cycle, cycles, instructions))
                at_ms += ms
        return at_ms

    def add(
        self,
        kind: SegmentKind,
        at_ms: int,
        duration_ms: int,
        index: int,
        title: str,
        side: Side | None,
        cycle: int | None,
        cycles: int | None,
        instructions: str,
    ) -> int:
        self.segments.append(
            Segment(kind, at_ms, duration_ms, index, title, side, cycle, cycles, instructions)
        )
        return at_ms + duration_ms

    def safety_notes(self, routine: Routine) -> tuple[str, ...]:
        """The routine's safety text, then each included routine's, each sentence once.

        Included routines often end on the same words ("This is educational, not medical
        advice."): a sentence already said by an earlier note is left out of a later one.
        """
        said: set[str] = set()
        notes = []
        for text in (routine.safety, *(included.safety for included in self.resolved.values())):
            fresh = [
                sentence
                for sentence in _SENTENCE_BREAK.split(" ".join(text.split()))
                if sentence and sentence not in said
            ]
            said.update(fresh)
            if fresh:
                notes.append(" ".join(fresh))
        return tuple(notes)


_SENTENCE_BREAK = re.compile(r"(?<=[.!?])\s+")


def _voice_location(step: TimedStep) -> Location:
    """Where what the voice says at `step`'s start is written."""
    if step.say is not None and step.say.location is not None:
        return step.say.location
    if step.instructions and step.instructions_location is not None:
        return step.instructions_location
    return step.location


def format_seconds(ms: int) -> str:
    """`4.0s`, `12.5s`: a length to the tenth of a second, as the voice's messages give it."""
    return f"{ms / 1000:.1f}s"


@functools.lru_cache(maxsize=512)
def _phases(pattern: BreathPattern) -> tuple[tuple[SegmentKind, int], ...]:
    """The phases a breath is played as; a zero hold or top-up is no phase."""
    phases = [(SegmentKind.INHALE, pattern.inhale_ms)]
    if pattern.top_up_ms:
        phases.append((SegmentKind.TOP_UP, pattern.top_up_ms))
    if pattern.hold_ms:
        phases.append((SegmentKind.HOLD, pattern.hold_ms))
    phases.append((SegmentKind.EXHALE, pattern.exhale_ms))
    if pattern.hold_empty_ms:
        phases.append((SegmentKind.HOLD_EMPTY, pattern.hold_empty_ms))
    return tuple(phases)


def check_timeline(routine: Routine, resolve: IncludeResolver | None = None) -> int:
    """Everything `compile_timeline` checks, without making segments: the total in ms.

    This is what validation needs; raises RoutineFileError listing every problem.
    """
    return _Compiler(resolve).check(routine)


def compile_timeline(routine: Routine, resolve: IncludeResolver | None = None) -> Timeline:
    """The routine as a flat timeline; RoutineFileError lists every problem found."""
    compiler = _Compiler(resolve)
    total = compiler.check(routine)
    end = compiler.emit_steps(routine.steps, routine, 0, ())
    assert end == total, (end, total)
    return Timeline(
        routine.name,
        routine.title,
        tuple(compiler.steps),
        tuple(compiler.segments),
        total,
        compiler.safety_notes(routine),
        routine.sounds,
    )


def with_tempo(timeline: Timeline, tempo: Fraction, *, poses: bool = False) -> Timeline:
    """The timeline played `tempo` times as fast (2 = twice as fast, 1/2 = half).

    Breathing steps are scaled; pose steps (holds, switches and any breath paced in them)
    only when `poses` is true; rests never. Each segment's length is rounded half up to the
    millisecond and start times are re-accumulated, so the result is again exact.
    """
    if not MIN_TEMPO <= tempo <= MAX_TEMPO:
        raise ValueError(f"tempo must be from {MIN_TEMPO} to {MAX_TEMPO}, not {tempo}")
    if tempo == 1:
        return timeline
    scaled_kinds = {StepKind.BREATHING} | ({StepKind.POSE} if poses else set())
    segments: list[Segment] = []
    at_ms = 0
    for segment in timeline.segments:
        step = timeline.steps[segment.step_index]
        duration = segment.duration_ms
        if step.kind in scaled_kinds:
            duration = max(1, int(Fraction(duration) / tempo + Fraction(1, 2)))
        segments.append(dataclasses.replace(segment, start_ms=at_ms, duration_ms=duration))
        at_ms += duration
    return with_segments(timeline, segments)


def with_segments(timeline: Timeline, segments: list[Segment]) -> Timeline:
    """`timeline` with `segments` in place of its own (the same steps, each owning the same
    places in the list, their times moved): each step's start and length, and the total,
    follow from its segments. The segments must follow one another without a gap."""
    steps = []
    for step in timeline.steps:
        own = segments[step.first_segment : step.first_segment + step.segment_count]
        steps.append(
            dataclasses.replace(
                step, start_ms=own[0].start_ms, duration_ms=own[-1].end_ms - own[0].start_ms
            )
        )
    total = segments[-1].end_ms if segments else 0
    return dataclasses.replace(
        timeline, steps=tuple(steps), segments=tuple(segments), total_ms=total
    )


def describe_step(step: TimelineStep, timeline: Timeline) -> str:
    """`breathe 4-6 × 12`, `pose, left then right, breathing 4-6`, `rest`."""
    segments = timeline.segments[step.first_segment : step.first_segment + step.segment_count]
    cycles = segments[-1].cycles if segments and segments[-1].cycles else None
    if step.kind is StepKind.BREATHING:
        return f"breathe {step.pace}" + (f" × {cycles}" if cycles else "")
    if step.kind is StepKind.POSE:
        parts = ["pose"]
        if step.sides:
            parts.append(" then ".join(str(side) for side in step.sides))
        if step.pace:
            each = " each side" if len(step.sides) > 1 else ""
            parts.append(f"breathing {step.pace}" + (f" × {cycles}{each}" if cycles else ""))
        return ", ".join(parts)
    return "rest"
