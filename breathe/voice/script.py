"""What the voice says in a session, and when: a pure function of the compiled timeline.

The script speaks what a person with closed eyes needs:
- at each step's start, its title and instructions ("Legs up the wall. Slide your hips...");
  the last step is announced as such ("Last step: Rest and notice. ...");
- at a side change, which side comes next ("Now the right side.");
- at the end, that the session is over, calmly;
- optionally, a count-down of the last seconds of rests and holds ("three", "two", "one"),
  and with counting for closed eyes the seconds of long breath phases, as teachers count
  ("two", "three", "four"), where the ticks would sound.

Authors choose with a step's `say:` (breathe.core.model.Say): their own words replace the
step's title and instructions (the last step is still announced as such); `none` leaves
its start silent (the last step still says "Last step."); a recording of their own plays
instead of speech, and the side changes it covers are left out (the teacher speaks through
them). Side changes and the end are said whatever a step's `say:` is.

Speech is never late and never collides. Every phrase has a moment on the timeline, and a
limit: the end of what it describes, or the next guiding phrase's moment if that comes
first (less a short pause). Guiding phrases (steps, sides, the end) start exactly at their
moment; one that would run past its limit is said shorter (the step's title without its
instructions) or not at all, and is reported: `breathe validate` warns about it. A
recording's limit is its step's end: it may run up to the next step's phrase. Counts
are spoken only where they fit between other phrases, at their exact second, or not at all.

How long a text takes to say comes from `duration_of`: an estimate by default, the real
length of the synthesised sound where it is known (see breathe.voice.cache).
"""

from __future__ import annotations

import bisect
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from breathe.core.bounds import COUNT_FROM_MS
from breathe.core.model import SayKind
from breathe.core.timeline import Segment, SegmentKind, Timeline, TimelineStep, format_seconds

PAUSE_MS = 300
"""The least silence between two phrases: speech run together is hard to follow."""

MS_PER_CHARACTER = 60
SPEECH_OVERHEAD_MS = 400
"""The estimate of how long a text takes to say: measured with piper's en_US-joe-medium
voice, about 15 to 17 characters a second (espeak-ng's default rate is similar), so 60 ms a
character and a little for the breath around it errs on the long side."""

END_TEXT = "That is the end of the session. Stay here as long as you like."

DurationOf = Callable[[str], int]


class PhraseKind(StrEnum):
    STEP = "step"  # a step's title and instructions (the last step's too)
    SIDE = "side"  # a side change within a pose
    ASIDE = "aside"
    """Said when a person pauses or goes on ("Paused.", "Go on."): off the timeline, of no
    step (index -1), never in a script; not a side change, whatever the words."""
    END = "end"  # the end of the session
    COUNTDOWN = "countdown"  # the last seconds of a rest or a hold
    COUNT = "count"  # the seconds of a long breath phase, counted for closed eyes


GUIDING = frozenset({PhraseKind.STEP, PhraseKind.SIDE, PhraseKind.END})


@dataclass(frozen=True, slots=True)
class ScriptOptions:
    countdown_s: int = 0
    """Count down this many last seconds of rests and holds (0: no count-down)."""
    count_breaths: bool = False
    """Speak the seconds of long breath phases (counting for closed eyes)."""


@dataclass(frozen=True, slots=True)
class Phrase:
    """One thing said: `text`, started at `at_ms` on the timeline, lasting `duration_ms`
    (as planned), finished by `until_ms`."""

    text: str
    at_ms: int
    until_ms: int  # the end of what it describes, or the next guiding phrase (less a pause)
    duration_ms: int
    step_index: int
    kind: PhraseKind
    # A teacher's own recording, played instead of speaking `text` (its path as written).
    recording: Path | None = None

    @property
    def end_ms(self) -> int:
        return self.at_ms + self.duration_ms

    @property
    def source(self) -> str | Path:
        """What makes its sound, once for all the phrases alike: its recording or its text."""
        return self.recording if self.recording is not None else self.text

    @property
    def latest_start_ms(self) -> int:
        """The latest moment it may still start and end in time: `until_ms - duration_ms`."""
        return self.until_ms - self.duration_ms


@dataclass(frozen=True, slots=True)
class Overrun:
    """A guiding phrase that does not fit before its limit: said shorter, or not said."""

    step_index: int
    kind: PhraseKind
    text: str  # what was meant to be said
    needed_ms: int  # how long it takes to say
    available_ms: int  # how long there was
    said: str | None  # what is said instead (the title alone), or None: nothing
    recording: bool = False  # `text` is a teacher's recording, of a known length

    def describe(self) -> str:
        """`takes about 9.4s to say; there are 4.0s`: for a validation warning."""
        instead = f"; only `{self.said}` is said" if self.said else "; it is left out"
        available = format_seconds(max(0, self.available_ms))
        if self.recording:
            needed = format_seconds(self.needed_ms)
            return f"the recording lasts {needed}; there are {available}{instead}"
        return (
            f"the voice takes about {format_seconds(self.needed_ms)} to say this; there are "
            f"{available}{instead}"
        )


