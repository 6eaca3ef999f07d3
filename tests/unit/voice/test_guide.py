"""The voice of a session as a player asks for it, and as a render mixes it in: the real
piper voice, the phrases cached for the whole test run."""

from __future__ import annotations

from pathlib import Path

import pytest

from breathe.core.timeline import Timeline
from breathe.voice.cache import LATE_MS, PhraseCache
from breathe.voice.guide import ASIDES, GO_ON_TEXT, PAUSED_TEXT, Guide, aside_phrase, track
from breathe.voice.piper_engine import PiperEngine
from breathe.voice.script import END_TEXT, GUIDING, PhraseKind, plan_script


@pytest.fixture
def guide(short: Timeline, piper_engine: PiperEngine, phrase_folder: Path) -> Guide:
    guide = Guide.start(short, piper_engine, folder=phrase_folder)
    assert guide.preparation.first_minute.wait(60)
    assert guide.preparation.done.wait(60)
    return guide


def test_each_phrase_is_due_once_at_its_moment(guide: Guide) -> None:
    settle, twist, side, end = guide.script.phrases
    assert [phrase for phrase, _ in guide.due(0)] == [settle]
    assert guide.due(0) == []  # answered once
    assert guide.due(4999) == []
    assert [phrase.text for phrase, _ in guide.due(5000)] == [twist.text]
    due = guide.due(side.at_ms + 10)
    assert [phrase for phrase, _ in due] == [side]
    cache = guide.preparation.cache
    assert cache is not None  # a guide with an engine has its cache
    assert due[0][1] == cache.get(side.text)
    assert [phrase.text for phrase, _ in guide.due(end.at_ms)] == [END_TEXT]
    guide.stop()


def test_a_phrase_asked_for_late_is_skipped_for_good(guide: Guide) -> None:
    settle, twist, *_ = guide.script.phrases
    assert guide.due(twist.at_ms + LATE_MS + 1) == []  # both moments passed: neither said
    guide.seek(twist.at_ms)  # going back to the step: it is due again
    assert [phrase for phrase, _ in guide.due(twist.at_ms)] == [twist]
    guide.seek(0)
    assert [phrase for phrase, _ in guide.due(0)] == [settle]


def test_pausing_and_going_on_are_made_with_the_first_minute(
    short: Timeline, piper_engine: PiperEngine, tmp_path: Path
) -> None:
    """The asides are among what a session waits for, made right after its first words."""
    guide = Guide.start(short, piper_engine, folder=tmp_path)
    assert guide.preparation.first_minute.wait(60)
    cache = guide.preparation.cache
    assert cache is not None
    assert cache.has(PAUSED_TEXT) and cache.has(GO_ON_TEXT)
    progress = guide.preparation.progress()
    assert progress.needed == len(guide.script.until(60_000)) + 2
    guide.stop()


def test_an_aside_is_said_only_where_it_ends_before_the_next_phrase(guide: Guide) -> None:
    _, twist, *_ = guide.script.phrases
    guide.due(0)  # the first step's words: the next phrase is the twist's, at 5 s
    paused = guide.aside(PAUSED_TEXT, 1000)
    cache = guide.preparation.cache
    assert cache is not None
    assert paused is not None and paused == cache.get(PAUSED_TEXT)
    # Too near the twist's words: it would run into them, so nothing is said.
    assert guide.aside(GO_ON_TEXT, twist.at_ms - 100) is None
    assert guide.aside("not an aside", 1000) is None  # never made: never said
    guide.stop()


def test_an_aside_is_of_its_own_kind_never_a_side_change(short: Timeline) -> None:
    """ "Paused." and "Go on." are asides: what treats side changes specially (the sides a
    teacher's recording covers, validate's hint to lengthen `switch:`) never sees them, and
    the script's side changes are the routine's own."""
    for text in ASIDES:
        phrase = aside_phrase(text, 1000, 5000)
        assert phrase.kind is PhraseKind.ASIDE
        assert phrase.kind not in GUIDING and phrase.step_index == -1
    sides = [phrase for phrase in plan_script(short).phrases if phrase.kind is PhraseKind.SIDE]
    assert sides and all(phrase.text not in ASIDES for phrase in sides)


def test_the_render_track_holds_every_phrase_at_its_moment(
    short: Timeline, piper_engine: PiperEngine, phrase_folder: Path
) -> None:
    cache = PhraseCache(piper_engine, phrase_folder)
    script = plan_script(short, duration_of=cache.duration_or_estimate)
    placed = track(script, cache)
    assert [phrase for phrase, _ in placed] == list(script.phrases)
    for phrase, sound in placed:
        assert sound == cache.get(phrase.text)
        assert phrase.at_ms + sound.seconds * 1000 <= phrase.until_ms
