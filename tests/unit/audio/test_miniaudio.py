"""Sound through the real miniaudio backend, into an ALSA file sink (no sound card needed),
and what `auto` does when it cannot play: simpleaudio where it runs, then the terminal's
bell, then silence, with one line saying why.

miniaudio is a regular dependency, so nothing here is skipped: a machine where these
fail is one where a plain install plays no cues.
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
import tomllib
from array import array
from pathlib import Path

import pytest

from breathe.audio.cue_player import CuePlayer
from breathe.audio.cues import cues_for, timeline_sounds
from breathe.audio.miniaudio_backend import MINIAUDIO_REQUIREMENT, PERIOD_MS, MiniaudioBackend
from breathe.audio.mixer import ducked
from breathe.audio.playback import (
    BellBackend,
    SilentBackend,
    SimpleaudioBackend,
    Sound,
    at_volume,
    open_backend,
    read_wav,
    simpleaudio_runs_here,
)
from breathe.core.engine import Session, SessionState
from breathe.core.options import PlayOptions
from breathe.core.paste import pip_install
from breathe.core.timeline import compile_timeline
from breathe.format.loader import parse_routine
from tests.support.audio import path_of
from tests.support.clock import to_next_deadline
from tests.support.player import (
    START,
    FakeClock,
    player_app,
    session_screen,
    start_short_routine,
    write_short_routine,
)
from tests.support.repo import REPO, WriteRoutine
from tests.unit.audio.sink import (
    NO_DEFAULT_CONFIG,
    NO_DEVICE_CONFIG,
    in_order,
    only_silence_besides,
    samples,
    stereo,
    stream_until,
    use_sink,
)

BUNDLED = REPO / "sounds"


@pytest.fixture
def capture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    return use_sink(tmp_path, monkeypatch)


@pytest.fixture
def backend(capture: Path) -> MiniaudioBackend:
    return MiniaudioBackend()


def test_a_cue_reaches_the_device_byte_for_byte(capture: Path, backend: MiniaudioBackend) -> None:
    sound = read_wav(BUNDLED / "inhale.wav")
    backend.play(sound)
    stream = stream_until(capture, stereo(sound))
    backend.close()
    assert only_silence_besides(stream, [stereo(sound)])


def test_an_authors_stereo_wav_reaches_the_device_as_the_file_holds_it(
    capture: Path, backend: MiniaudioBackend
) -> None:
    from array import array

    frames = array("h", [((i * 37) % 2000 - 1000) * (1 + i % 2) for i in range(2 * 6000)])
    sound = Sound(frames.tobytes(), 2, 44_100)
    backend.play(sound)
    stream = stream_until(capture, sound.frames)
    backend.close()
    assert only_silence_besides(stream, [sound.frames])


def test_a_short_session_plays_exactly_the_expected_cues_in_order(
    capture: Path, backend: MiniaudioBackend
) -> None:
    routine = parse_routine(
        textwrap.dedent("""
        title: Cues
        steps:
          - breathe: Box
            pattern: 2-1-2-1
            cycles: 2
          - pose: Twist
            hold: 5s
            sides: both
            switch: 2s
        """).encode(),
        "cues.yaml",
        "cues",
    )
    timeline = compile_timeline(routine)
    clock = FakeClock()
    session = Session(timeline, clock)
    player = CuePlayer(backend, 100, on_failure=pytest.fail)
    assert player.load(timeline_sounds(timeline)) == []
    names: list[str] = []
    heard: list[bytes] = []

    def sound(events: list) -> None:  # type: ignore[type-arg]
        for cue in cues_for(events, timeline):
            names.append(cue.name)
            heard.append(stereo(player.sounds[path_of(cue.sound)]))
            player.play([cue])
            stream_until(capture, *heard)  # one at a time: each cue is heard whole

    sound(session.start())
    while to_next_deadline(session, clock):
        sound(session.poll())
    player.close()
    assert names == [
        "start",
        *("hold", "exhale", "hold"),  # cycle 1 after the start (which the bells announce)
        *("inhale", "hold", "exhale", "hold"),
        *("step", "switch", "end"),  # the pose's first hold is announced by the step bell
    ]
    expected = [stereo(read_wav(BUNDLED / f"{name}.wav")) for name in names]
    assert only_silence_besides(capture.read_bytes(), expected)


def test_a_cue_that_comes_while_another_sounds_is_mixed_into_it(
    capture: Path, backend: MiniaudioBackend
) -> None:
    """As two cues played through simpleaudio sound together: the later one is added to
    the rest of the earlier one, from the moment it comes."""
    long = at_volume(read_wav(BUNDLED / "end.wav"), 40)  # quiet: their sum never clips
    short = at_volume(read_wav(BUNDLED / "switch.wav"), 40)
    backend.play(long)
    opening = stereo(long)[: 4 * 4410]  # its first 100 ms
    stream_until(capture, opening)
    backend.play(short)
    time.sleep(0.3)
    backend.play(Sound(b"", 1, 44_100))  # nothing: changes nothing
    start = capture.read_bytes().find(opening)
    while capture.stat().st_size < start + len(stereo(long)):  # the long one has ended
        time.sleep(0.05)
    backend.close()
    stream = capture.read_bytes()
    heard = samples(stream[start : start + len(stereo(long))])
    added = [h - s for h, s in zip(heard, samples(stereo(long)), strict=True)]
    onset = next(index for index, value in enumerate(added) if value)
    first = next(index for index, value in enumerate(samples(stereo(short))) if value)
    at = onset - first  # where the short one came in
    assert at > 0 and at % 2 == 0  # after the long one began, on a frame
    short_samples = list(samples(stereo(short)))
    assert added[at : at + len(short_samples)] == short_samples
    assert not any(added[at + len(short_samples) :]) and not any(added[:at])


def test_a_cue_under_a_phrase_sounds_at_the_ducked_level_and_alone_at_its_own(
    capture: Path, backend: MiniaudioBackend
) -> None:
    """The voice speaks through the cues' player: while a phrase sounds the cue is
    lowered by DUCK_DB, and after it the same cue sounds at its own level."""
    player = CuePlayer(backend, 100, on_failure=pytest.fail)
    phrase = Sound(array("h", [1000] * 44_100).tobytes(), 1, 44_100)  # 1 s, steady
    cue = at_volume(read_wav(BUNDLED / "switch.wav"), 40)  # 0.55 s: it fits under the phrase
    player.speak(phrase)
    stream_until(capture, stereo(phrase)[: 4 * 441])  # the phrase is sounding
    backend.play(cue)
    under = array("h", [1000 + value for value in ducked(samples(stereo(cue)))]).tobytes()
    assert in_order(stream_until(capture, under), [under]) is not None
    assert under != array("h", [1000 + v for v in samples(stereo(cue))]).tobytes()
    ended = stereo(phrase)[: 4 * 441] + bytes(4 * 441)  # the phrase's last 10 ms, then quiet
    assert in_order(stream_until(capture, under, ended), [under, ended]) is not None
    backend.play(cue)  # alone now: at its own level
    stream = stream_until(capture, under, ended, stereo(cue))
    backend.close()
    assert in_order(stream, [under, ended, stereo(cue)]) is not None


def test_closing_stops_what_is_sounding(capture: Path, backend: MiniaudioBackend) -> None:
    long = stereo(read_wav(BUNDLED / "end.wav"))  # 3.8 s
    backend.play(read_wav(BUNDLED / "end.wav"))
    stream_until(capture, long[: 4 * 4410])
    backend.close()
    size = capture.stat().st_size
    time.sleep(0.3)
    assert capture.stat().st_size == size  # the stream has stopped
    assert long not in capture.read_bytes()  # the rest of the cue was never played


def test_while_a_backend_is_open_the_device_thread_waits_briefly_for_the_gil(
    capture: Path,
) -> None:
    """The device's thread runs Python for every 5 ms period. With the interpreter's
    default switch interval (5 ms) it waited as long as a period for the GIL behind a busy
    event loop, and handed the stream over at only the pace it plays; while a backend is
    open it waits at most a tenth of a period, and the interval before comes back when the
    last backend closes (see breathe.audio.miniaudio_backend)."""
    before = sys.getswitchinterval()
    first, second = MiniaudioBackend(), MiniaudioBackend()
    assert sys.getswitchinterval() <= PERIOD_MS / 1000 / 10
    first.close()
    first.close()  # closing twice gives it back once
    assert sys.getswitchinterval() <= PERIOD_MS / 1000 / 10  # the other is still open
    second.close()
    assert sys.getswitchinterval() == before


def test_auto_plays_through_miniaudio_where_it_works(capture: Path) -> None:
    backend, reason = open_backend("auto", lambda: pytest.fail("the bell rang"))
    assert (backend.name, reason) == ("miniaudio", None)
    sound = read_wav(BUNDLED / "hold.wav")
    backend.play(sound)
    assert in_order(stream_until(capture, stereo(sound)), [stereo(sound)]) is not None
    backend.close()


def test_the_choice_of_miniaudio_plays_through_it(capture: Path) -> None:
    backend, reason = open_backend("miniaudio", lambda: None)
    assert (backend.name, reason) == ("miniaudio", None)
    backend.close()


def open_in_a_process(choice: str, config: str, tmp_path: Path) -> tuple[list[str], str]:
    """`open_backend(choice)` in a fresh process whose ALSA reads `config`; what it printed
    (the backend's name, the reason, what a cue then did) and its stderr."""
    (tmp_path / "alsa.conf").write_text(config)
    script = textwrap.dedent("""
        from breathe.audio.playback import Sound, open_backend
        backend, reason = open_backend(CHOICE, lambda: print("ring"))
        print(backend.name)
        print(reason)
        backend.play(Sound(bytes(2 * 4410), 1, 44_100))
        backend.close()
        """).replace("CHOICE", repr(choice))
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "ALSA_CONFIG_PATH": str(tmp_path / "alsa.conf")},
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.splitlines(), result.stderr