@dataclass(frozen=True, slots=True)
class Script:
    phrases: tuple[Phrase, ...]  # in the order they are said, none overlapping
    overruns: tuple[Overrun, ...]  # guiding phrases said shorter or left out

    def until(self, ms: int) -> tuple[Phrase, ...]:
        """The phrases starting before `ms`: what a session needs ready to begin."""
        return tuple(phrase for phrase in self.phrases if phrase.at_ms < ms)

    def texts(self) -> list[str]:
        """Each text said, once, in the order first said (recordings are not texts)."""
        return list(
            dict.fromkeys(phrase.text for phrase in self.phrases if phrase.recording is None)
        )

    def recordings_only(self) -> Script:
        """The teachers' recordings alone: what plays where no speech engine is."""
        return Script(
            tuple(phrase for phrase in self.phrases if phrase.recording is not None),
            tuple(overrun for overrun in self.overruns if overrun.recording),
        )


def estimate_ms(text: str) -> int:
    """How long `text` takes to say, estimated from its length (see MS_PER_CHARACTER)."""
    return SPEECH_OVERHEAD_MS + MS_PER_CHARACTER * len(text)


@dataclass(frozen=True, slots=True)
class _Wish:
    """A phrase wanted at a moment, before it is fitted in; `shorter` is said if it must."""

    text: str
    at_ms: int
    until_ms: int
    step_index: int
    kind: PhraseKind
    shorter: str | None = None
    recording: Path | None = None  # played instead of speaking `text`
    recording_ms: int = 0  # its length, known from its header


def plan_script(
    timeline: Timeline,
    options: ScriptOptions = ScriptOptions(),
    duration_of: DurationOf = estimate_ms,
) -> Script:
    """Everything the voice says in a session of `timeline`, fitted so nothing overlaps."""
    guiding = _guiding_wishes(timeline)
    phrases: list[Phrase] = []
    overruns: list[Overrun] = []
    recorded_until = 0  # a recording playing: the side changes it covers are not said
    for number, wish in enumerate(guiding):
        if wish.kind is PhraseKind.SIDE and wish.at_ms < recorded_until + PAUSE_MS:
            continue
        limit = wish.until_ms
        if number + 1 < len(guiding) and wish.recording is None:
            limit = min(limit, guiding[number + 1].at_ms - PAUSE_MS)
        phrase, overrun = _fit(wish, limit, duration_of)
        if phrase is not None:
            phrases.append(phrase)
            if phrase.recording is not None:
                recorded_until = phrase.end_ms
        if overrun is not None:
            overruns.append(overrun)
    phrases.extend(_fill(_counting_wishes(timeline, options), phrases, duration_of))
    phrases.sort(key=lambda phrase: phrase.at_ms)
    return Script(tuple(phrases), tuple(overruns))


def possible_texts(timeline: Timeline, options: ScriptOptions = ScriptOptions()) -> list[str]:
    """Every text the script of `timeline` may say, whatever the durations turn out to be:
    what to synthesise to know them (each once, in the order first wanted)."""
    texts: dict[str, None] = {}
    for wish in (*_guiding_wishes(timeline), *_counting_wishes(timeline, options)):
        if wish.recording is not None:
            continue
        texts[wish.text] = None
        if wish.shorter:
            texts[wish.shorter] = None
    return list(texts)


def _fit(wish: _Wish, limit: int, duration_of: DurationOf) -> tuple[Phrase | None, Overrun | None]:
    """`wish` said at its moment if it ends by `limit`, else its shorter form, else nothing."""
    recorded = wish.recording is not None
    needed = wish.recording_ms if recorded else duration_of(wish.text)
    available = limit - wish.at_ms
    if needed <= available:
        return _phrase(wish, wish.text, needed, limit), None
    said = None
    phrase = None
    if wish.shorter is not None:
        shorter = duration_of(wish.shorter)
        if shorter <= available:
            said = wish.shorter
            phrase = _phrase(wish, said, shorter, limit)
    overrun = Overrun(wish.step_index, wish.kind, wish.text, needed, available, said, recorded)
    return phrase, overrun


def _phrase(wish: _Wish, text: str, duration_ms: int, limit: int) -> Phrase:
    recording = wish.recording if text == wish.text else None
    return Phrase(text, wish.at_ms, limit, duration_ms, wish.step_index, wish.kind, recording)


def _fill(wishes: Iterable[_Wish], placed: list[Phrase], duration_of: DurationOf) -> list[Phrase]:
    """The counts that fit, at their exact moment, into the silences between `placed`.

    `placed` (the guiding phrases) never overlap, so their ends are in order as their
    starts are: only the last one starting before a count ends can be in its way. The
    counts come in time order, so only the last count added can be in the way too.
    """
    starts = [phrase.at_ms for phrase in placed]
    added: list[Phrase] = []
    for wish in wishes:
        duration = duration_of(wish.text)
        start, end = wish.at_ms, wish.at_ms + duration
        if end > wish.until_ms:
            continue
        before = bisect.bisect_left(starts, end + PAUSE_MS) - 1
        if before >= 0 and placed[before].end_ms + PAUSE_MS > start:
            continue
        if added and added[-1].end_ms + PAUSE_MS > start:
            continue
        added.append(_phrase(wish, wish.text, duration, wish.until_ms))
    return added


