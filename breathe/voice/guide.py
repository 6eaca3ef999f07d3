"""The voice of one session, as a player and a render use it.

A player starts a `Guide` when the session is chosen (the phrases of the first minute are
made while a progress bar shows `preparation.progress()`), waits for
`preparation.first_minute`, then asks `due(position)` at each moment it polls the engine:
it gets the phrases to start now, each with its sound. A phrase whose moment has passed is
answered once: with its sound if it is ready and not late, else never. After a skip, a
restart or going back, `seek(position)` makes the phrases from there on due again.

A person who pauses or goes on hears it said ("Paused.", "Go on."): these asides are
made with the first phrases, and `aside` gives one only when it is ready and ends before
the script's next phrase, so it is never late and never runs into the guidance.

`track` gives every phrase of a script with its sound, made where it is not yet cached,
for `breathe render` to mix in at its sample.

Without a speech engine (`engine` None) a guide plays the teachers' own recordings alone
(steps' `say:`): they need no synthesis.
"""

from __future__ import annotations

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from breathe.core.timeline import Timeline
from breathe.format.wav import Sound, SoundFileError
from breathe.voice.cache import (
    FIRST_MINUTE_MS,
    PhraseCache,
    Preparation,
    Progress,
    prepare,
    read_recording,
)
from breathe.voice.script import (
    PAUSE_MS,
    Phrase,
    PhraseKind,
    Script,
    ScriptOptions,
    estimate_ms,
    plan_script,
)
from breathe.voice.speech import SpeechEngine, SpeechError

PAUSED_TEXT = "Paused."
GO_ON_TEXT = "Go on."
ASIDES = (PAUSED_TEXT, GO_ON_TEXT)
"""Said when a person pauses and goes on: not on the timeline, so not in the script."""


@dataclass(slots=True)
class Guide:
    script: Script
    preparation: Preparation
    _next: int = field(default=0, init=False)  # the first phrase not yet answered

    @classmethod
    def start(
        cls,
        timeline: Timeline,
        engine: SpeechEngine | None,
        options: ScriptOptions | None = None,
        *,
        folder: Path | None = None,
        until_ms: int = FIRST_MINUTE_MS,
        on_progress: Callable[[Progress], None] | None = None,
        shape: Callable[[Sound], Sound] | None = None,
    ) -> Guide:
        """Plan what is said (with the real lengths of phrases already cached) and start
        making the phrases in the background, the first `until_ms` first; each made is
        passed through `shape` (the player's volume) there."""
        cache = PhraseCache(engine, folder) if engine is not None else None
        script = _planned(timeline, options or ScriptOptions(), cache)
        # The asides are made right after the first phrase (made in the order said), so
        # that they are ready from the first minute on, and a session started at once
        # still hears its first words first. Without an engine (a teacher's recordings
        # alone) nothing can say them.
        first_ms = script.phrases[0].at_ms if script.phrases else 0
        asides = [aside_phrase(text, first_ms, first_ms) for text in ASIDES] if cache else []
        phrases = [*script.phrases, *asides]
        return cls(script, prepare(cache, phrases, until_ms, on_progress, shape))

    def due(self, position_ms: int) -> list[tuple[Phrase, Sound]]:
        """The phrases to start at `position_ms` on the timeline, with their sounds. Every
        phrase whose moment has come is answered once; one not ready is skipped."""
        phrases = self.script.phrases
        starting: list[tuple[Phrase, Sound]] = []
        while self._next < len(phrases) and phrases[self._next].at_ms <= position_ms:
            phrase = phrases[self._next]
            self._next += 1
            sound = self.preparation.sound_for(phrase, position_ms)
            if sound is not None:
                starting.append((phrase, sound))
        return starting

    def aside(self, text: str, position_ms: int) -> Sound | None:
        """`text` (one of ASIDES) to say now, at `position_ms` on the timeline: its sound
        if it is ready and ends before the script's next phrase is due (with the pause
        between phrases); else None, and nothing is said. Paused, the timeline stands
        still, so the next phrase is at least as far off on the clock as on the timeline."""
        phrases = self.script.phrases
        following = phrases[self._next].at_ms if self._next < len(phrases) else None
        limit = position_ms + 24 * 3_600_000 if following is None else following - PAUSE_MS
        return self.preparation.sound_for(aside_phrase(text, position_ms, limit), position_ms)

    def seek(self, position_ms: int) -> None:
        """Make the phrases from `position_ms` on due again (after a skip or a restart)."""
        moments = [phrase.at_ms for phrase in self.script.phrases]
        self._next = bisect.bisect_left(moments, position_ms)

    def stop(self, timeout: float | None = None) -> None:
        """Stop making phrases (the session ended); what is made stays cached. Waits up to
        `timeout` for the phrase being made (a screen passes 0: it never waits)."""
        self.preparation.stop(timeout)


def aside_phrase(text: str, at_ms: int, until_ms: int) -> Phrase:
    """An aside as a phrase: said at `at_ms`, done by `until_ms`; of its own kind (ASIDE),
    so that nothing takes it for a side change, and of no step (index -1)."""
    return Phrase(text, at_ms, until_ms, estimate_ms(text), -1, PhraseKind.ASIDE)


def _planned(timeline: Timeline, options: ScriptOptions, cache: PhraseCache | None) -> Script:
    """The script, with the real lengths of the phrases cached; without an engine (no
    cache), its teachers' recordings alone."""
    if cache is None:
        return plan_script(timeline, options).recordings_only()
    return plan_script(timeline, options, cache.duration_or_estimate)


def track(script: Script, cache: PhraseCache | None) -> list[tuple[Phrase, Sound]]:
    """Every phrase of `script` that can be said, with its sound (made now if it must be):
    what a render mixes in, each at its phrase's `at_ms`. A phrase whose real sound is
    too long to end by its limit is left out, as a live session leaves it out."""
    said: list[tuple[Phrase, Sound]] = []
    for phrase in script.phrases:
        try:
            if phrase.recording is not None:
                sound = read_recording(phrase.recording)
            elif cache is not None:
                sound = cache.synthesize(phrase.text)
            else:
                continue
        except (SpeechError, SoundFileError):
            continue
        if phrase.at_ms + round(sound.seconds * 1000) <= phrase.until_ms:
            said.append((phrase, sound))
    return said


def spoken_track(
    timeline: Timeline,
    engine: SpeechEngine | None,
    options: ScriptOptions | None = None,
    *,
    folder: Path | None = None,
) -> list[tuple[Phrase, Sound]]:
    """What a render of `timeline` says, each phrase with its sound: planned once with the
    lengths known, its phrases made (or taken from the cache), then planned again with
    their real lengths, so that no phrase is left out for an estimate that was wrong."""
    cache = PhraseCache(engine, folder) if engine is not None else None
    options = options or ScriptOptions()
    if cache is not None:
        track(_planned(timeline, options, cache), cache)
    return track(_planned(timeline, options, cache), cache)
