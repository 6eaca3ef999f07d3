"""Tempo and length chosen in the app, as exact transforms of a timeline.

A routine's page lets a person play it faster or slower (the tempos of
`bounds.TEMPO_STEPS`) and, for a breathing routine, choose a session of about 3, 5 or 10
minutes (`bounds.LENGTH_CHOICES`) or its own length; a session lets them change the tempo
as it plays. Each is a new timeline in whole milliseconds, exact as the compiled one is:

- Length repeats or trims whole breaths of the routine's *main practice* (`main_practice`):
  its longest breathing step with one steady pattern, outside any `repeat`. The arrival,
  the warm-up, a progression and the closing rest stay as written, and no breath is ever
  cut in half; so the length is "about" the minutes asked for: the whole number of
  breaths whose total, at the tempo chosen, is nearest (a tie plays the longer), and at
  least one. A routine is a breathing routine when it has no pose and its breathing steps
  make more than half of it.
- A tempo change during a session (`retempo_from`) keeps every segment up to a boundary as
  it was played and plays the rest at the new tempo, from that boundary on.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from fractions import Fraction

from breathe.core.bounds import LENGTH_CHOICES, MAX_TEMPO, MIN_TEMPO, TEMPO_STEPS
from breathe.core.timeline import (
    Segment,
    StepKind,
    Timeline,
    TimelineStep,
    cycles_for,
    with_segments,
    with_tempo,
)

ABOUT = Fraction(1, 5)
"""A length is offered when whole breaths come this close to it (a fifth of it): "about
3 minutes" may be 2:50, never 4:50."""


def next_tempo(tempo: Fraction, direction: int) -> Fraction | None:
    """The tempo one step faster (`direction` 1) or slower (-1) of `bounds.TEMPO_STEPS`,
    from any tempo within the bounds; None at the bound."""
    if direction > 0:
        faster = [step for step in TEMPO_STEPS if step > tempo]
        return faster[0] if faster else None
    slower = [step for step in TEMPO_STEPS if step < tempo]
    return slower[-1] if slower else None


def describe_tempo(tempo: Fraction) -> str:
    """`1.5× (faster)`, `0.8× (slower)`, `1× (as written)`."""
    how = "as written" if tempo == 1 else "faster" if tempo > 1 else "slower"
    shown = str(tempo.numerator) if tempo.denominator == 1 else f"{float(tempo):g}"
    return f"{shown}× ({how})"


# -- length --


def main_practice(timeline: Timeline) -> TimelineStep | None:
    """The step a length lengthens or shortens: the longest breathing step of one steady
    pattern outside any `repeat` (the later of equals), in a breathing routine (no pose,
    its breathing more than half of it); None in any other routine, and where the
    breathing in rounds is longer than that step (the rounds are the practice)."""
    steps = timeline.steps
    if any(step.kind is StepKind.POSE for step in steps):
        return None
    breathing = sum(step.duration_ms for step in steps if step.kind is StepKind.BREATHING)
    if 2 * breathing <= timeline.total_ms:
        return None
    found: TimelineStep | None = None
    for step in steps:
        if step.kind is not StepKind.BREATHING or step.rounds:
            continue
        if breath_of(timeline, step) is None:
            continue
        if found is None or step.duration_ms >= found.duration_ms:
            found = step
    repeated = sum(
        step.duration_ms for step in steps if step.kind is StepKind.BREATHING and step.rounds
    )
    if found is not None and found.duration_ms < repeated:
        return None  # the practice is its rounds (alternate nostrils): not a steady breath
    return found


def breath_of(timeline: Timeline, step: TimelineStep) -> tuple[Segment, ...] | None:
    """The segments of `step`'s first breath, if every breath of it is the same (a steady
    pattern, not a progression); else None."""
    own = timeline.segments[step.first_segment : step.first_segment + step.segment_count]
    if not own or not own[0].cycles:
        return None
    per_breath = len(own) // own[0].cycles
    first = own[:per_breath]
    shape = [(segment.kind, segment.duration_ms) for segment in first]
    for start in range(0, len(own), per_breath):
        if [(s.kind, s.duration_ms) for s in own[start : start + per_breath]] != shape:
            return None
    return first


def with_breaths(timeline: Timeline, step: TimelineStep, breaths: int) -> Timeline:
    """`timeline` with `step` (a steady breathing step) played for `breaths` whole breaths;
    what comes after it moves by the difference, to the millisecond."""
    breath = breath_of(timeline, step)
    if breath is None or breaths < 1:
        raise ValueError(f"cannot play {step.title!r} for {breaths} breaths")
    segments = list(timeline.segments[: step.first_segment])
    at_ms = step.start_ms
    for number in range(1, breaths + 1):
        for segment in breath:
            segments.append(replace(segment, start_ms=at_ms, cycle=number, cycles=breaths))
            at_ms += segment.duration_ms
    shift_ms = at_ms - step.end_ms
    shift_segments = len(breath) * breaths - step.segment_count
    later = timeline.segments[step.first_segment + step.segment_count :]
    segments.extend(replace(segment, start_ms=segment.start_ms + shift_ms) for segment in later)
    steps = list(timeline.steps)
    steps[step.index] = replace(step, segment_count=len(breath) * breaths)
    for later_step in timeline.steps[step.index + 1 :]:
        steps[later_step.index] = replace(
            later_step, first_segment=later_step.first_segment + shift_segments
        )
    return with_segments(replace(timeline, steps=tuple(steps)), segments)


