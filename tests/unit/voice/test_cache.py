"""Phrases made ahead and kept on disk: the real piper voice synthesises a handful of short
phrases once per test run (a session-wide folder); a second session speaks at once."""

from __future__ import annotations

import os
import sys
import threading
import wave
from pathlib import Path

import pytest

from breathe.core.timeline import Timeline, compile_timeline
from breathe.format.loader import load_routine
from breathe.format.wav import ACCEPTED_RATE, Sound
from breathe.voice.cache import (
    LATE_MS,
    WORKER_NICENESS,
    PhraseCache,
    Progress,
    cache_dir,
    prepare,
)
from breathe.voice.piper_engine import PiperEngine, VoiceFiles
from breathe.voice.script import END_TEXT, Phrase, PhraseKind, plan_script
from tests.unit.format.recordings import recording_samples, write_recording
from tests.unit.voice.conftest import JOE


@pytest.fixture
def cache(piper_engine: PiperEngine, phrase_folder: Path) -> PhraseCache:
    return PhraseCache(piper_engine, phrase_folder)


def broken_joe(folder: Path) -> PiperEngine:
    """A real piper engine whose voice file is damaged, under the joe voice's name: it can
    only answer from the cache, and raises SpeechError for anything else."""
    folder.mkdir(exist_ok=True)
    model = folder / f"{JOE}.onnx"
    model.write_bytes(b"damaged")
    model.with_name(model.name + ".json").write_text("{}")
    files = VoiceFiles.at(model)
    assert files is not None
    return PiperEngine(files)


def test_the_cache_lives_in_the_user_cache_dir(isolated_user_dirs: Path) -> None:
    assert cache_dir() == isolated_user_dirs / "cache" / "breathe" / "voice"