def _guiding_wishes(timeline: Timeline) -> list[_Wish]:
    """The step, side and end phrases, in time order (each at its own moment)."""
    wishes: list[_Wish] = []
    last = len(timeline.steps) - 1
    for step in timeline.steps:
        wish = _step_wish(step, last=step.index == last and step.index > 0)
        if wish is not None:
            wishes.append(wish)
        for segment in _segments_of(step, timeline):
            if segment.kind is SegmentKind.SWITCH and segment.side is not None:
                wishes.append(
                    _Wish(
                        f"Now the {segment.side} side.",
                        segment.start_ms,
                        segment.end_ms,
                        step.index,
                        PhraseKind.SIDE,
                    )
                )
    end = timeline.total_ms
    if timeline.steps:
        # After the last step nothing else is said: the end phrase may take its time.
        wishes.append(_Wish(END_TEXT, end, end + 60_000, last, PhraseKind.END))
    return wishes


def _step_wish(step: TimelineStep, *, last: bool) -> _Wish | None:
    """What is said as `step` starts: its `say:` if it has one, else its title and
    instructions; None: nothing."""
    say = step.say
    if say is None:
        return _default_step_wish(step, last=last)
    at, until = step.start_ms, step.end_ms
    if say.kind is SayKind.RECORDING:
        return _Wish(
            say.written,
            at,
            until,
            step.index,
            PhraseKind.STEP,
            recording=say.path,
            recording_ms=say.duration_ms,
        )
    if say.kind is SayKind.NONE:
        return _Wish(LAST_STEP, at, until, step.index, PhraseKind.STEP) if last else None
    words = sentence(say.written)
    if last:
        return _Wish(f"Last step: {words}", at, until, step.index, PhraseKind.STEP, LAST_STEP)
    return _Wish(words, at, until, step.index, PhraseKind.STEP)


LAST_STEP = "Last step."


def _default_step_wish(step: TimelineStep, *, last: bool) -> _Wish:
    title = sentence(step.title)
    if last:
        title = f"Last step: {title}"
    if step.sides:  # with eyes closed, nothing shows which side comes first
        title = f"{title} Start with the {step.sides[0]} side."
    instructions = " ".join(step.instructions.split())
    text = f"{title} {sentence(instructions)}" if instructions else title
    return _Wish(
        text,
        step.start_ms,
        step.end_ms,
        step.index,
        PhraseKind.STEP,
        shorter=title if instructions else None,
    )


def _counting_wishes(timeline: Timeline, options: ScriptOptions) -> list[_Wish]:
    """The count-downs and counts wanted, in time order."""
    wishes: list[_Wish] = []
    countdown_ms = options.countdown_s * 1000
    for segment in timeline.segments:
        counted = options.count_breaths and segment.is_breath
        if counted and segment.duration_ms >= COUNT_FROM_MS:
            for second, at in enumerate(range(segment.start_ms + 1000, segment.end_ms, 1000), 2):
                wishes.append(
                    _Wish(
                        number_word(second),
                        at,
                        segment.end_ms,
                        segment.step_index,
                        PhraseKind.COUNT,
                    )
                )
        elif countdown_ms and _counted_down(segment) and segment.duration_ms > countdown_ms:
            for left in range(options.countdown_s, 0, -1):
                at = segment.end_ms - left * 1000
                wishes.append(
                    _Wish(
                        number_word(left),
                        at,
                        segment.end_ms,
                        segment.step_index,
                        PhraseKind.COUNTDOWN,
                    )
                )
    return wishes


def _counted_down(segment: Segment) -> bool:
    """Rests, pose holds and breath holds count down to their end."""
    return segment.kind in _COUNTED_DOWN


_COUNTED_DOWN = frozenset(
    {SegmentKind.REST, SegmentKind.POSE, SegmentKind.HOLD, SegmentKind.HOLD_EMPTY}
)


def _segments_of(step: TimelineStep, timeline: Timeline) -> tuple[Segment, ...]:
    return timeline.segments[step.first_segment : step.first_segment + step.segment_count]


def sentence(text: str) -> str:
    """`text` ending as a sentence does, so a title is said as one ("Ankle pumps.")."""
    text = text.strip()
    return text if not text or text[-1] in ".!?…:" else f"{text}."


_NUMBER_WORDS = (
    *("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"),
    *("eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen"),
    *("eighteen", "nineteen", "twenty"),
)


def number_word(number: int) -> str:
    """`three`: a count as it is said (digits beyond twenty, which engines read aloud)."""
    return _NUMBER_WORDS[number] if 0 <= number < len(_NUMBER_WORDS) else str(number)


def has_recordings(timeline: Timeline) -> bool:
    """Whether a step of `timeline` plays its teacher's own recording (`say:` a WAV): then
    there is something to say even where no speech engine is."""
    return any(
        step.say is not None and step.say.kind is SayKind.RECORDING for step in timeline.steps
    )
