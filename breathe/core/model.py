"""The routine model: what a routine file means, as frozen dataclasses.

Durations are whole milliseconds. Every step keeps the `Location` it was written at, so
later stages (includes, totals) can report problems against the author's file.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from breathe.core.problems import Location, Problem

FORMAT_VERSION = 1


class Level(StrEnum):
    BEGINNER = "beginner"
    INTERMEDIATE = "intermediate"
    ADVANCED = "advanced"
    ALL = "all levels"


class Feel(StrEnum):
    CALMING = "calming"
    BALANCING = "balancing"
    ENERGISING = "energising"


class Side(StrEnum):
    LEFT = "left"
    RIGHT = "right"


@dataclass(frozen=True, slots=True)
class BreathPattern:
    """One breath: its phases in milliseconds; a zero hold or top-up is none.

    The phases play in this order: inhale, top-up, hold, exhale, hold-empty. The top-up is
    a short second inhale on top of a full one (the physiological sigh's two inhales).
    """

    inhale_ms: int
    hold_ms: int
    exhale_ms: int
    hold_empty_ms: int
    top_up_ms: int = 0

    @property
    def cycle_ms(self) -> int:
        return self.inhale_ms + self.top_up_ms + self.hold_ms + self.exhale_ms + self.hold_empty_ms

    def describe(self) -> str:
        """Teacher's shorthand: `4-7-8`, `4-6`, `4-4-4-4`, `4+1-8` (seconds)."""
        from breathe.core.durations import format_duration

        def seconds(ms: int) -> str:
            return format_duration(ms).removesuffix("s") if ms < 60_000 else format_duration(ms)

        if self.hold_empty_ms:
            phases = [self.inhale_ms, self.hold_ms, self.exhale_ms, self.hold_empty_ms]
        elif self.hold_ms:
            phases = [self.inhale_ms, self.hold_ms, self.exhale_ms]
        else:
            phases = [self.inhale_ms, self.exhale_ms]
        words = [seconds(ms) for ms in phases]
        if self.top_up_ms:
            words[0] += "+" + seconds(self.top_up_ms)
        return "-".join(words)


@dataclass(frozen=True, slots=True)
class Progression:
    """A pattern that moves evenly from `start` to `end` over the cycles of a step."""

    start: BreathPattern
    end: BreathPattern

    def at(self, cycle_index: int, cycle_count: int) -> BreathPattern:
        """The pattern of cycle `cycle_index` (0-based) of `cycle_count`, exact to the ms.

        The first cycle is `start`, the last is `end`; each phase in between is rounded
        half up to the millisecond. A one-cycle step plays `start`.
        """
        if cycle_count <= 1:
            return self.start
        steps = cycle_count - 1

        def between(a: int, b: int) -> int:
            return a + (2 * (b - a) * cycle_index + steps) // (2 * steps)

        s, e = self.start, self.end
        return BreathPattern(
            between(s.inhale_ms, e.inhale_ms),
            between(s.hold_ms, e.hold_ms),
            between(s.exhale_ms, e.exhale_ms),
            between(s.hold_empty_ms, e.hold_empty_ms),
            between(s.top_up_ms, e.top_up_ms),
        )

    def describe(self) -> str:
        return f"{self.start.describe()} → {self.end.describe()}"


Pace = BreathPattern | Progression

CUE_NAMES = ("start", "step", "inhale", "hold", "exhale", "switch", "count", "end")
"""The cues a session sounds, which are also the bundled sounds' names (`sounds/NAME.wav`)."""


class SoundSource(StrEnum):
    BUNDLED = "bundled"
    FILE = "file"
    NONE = "none"


@dataclass(frozen=True, slots=True)
class SoundChoice:
    """What one cue sounds like: a bundled cue, the author's own WAV file, or nothing."""

    source: SoundSource
    written: str  # as the author wrote it: `step`, `sounds/gong.wav`, `none`
    # The author's own file, resolved; None for a bundled sound (audio.cues finds it) and none.
    path: Path | None
    location: Location | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Sounds:
    """Cue sounds an author chose, by cue name; a cue not named keeps its default."""

    chosen: tuple[tuple[str, SoundChoice], ...] = ()

    def get(self, cue: str) -> SoundChoice | None:
        for name, choice in self.chosen:
            if name == cue:
                return choice
        return None

    def over(self, base: Sounds) -> Sounds:
        """These choices, and `base`'s for the cues these do not name."""
        if not base.chosen:
            return self
        mine = {name for name, _ in self.chosen}
        return Sounds(tuple(item for item in base.chosen if item[0] not in mine) + self.chosen)

    def __bool__(self) -> bool:
        return bool(self.chosen)


NO_SOUNDS = Sounds()


class SayKind(StrEnum):
    WORDS = "words"
    NONE = "none"
    RECORDING = "recording"


@dataclass(frozen=True, slots=True)
class Say:
    """What the voice says at a step's start, as its author chose with `say:`: words of
    their own, nothing, or their own recording (a WAV) instead of synthesised speech."""

    kind: SayKind
    written: str  # the words, the recording's path as written, or `none`
    # The recording, resolved, and how long it lasts (read from its header when the
    # routine loads, so the timeline can check that it fits without reading the disk).
    path: Path | None = None
    duration_ms: int = 0
    location: Location | None = field(default=None, compare=False)


@dataclass(frozen=True, slots=True)
class Marks:
    """Where each key of a step is written (the place of its value, with its key path), so
    that a problem found after loading (a duration shorter than a breath, a `repeat` that
    makes the routine too long) points at the key that causes it, not at the step."""

    places: tuple[tuple[str, Location], ...] = ()

    def at(self, key: str) -> Location | None:
        for name, where in self.places:
            if name == key:
                return where
        return None


NO_MARKS = Marks()


DEFAULT_SWITCH_MS = 10_000
"""The pause to change sides in a pose, when its file does not say."""


# Steps are built by keyword from a file's keys (`breathe.format`): a key left out takes
# the default written here, once.


@dataclass(frozen=True, slots=True, kw_only=True)
class TimedStep:
    """What every step that plays for a time carries: breathing, pose and rest steps."""

    title: str
    instructions: str = ""
    location: Location
    sounds: Sounds = NO_SOUNDS  # the step's own choices (over its routine's)
    say: Say | None = None  # what the voice says at its start; None: title and instructions
    # Where `instructions:` is written: a warning that they take too long to say points there.
    instructions_location: Location | None = field(default=None, compare=False)
    marks: Marks = field(default=NO_MARKS, compare=False)  # where each of its keys is


@dataclass(frozen=True, slots=True, kw_only=True)
class BreathingStep(TimedStep):
    """A breathing technique run for `cycles`, or for about `duration_ms` (see timeline)."""

    pace: Pace
    cycles: int | None = None
    duration_ms: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class PoseStep(TimedStep):
    """A pose held for `hold_ms` on each of `sides` (none: held once)."""

    hold_ms: int
    sides: tuple[Side, ...] = ()
    switch_ms: int = DEFAULT_SWITCH_MS
    breathing: BreathPattern | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class RestStep(TimedStep):
    """A rest or transition: a short text shown for `duration_ms`."""

    duration_ms: int


@dataclass(frozen=True, slots=True, kw_only=True)
class RepeatBlock:
    times: int
    steps: tuple[Step, ...]
    location: Location
    marks: Marks = field(default=NO_MARKS, compare=False)  # where `repeat:` is written


@dataclass(frozen=True, slots=True, kw_only=True)
class IncludeStep:
    """Plays another routine, found by name, in place."""

    name: str
    location: Location
    marks: Marks = field(default=NO_MARKS, compare=False)  # where `include:` is written


Step = BreathingStep | PoseStep | RestStep | RepeatBlock | IncludeStep


@dataclass(frozen=True, slots=True)
class Routine:
    name: str
    title: str
    steps: tuple[Step, ...]
    path: Path
    description: str = ""
    tags: tuple[str, ...] = ()
    level: Level | None = None
    feel: Feel | None = None
    author: str = ""
    part: bool = False  # only included in others (`part: true`): not listed on its own
    safety: str = ""
    format_version: int = FORMAT_VERSION
    location: Location | None = None
    sounds: Sounds = NO_SOUNDS  # cue sounds for the whole routine
    # What is likely not meant though valid (`duration: 2` on a rest is 2 seconds):
    # `breathe validate` prints these as warnings.
    warnings: tuple[Problem, ...] = field(default=(), compare=False)


def key_location(step: TimedStep | RepeatBlock | IncludeStep, key: str) -> Location:
    """Where `step`'s `key` is written, with its key path: its mark, else the step's place."""
    found = step.marks.at(key)
    if found is not None:
        return found
    where = step.location
    return Location(where.path, where.line, where.column, f"{where.key_path}.{key}")