def test_a_phrase_is_kept_on_disk_as_a_wav_and_a_second_session_speaks_at_once(
    cache: PhraseCache, phrase_folder: Path, tmp_path: Path
) -> None:
    spoken = cache.synthesize("Now the right side.")
    path = cache.path("Now the right side.")
    with wave.open(str(path), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (
            1,
            2,
            ACCEPTED_RATE,
        )
        assert wav.readframes(wav.getnframes()) == spoken.frames
    assert not list(phrase_folder.glob("*.part"))  # written whole, then renamed

    # The next session: its engine cannot even load the voice, yet the phrase is there.
    later = PhraseCache(broken_joe(tmp_path / "voice"), phrase_folder)
    assert later.has("Now the right side.")
    assert later.duration_ms("Now the right side.") == len(spoken.frames) * 1000 // (2 * 44_100)
    assert later.synthesize("Now the right side.") == spoken  # its engine would raise
    assert later.get("Something never said.") is None


def test_the_key_is_engine_voice_and_text(
    cache: PhraseCache, piper_engine: PiperEngine, tmp_path: Path
) -> None:
    other_voice = VoiceFiles(tmp_path / "en_GB-other-low.onnx", tmp_path / "x.json")
    paths = {
        cache.path("Breathe in."),
        cache.path("Breathe out."),
        PhraseCache(PiperEngine(other_voice), cache.folder).path("Breathe in."),
    }
    assert len(paths) == 3
    assert PhraseCache(piper_engine, cache.folder).path("Breathe in.") == cache.path("Breathe in.")


def test_prepare_makes_the_first_minute_first_and_reports_progress(
    cache: PhraseCache, short: Timeline
) -> None:
    script = plan_script(short, duration_of=cache.duration_or_estimate)
    assert [phrase.text for phrase in script.phrases] == [
        "Settle.",
        "Last step: Twist. Start with the left side.",
        "Now the right side.",
        END_TEXT,
    ]
    seen: list[Progress] = []
    preparation = prepare(cache, script.phrases, until_ms=6000, on_progress=seen.append)
    assert preparation.wait_first(timeout=60)
    preparation.done.wait(60)
    assert preparation.error is None
    assert [(p.ready, p.needed, p.made, p.total) for p in seen] == [
        (1, 2, 1, 4),
        (2, 2, 2, 4),
        (2, 2, 3, 4),
        (2, 2, 4, 4),
    ]
    assert all(cache.has(text) for text in script.texts())

    # Planned again with the real lengths, the same phrases fit.
    again = plan_script(short, duration_of=cache.duration_or_estimate)
    assert again.overruns == ()
    assert [phrase.duration_ms for phrase in again.phrases] == [
        cache.duration_ms(phrase.text) for phrase in again.phrases
    ]


def test_a_phrase_plays_at_its_moment_or_not_at_all(cache: PhraseCache, short: Timeline) -> None:
    script = plan_script(short, duration_of=cache.duration_or_estimate)
    preparation = prepare(cache, script.phrases)
    assert preparation.done.wait(60)
    side = script.phrases[2]
    assert side.kind is PhraseKind.SIDE
    sound = preparation.sound_for(side, side.at_ms)
    assert sound is not None
    assert sound == cache.get(side.text)
    assert preparation.sound_for(side, side.at_ms + LATE_MS) == sound
    assert preparation.sound_for(side, side.at_ms + LATE_MS + 1) is None  # late: skipped
    assert preparation.sound_for(side, side.at_ms - 1) is None  # not yet
    # Longer than estimated, so it would run past its limit: skipped too.
    tight = Phrase(side.text, side.at_ms, side.at_ms + 200, 150, side.step_index, side.kind)
    assert preparation.sound_for(tight, tight.at_ms) is None


def test_a_phrase_not_ready_is_skipped_without_waiting(phrase_folder: Path, tmp_path: Path) -> None:
    """The engine cannot speak (its voice is damaged): nothing blocks, nothing is said."""
    cache = PhraseCache(broken_joe(tmp_path / "voice"), phrase_folder)
    never = Phrase("A phrase no engine here can say.", 0, 10_000, 2000, 0, PhraseKind.STEP)
    preparation = prepare(cache, [never])
    assert preparation.wait_first(timeout=10)
    assert preparation.done.wait(10)
    assert preparation.error is not None
    assert "could not be loaded" in str(preparation.error)
    assert preparation.sound_for(never, 0) is None
    assert preparation.progress() == Progress(0, 1, 0, 1)


@pytest.mark.skipif(sys.platform != "linux", reason="a thread's own priority is Linux's")
def test_phrases_after_the_first_window_are_made_at_a_lower_cpu_priority(
    cache: PhraseCache,
) -> None:
    """Those are made while the session plays: the worker (and the engine it runs) gives
    way to the event loop and the sound device's thread. The first window's, which the
    session waits for, are made at the app's priority. The priority is read where the
    worker shapes each phrase it made, on its own thread."""
    seen: list[int] = []

    def shape(sound: Sound) -> Sound:
        seen.append(os.getpriority(os.PRIO_PROCESS, threading.get_native_id()))
        return sound

    first = Phrase("Breathe in.", 0, 10_000, 1000, 0, PhraseKind.STEP)
    later = Phrase("Breathe out.", 70_000, 80_000, 1000, 1, PhraseKind.STEP)
    preparation = prepare(cache, [later, first], until_ms=60_000, shape=shape)
    assert preparation.done.wait(60)
    app = os.getpriority(os.PRIO_PROCESS, threading.get_native_id())
    assert seen == [app, min(19, app + WORKER_NICENESS)]  # in the order said
    assert os.getpriority(os.PRIO_PROCESS, threading.get_native_id()) == app  # this one's kept


def test_stopping_a_preparation_ends_its_thread(cache: PhraseCache) -> None:
    phrases = [
        Phrase(f"Breath {word}.", 10_000 * n, 10_000 * n + 5000, 1000, n, PhraseKind.STEP)
        for n, word in enumerate(("one", "two", "three", "four"))
    ]
    preparation = prepare(cache, phrases)
    assert preparation.running
    preparation.stop(timeout=30)
    assert preparation.done.is_set()
    assert not preparation.running
    assert preparation.progress().made < len(phrases)  # it stopped before the end


def test_with_nothing_to_say_in_the_first_window_the_session_starts_at_once(
    cache: PhraseCache,
) -> None:
    later = Phrase("Now the left side.", 120_000, 130_000, 1500, 3, PhraseKind.SIDE)
    preparation = prepare(cache, [later], until_ms=60_000)
    assert preparation.first_minute.is_set()
    preparation.stop(timeout=30)


# -- teachers' recordings (a step's `say:`) ---------------------------------------------------

RECORDED = """\
title: Recorded
steps:
  - rest: Settle
    duration: 4s
    say: rec/settle.wav
  - rest: Rest
    duration: 4s
"""


def recorded(folder: Path) -> Timeline:
    path = folder / "recorded.yaml"
    path.write_text(RECORDED, encoding="utf-8")
    return compile_timeline(load_routine(path))


def test_without_an_engine_the_recordings_alone_are_made_ready_mono(tmp_path: Path) -> None:
    write_recording(tmp_path / "rec" / "settle.wav", 1500, channels=2)
    script = plan_script(recorded(tmp_path)).recordings_only()
    (phrase,) = script.phrases
    preparation = prepare(None, script.phrases)
    assert preparation.done.wait(10) and preparation.first_minute.is_set()
    assert preparation.ready(tmp_path.resolve() / "rec" / "settle.wav")
    assert preparation.sound_for(phrase, 0) == Sound(
        recording_samples(1500).tobytes(), 1, ACCEPTED_RATE
    )  # the stereo recording's two equal channels, made one
    assert preparation.progress() == Progress(1, 1, 1, 1)


def test_a_recording_gone_since_the_routine_loaded_is_left_out(tmp_path: Path) -> None:
    recording = write_recording(tmp_path / "rec" / "settle.wav", 1500)
    script = plan_script(recorded(tmp_path))
    recording.unlink()
    preparation = prepare(None, script.phrases)
    assert preparation.done.wait(10) and preparation.first_minute.is_set()
    assert preparation.sound_for(script.phrases[0], 0) is None
    ((path, error),) = preparation.unreadable
    assert path == recording.resolve() and "cannot be read" in error.message