@pytest.mark.parametrize("config", [NO_DEFAULT_CONFIG, NO_DEVICE_CONFIG])
def test_without_a_device_auto_rings_the_bell_says_why_and_alsa_stays_off_the_screen(
    config: str, tmp_path: Path
) -> None:
    """No default device (or one naming a card that is not there): neither library can
    play, so the terminal's bell rings the cues, and one line says why."""
    (name, reason, *cue), stderr = open_in_a_process("auto", config, tmp_path)
    assert name == "bell" and cue == ["ring"]
    assert reason == (
        "no sound: the sound device cannot be opened (the device would not open); "
        "the terminal bell rings the cues instead"
    )
    assert stderr == ""  # libasound's own complaints are silenced


def test_without_a_device_the_choice_of_miniaudio_falls_silent_and_says_why(
    tmp_path: Path,
) -> None:
    (name, reason, *cue), stderr = open_in_a_process("miniaudio", NO_DEFAULT_CONFIG, tmp_path)
    assert (name, cue, stderr) == ("off", [], "")
    assert reason == "no sound: the sound device cannot be opened (the device would not open)"


def test_without_a_device_or_a_terminal_auto_falls_silent(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "alsa.conf").write_text(NO_DEFAULT_CONFIG)
    monkeypatch.setenv("ALSA_CONFIG_PATH", str(tmp_path / "alsa.conf"))
    backend, reason = open_backend("auto", None)
    assert isinstance(backend, SilentBackend)
    assert reason == "no sound: the sound device cannot be opened (the device would not open)"