def lengthened(base: Timeline, minutes: int | None, tempo: Fraction = Fraction(1)) -> Timeline:
    """`base` (at tempo 1) with as many whole breaths of its main practice as bring it,
    played at `tempo`, nearest `minutes` (at least one breath); `base` itself for its own
    length (None), or where there is no main practice."""
    step = main_practice(base) if minutes is not None else None
    if minutes is None or step is None:
        return base
    breath = breath_of(base, step)
    assert breath is not None
    played = with_tempo(base, tempo)
    own = played.segments[step.first_segment : step.first_segment + len(breath)]
    breath_ms = sum(segment.duration_ms for segment in own)
    played_step = played.steps[step.index]
    rest_ms = played.total_ms - played_step.duration_ms
    target_ms = minutes * 60_000
    if target_ms <= rest_ms + breath_ms:
        breaths = 1
    else:
        breaths = cycles_for(target_ms - rest_ms, lambda n: n * breath_ms) or 1
    return with_breaths(base, step, breaths)


def shaped(base: Timeline, tempo: Fraction, minutes: int | None = None) -> Timeline:
    """The timeline a session plays: `base` at its length, then at its tempo."""
    return with_tempo(lengthened(base, minutes, tempo), tempo)


@dataclass(frozen=True, slots=True)
class LengthChoice:
    """A length a routine's page offers: about `minutes` (None: the routine's own), and the
    total it really plays, at the tempo chosen."""

    minutes: int | None
    total_ms: int

    def describe(self) -> str:
        return "as written" if self.minutes is None else f"about {self.minutes} min"


def length_choices(base: Timeline, tempo: Fraction) -> tuple[LengthChoice, ...]:
    """The routine's own length, then each of `bounds.LENGTH_CHOICES` that whole breaths of
    its main practice come about to (within ABOUT of it) and that plays another total; only
    its own for a routine that is not a breathing routine."""
    own = LengthChoice(None, with_tempo(base, tempo).total_ms)
    if main_practice(base) is None:
        return (own,)
    choices = [own]
    for minutes in LENGTH_CHOICES:
        total = shaped(base, tempo, minutes).total_ms
        target = minutes * 60_000
        if abs(total - target) <= target * ABOUT and all(c.total_ms != total for c in choices):
            choices.append(LengthChoice(minutes, total))
    return tuple(choices)


def next_length(choices: tuple[LengthChoice, ...], minutes: int | None) -> int | None:
    """The length after `minutes` among `choices` (its own after the longest), for the
    one key that goes round them."""
    offered = [choice.minutes for choice in choices]
    if minutes in offered:
        return offered[(offered.index(minutes) + 1) % len(offered)]
    longer = [m for m in offered if m is not None and minutes is not None and m > minutes]
    return longer[0] if longer else None


# -- tempo during a session --


def next_breath(timeline: Timeline, current: int | None) -> int:
    """Where a tempo change made during segment `current` takes effect: the first segment
    of the next breath (or of the next step, or of a pose's next side); 0 before the
    first. The breath under way is finished as it began."""
    if current is None:
        return 0
    segments = timeline.segments
    now = segments[current]
    for index in range(current + 1, len(segments)):
        segment = segments[index]
        if (segment.step_index, segment.side, segment.cycle) != (
            now.step_index,
            now.side,
            now.cycle,
        ):
            return index
    return len(segments)


def retempo_from(base: Timeline, played: Timeline, tempo: Fraction, first: int) -> Timeline:
    """`played` (a tempo of `base`) as it was up to segment `first`, then `base` at `tempo`
    from there on: the part played stays exact and the rest follows, to the millisecond."""
    if not MIN_TEMPO <= tempo <= MAX_TEMPO:
        raise ValueError(f"tempo must be from {MIN_TEMPO} to {MAX_TEMPO}, not {tempo}")
    if len(base.segments) != len(played.segments):
        raise ValueError("the played timeline is not a tempo of this one")
    scaled = with_tempo(base, tempo).segments
    segments = list(played.segments[:first])
    at_ms = segments[-1].end_ms if segments else 0
    for segment in scaled[first:]:
        segments.append(replace(segment, start_ms=at_ms))
        at_ms += segment.duration_ms
    return with_segments(played, segments)
