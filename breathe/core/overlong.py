"""Which key makes a routine longer than the limit, and what would fit.

A routine too long is reported at the key to change: the `repeat` whose count multiplies
the most time, else the step that lasts longest (its `cycles`, `duration` or `hold`), with
the largest value that brings the whole routine within the limit. Nested repeats and the
steps inside them are weighed with the rounds they are played; an included routine is
weighed whole, and never blamed: its keys are in another file.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from breathe.core.durations import format_duration
from breathe.core.model import (
    BreathingStep,
    BreathPattern,
    PoseStep,
    RepeatBlock,
    RestStep,
    Step,
    key_location,
)
from breathe.core.problems import Location

SECOND = 1000


@dataclass(frozen=True, slots=True)
class Cause:
    """The key to change (`step`'s `key`) and the advice that says to what."""

    step: RepeatBlock | BreathingStep | PoseStep | RestStep
    key: str
    hint: str

    @property
    def location(self) -> Location:
        """Where the key's value is written, with its key path."""
        return key_location(self.step, self.key)


def cause_of_overlong(
    steps: tuple[Step, ...], length_of: Callable[[Step], int], total_ms: int, limit_ms: int
) -> Cause | None:
    """The key that makes `total_ms` exceed `limit_ms` the most; `length_of(step)` is how
    long one play of a step lasts (a repeat: all its rounds). None without such a key."""
    weighed = list(_weighed(steps, 1, length_of))
    if not weighed:
        return None
    share, rounds, step = max(weighed, key=lambda item: item[0])  # the first of equals
    room = limit_ms - (total_ms - share)  # what this key's time may be, over all its rounds
    return Cause(step, *_advice(step, room // rounds, length_of(step)))


def _weighed(
    steps: tuple[Step, ...], rounds: int, length_of: Callable[[Step], int]
) -> Iterator[tuple[int, int, RepeatBlock | BreathingStep | PoseStep | RestStep]]:
    """Each step that can be blamed, outer first: its share of the total, the rounds it is
    played, and itself."""
    for step in steps:
        if isinstance(step, RepeatBlock):
            yield rounds * length_of(step), rounds, step
            yield from _weighed(step.steps, rounds * step.times, length_of)
        elif isinstance(step, BreathingStep | PoseStep | RestStep):
            yield rounds * length_of(step), rounds, step


def _advice(
    step: RepeatBlock | BreathingStep | PoseStep | RestStep, room_ms: int, length_ms: int
) -> tuple[str, str]:
    """The key of `step` to change and how, for the step to last at most `room_ms`."""
    if isinstance(step, RepeatBlock):
        fit = room_ms // (length_ms // step.times) if length_ms else 0
        if fit >= 1:
            return "repeat", f"lower it to {fit} or fewer, or shorten the steps it repeats"
        return "repeat", "shorten the steps it repeats, or split the routine in two"
    if isinstance(step, BreathingStep):
        if step.cycles is not None:
            fit = room_ms // (length_ms // step.cycles) if length_ms else 0
            return "cycles", _at_most(fit, f"lower it to {fit} or fewer")
        cycle_ms = step.pace.cycle_ms if isinstance(step.pace, BreathPattern) else 0
        return "duration", _shorter(room_ms - cycle_ms)
    if isinstance(step, PoseStep):
        sides = max(1, len(step.sides))
        switches = (sides - 1) * step.switch_ms
        breath = step.breathing.cycle_ms if step.breathing else 0
        return "hold", _shorter((room_ms - switches) // sides - breath)
    return "duration", _shorter(room_ms)


def _shorter(room_ms: int) -> str:
    whole = room_ms // SECOND * SECOND
    return _at_most(whole, f"shorten it to {format_duration(whole)} or less")


def _at_most(fit: int, advice: str) -> str:
    return advice if fit > 0 else "shorten it, and the steps around it"