def test_without_miniaudio_auto_takes_simpleaudio_where_it_runs_else_the_bell(
    capture: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setitem(sys.modules, "miniaudio", None)  # import fails as if not installed
    backend, reason = open_backend("auto", lambda: None)
    try:
        if simpleaudio_runs_here() and simpleaudio_installed():
            assert isinstance(backend, SimpleaudioBackend) and reason is None
            return
        assert isinstance(backend, BellBackend)
        hint = pip_install(MINIAUDIO_REQUIREMENT)
        assert reason == (
            f"no sound: miniaudio is not installed ({hint}); "
            "the terminal bell rings the cues instead"
        )
    finally:
        backend.close()


def test_without_miniaudio_the_choice_of_it_says_how_to_install_it_here(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "miniaudio", None)
    backend, reason = open_backend("miniaudio", lambda: None)
    assert isinstance(backend, SilentBackend)
    assert reason == f"no sound: miniaudio is not installed ({pip_install(MINIAUDIO_REQUIREMENT)})"
    assert sys.executable in reason  # this Python's pip, not whichever `pip` is on PATH


def simpleaudio_installed() -> bool:
    try:
        import simpleaudio  # noqa: F401
    except ImportError:
        return False
    return True


def test_every_install_has_miniaudio_as_the_backend_requires_it() -> None:
    project = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]
    assert MINIAUDIO_REQUIREMENT in project["dependencies"]  # not an extra: a plain install


async def test_a_session_started_at_once_is_heard_through_miniaudio_from_its_start_bells(
    capture: Path, user_routines: Path, write_routine: WriteRoutine
) -> None:
    """`breathe play` with the default sound: the session waits for the device, opened in
    a worker, so its start bells reach it."""
    write_short_routine(write_routine, user_routines)
    clock = FakeClock(START)
    app = player_app(user_routines, clock, PlayOptions(sound="auto", voice="off"))
    async with app.run_test(size=(100, 32)) as pilot:
        await start_short_routine(pilot)
        screen = session_screen(app)
        for _ in range(200):
            if screen.session.state is SessionState.RUNNING:
                break
            await pilot.pause(0.01)
        assert screen.session.state is SessionState.RUNNING
        assert screen.session.position_ms() == 0  # its clock starts with the sound
        start = stereo(read_wav(BUNDLED / "start.wav"))
        assert only_silence_besides(stream_until(capture, start), [start])
