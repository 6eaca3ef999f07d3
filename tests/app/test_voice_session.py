"""The voice in a live session: its phrases are said at their moments through the same
player as the cues (the real miniaudio backend, into the ALSA capture sink), with the real
espeak-ng engine; a phrase not ready at its moment is left out, never said late.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from breathe.core.engine import SessionState
from breathe.core.options import PlayOptions
from breathe.ui.app import BreatheApp
from breathe.voice.cache import PhraseCache
from breathe.voice.espeak_engine import EspeakEngine
from tests.support.player import START, FakeClock, advance_to, player_app, session_screen
from tests.support.repo import WriteRoutine
from tests.unit.audio.sink import in_order, only_silence_besides, stereo, stream_until, use_sink
from tests.unit.voice.conftest import missing

# Silent cues, so that the sink holds the voice alone: each phrase is found there whole.
SPOKEN = """
title: Spoken
sounds:
  start: none
  step: none
  end: none
steps:
  - rest: Settle
    duration: 4s
  - rest: Rest
    duration: 4s
"""


@pytest.fixture
def espeak() -> EspeakEngine:
    program = shutil.which("espeak-ng")
    if program is None:
        missing("espeak-ng (Debian: apt-get install espeak-ng)")
    assert program is not None
    return EspeakEngine(program)


def toasts(app: BreatheApp) -> list[str]:
    """The notifications on screen, each as its title and message."""
    return [str(toast.render()) for toast in app.screen.query("Toast")]


async def wait_for(pilot: object, condition: object, tries: int = 1000) -> None:
    from textual.pilot import Pilot

    assert isinstance(pilot, Pilot) and callable(condition)
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.01)
    raise AssertionError("waited in vain")


async def test_the_voice_says_each_step_and_the_end_at_its_moment(
    user_routines: Path,
    write_routine: WriteRoutine,
    espeak: EspeakEngine,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    sink = use_sink(tmp_path, monkeypatch)
    write_routine("spoken", SPOKEN, folder=user_routines)
    clock = FakeClock(START)
    options = PlayOptions(sound="miniaudio", voice="espeak-ng")
    app = player_app(user_routines, clock, options)
    async with app.run_test(size=(100, 32)) as pilot:
        assert isinstance(app, BreatheApp)
        entry = app.catalog.entries["spoken"]
        app.start_session(entry, app.catalog.timeline(entry))
        screen = session_screen(app)
        await wait_for(pilot, lambda: screen.session.state is SessionState.RUNNING)
        await wait_for(pilot, lambda: screen.guide is not None)
        guide = screen.guide
        assert guide is not None
        assert guide.preparation.done.wait(30)  # every phrase made, in the background
        texts = [phrase.text for phrase in guide.script.phrases]
        assert texts == [
            "Settle.",
            "Last step: Rest.",
            "That is the end of the session. Stay here as long as you like.",
        ]
        first, second, end = (PhraseCache(espeak, tmp_path / "own").synthesize(t) for t in texts)
        # The first phrase, if it was ready as the session began, is heard whole before
        # the next is said: the sink plays in real time (on a loaded machine, later than
        # the fake clock), and two phrases given to the mixer at once would sound together.
        heard = stream_until(sink, stereo(first), timeout=first.seconds + 3)
        first_said = in_order(heard, [stereo(first)]) is not None
        await advance_to(pilot, clock, 4)  # the second step starts: its phrase is said
        heard = stream_until(sink, stereo(second), timeout=second.seconds + 5)
        assert in_order(heard, [stereo(second)]) is not None, "the second step's phrase"
        await advance_to(pilot, clock, 8)  # the end, and its phrase
        said = [stereo(second), stereo(end)]
        stream = stream_until(sink, *said)
    assert in_order(stream, said) is not None
    # Nothing else sounded: no cue (all silent here), no phrase late. The first phrase was
    # made after the session began: it is left out, unless it was ready in time.
    assert only_silence_besides(stream, [stereo(first), *said] if first_said else said)


async def test_a_voice_asked_for_without_sound_is_said_once_calmly(
    user_routines: Path, write_routine: WriteRoutine
) -> None:
    write_routine("spoken", SPOKEN, folder=user_routines)
    app = player_app(user_routines, FakeClock(START), PlayOptions(sound="off", voice="piper"))
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        entry = app.catalog.entries["spoken"]
        app.start_session(entry, app.catalog.timeline(entry))
        await pilot.pause()
        assert toasts(app) == ["Voice\nNo voice: sound is off, and the voice speaks through it."]
        assert session_screen(app).guide is None


async def test_the_voice_left_to_auto_says_nothing_without_sound(
    user_routines: Path, write_routine: WriteRoutine
) -> None:
    write_routine("spoken", SPOKEN, folder=user_routines)
    app = player_app(user_routines, FakeClock(START), PlayOptions(sound="off"))
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        entry = app.catalog.entries["spoken"]
        app.start_session(entry, app.catalog.timeline(entry))
        await pilot.pause()
        assert toasts(app) == []
        assert session_screen(app).guide is None


async def test_a_voice_asked_for_where_only_the_bell_sounds_is_said_once_calmly(
    user_routines: Path, write_routine: WriteRoutine
) -> None:
    write_routine("spoken", SPOKEN, folder=user_routines)
    options = PlayOptions(sound="bell", voice="espeak-ng")
    app = player_app(user_routines, FakeClock(START), options)
    async with app.run_test(size=(100, 32), notifications=True) as pilot:
        entry = app.catalog.entries["spoken"]
        app.start_session(entry, app.catalog.timeline(entry))
        screen = session_screen(app)
        await wait_for(pilot, lambda: screen.session.state is SessionState.RUNNING)
        await wait_for(pilot, lambda: bool(toasts(app)))
        assert toasts(app) == ["Voice\nNo voice: no sound device can speak here."]
        assert screen.guide is None
