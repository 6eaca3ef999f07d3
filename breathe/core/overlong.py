"""Which key makes a routine longer than the limit, and what would fit.

A routine too long is reported at the key to change: the `repeat` whose count multiplies
the most time, else the step that lasts longest (its `cycles`, `duration` or `hold`, or the
`include` of a long routine), with the largest value that brings the whole routine within
the limit. Nested repeats and the steps inside them are weighed with the rounds they are
played; an included routine is weighed whole, at its `include:` (its own keys are in
another file), and the advice says how long it is.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from breathe.core.durations import format_duration
from breathe.core.model import (
    BreathingStep,
    BreathPattern,
    IncludeStep,
    PoseStep,
    RepeatBlock,
    RestStep,
    Step,
    key_location,
)
from breathe.core.problems import Location

SECOND = 1000


Blamed = RepeatBlock | BreathingStep | PoseStep | RestStep | IncludeStep
"""A step whose key can be blamed: every step but the steps of an included routine."""


@dataclass(frozen=True, slots=True)
class Cause:
    """The key to change (`step`'s `key`) and the advice that says to what."""

    step: Blamed
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
    return Cause(step, *_advice(step, room // rounds, length_of(step), length_of))


def _weighed(
    steps: tuple[Step, ...], rounds: int, length_of: Callable[[Step], int]
) -> Iterator[tuple[int, int, Blamed]]:
    """Each step that can be blamed, outer first: its share of the total, the rounds it is
    played, and itself."""
    for step in steps:
        yield rounds * length_of(step), rounds, step
        if isinstance(step, RepeatBlock):
            yield from _weighed(step.steps, rounds * step.times, length_of)


def _advice(
    step: Blamed, room_ms: int, length_ms: int, length_of: Callable[[Step], int]
) -> tuple[str, str]:
    """The key of `step` to change and how, for the step to last at most `room_ms`."""
    if isinstance(step, RepeatBlock):
        fit = room_ms // (length_ms // step.times) if length_ms else 0
        included = _includes_in(step.steps, length_of)
        if fit >= 1:
            advice = f"lower it to {fit} or fewer, or shorten the steps it repeats"
        else:
            advice = "shorten the steps it repeats, or split the routine in two"
        return "repeat", advice + (f": each round includes {included}" if included else "")
    if isinstance(step, IncludeStep):
        whole = room_ms // SECOND * SECOND
        said = f"the included `{step.name}` lasts {format_duration(length_ms)}"
        if whole > 0:
            return "include", (
                f"{said}: include a routine of {format_duration(whole)} or less here, shorten "
                "that one, or leave it out"
            )
        return "include", f"{said}: leave it out, or shorten the steps around it"
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


def _includes_in(steps: tuple[Step, ...], length_of: Callable[[Step], int]) -> str:
    """ "`arrive` (20m) and `legs-up` (10m)": the routines that `steps` include (at any
    depth), each once with how long it lasts; empty when they include none."""
    found: dict[str, int] = {}
    for step in _flattened(steps):
        if isinstance(step, IncludeStep):
            found.setdefault(step.name, length_of(step))
    if not found:
        return ""
    listed = [f"`{name}` ({format_duration(ms)})" for name, ms in found.items()]
    return listed[0] if len(listed) == 1 else ", ".join(listed[:-1]) + " and " + listed[-1]


def _flattened(steps: tuple[Step, ...]) -> Iterator[Step]:
    for step in steps:
        yield step
        if isinstance(step, RepeatBlock):
            yield from _flattened(step.steps)


def _shorter(room_ms: int) -> str:
    whole = room_ms // SECOND * SECOND
    return _at_most(whole, f"shorten it to {format_duration(whole)} or less")


def _at_most(fit: int, advice: str) -> str:
    return advice if fit > 0 else "shorten it, and the steps around it"
