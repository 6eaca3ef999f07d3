"""Sound through the real simpleaudio backend, into an ALSA file sink (no sound card
needed), and the graceful silence when there is no simpleaudio or no device.

The sink (tests/unit/audio/sink.py) writes whatever simpleaudio plays into
AUDIO_CAPTURE_FILE, truncating it at every play, so a test collects each cue's bytes
before the next one. On a developer machine without the audio extra these tests are
skipped; under CI (CI=true) a missing simpleaudio is a failure, so they always run there.
miniaudio, which `auto` prefers, has its own tests (test_miniaudio.py).
"""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
import tomllib
from pathlib import Path

import pytest

from breathe.audio.cue_player import CuePlayer
from breathe.audio.cues import cues_for, timeline_sounds
from breathe.audio.playback import (
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
from breathe.core.timeline import compile_timeline
from breathe.format.loader import load_routine, parse_routine
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
from tests.support.repo import REPO, WriteRoutine, where_simpleaudio_runs
from tests.unit.audio.sink import NO_DEVICE_CONFIG, collect, use_sink


def need_simpleaudio() -> None:
    if not simpleaudio_runs_here():
        pytest.skip("simpleaudio crashes this Python (3.12 and newer): breathe never uses it here")
    try:
        import simpleaudio  # noqa: F401
    except ImportError:
        if os.environ.get("CI"):
            pytest.fail("CI must install the audio extra: simpleaudio is missing")
        pytest.skip("the audio extra is not installed (needs libasound2-dev)")


@pytest.fixture
def capture(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    need_simpleaudio()
    return use_sink(tmp_path, monkeypatch)


def test_a_cue_reaches_the_device_byte_for_byte(capture: Path) -> None:
    backend = SimpleaudioBackend()
    collect(capture, 2 * 441)  # the moment of silence played when the device is opened
    sound = read_wav(REPO / "sounds" / "inhale.wav")
    backend.play(sound)
    assert collect(capture, len(sound.frames)) == sound.frames
    backend.close()


def test_volume_scales_the_samples(capture: Path) -> None:
    sound = read_wav(REPO / "sounds" / "exhale.wav")
    quiet = at_volume(sound, 25)
    backend = SimpleaudioBackend()
    collect(capture, 2 * 441)
    backend.play(quiet)
    played = collect(capture, len(quiet.frames))
    assert played == quiet.frames != sound.frames
    loud = max(
        abs(int.from_bytes(sound.frames[i : i + 2], "little", signed=True))
        for i in range(0, len(sound.frames), 2)
    )
    soft = max(
        abs(int.from_bytes(played[i : i + 2], "little", signed=True))
        for i in range(0, len(played), 2)
    )
    assert soft == loud * 25 // 100


def test_a_short_session_plays_exactly_the_expected_cues_in_order(capture: Path) -> None:
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
    player = CuePlayer(SimpleaudioBackend(), 100, on_failure=pytest.fail)
    assert player.load(timeline_sounds(timeline)) == []
    collect(capture, 2 * 441)

    heard: list[bytes] = []
    expected_names: list[str] = []

    def sound(events: list) -> None:  # type: ignore[type-arg]
        for cue in cues_for(events, timeline):
            expected_names.append(cue.name)
            player.play([cue])
            heard.append(collect(capture, len(player.sounds[path_of(cue.sound)].frames)))

    sound(session.start())
    while to_next_deadline(session, clock):
        sound(session.poll())
    assert expected_names == [
        "start",
        "hold",
        "exhale",
        "hold",  # cycle 1 after the start (which the bells announce)
        "inhale",
        "hold",
        "exhale",
        "hold",
        "step",  # the pose: its first hold is announced by the step bell
        "switch",
        "end",
    ]
    bundled = REPO / "sounds"
    assert heard == [read_wav(bundled / f"{name}.wav").frames for name in expected_names]


def test_an_authors_own_wav_reaches_the_device_byte_for_byte(capture: Path, tmp_path: Path) -> None:
    """A routine's own stereo WAV, chosen for the inhale, plays exactly as the file holds it."""
    import wave
    from array import array

    folder = tmp_path / "routine"
    (folder / "sounds").mkdir(parents=True)
    samples = array("h", [((i * 37) % 2000 - 1000) * (1 + i % 2) for i in range(2 * 6000)])
    with wave.open(str(folder / "sounds" / "breath.wav"), "wb") as out:
        out.setnchannels(2)
        out.setsampwidth(2)
        out.setframerate(44_100)
        out.writeframes(samples.tobytes())
    (folder / "own.yaml").write_text(
        "title: Own\nsounds: {inhale: sounds/breath.wav, exhale: none}\n"
        "steps: [{breathe: B, pattern: 2-2, cycles: 3}]\n"
    )
    timeline = compile_timeline(load_routine(folder / "own.yaml"))
    clock = FakeClock()
    session = Session(timeline, clock)
    player = CuePlayer(SimpleaudioBackend(), 100, on_failure=pytest.fail)
    assert player.load(timeline_sounds(timeline)) == []
    collect(capture, 2 * 441)
    with wave.open(str(folder / "sounds" / "breath.wav"), "rb") as wav:
        in_file = wav.readframes(wav.getnframes())

    heard = []
    session.start()  # the start bells, not played here
    while to_next_deadline(session, clock):
        for cue in cues_for(session.poll(), timeline):
            if cue.name == "inhale":
                player.play([cue])
                heard.append(collect(capture, len(in_file)))
    assert heard == [in_file, in_file]  # cycles 2 and 3 (the first is announced by the start)


@pytest.mark.skipif(simpleaudio_runs_here(), reason="simpleaudio runs on this Python")
def test_on_python_3_12_and_newer_simpleaudio_is_never_played_through(tmp_path: Path) -> None:
    """simpleaudio 1.0.4 crashes the interpreter as a sound ends on 3.12+: whether it is
    installed or not, breathe says so in one line and plays nothing through it (this
    process playing a cue and living on is the proof). `auto` plays through miniaudio
    there (test_miniaudio.py)."""
    backend, reason = open_backend("simpleaudio", lambda: None)
    assert isinstance(backend, SilentBackend)
    assert reason is not None and "\n" not in reason
    assert "simpleaudio crashes Python 3." in reason and "--sound bell" in reason
    assert "pip install" not in reason  # installing it would not help here
    backend.play(Sound(bytes(2 * 4410), 1, 44_100))
    time.sleep(0.2)
    backend.close()


def test_the_audio_extra_holds_simpleaudio_only_where_it_runs() -> None:
    extra = tomllib.loads((REPO / "pyproject.toml").read_text())["project"][
        "optional-dependencies"
    ]["audio"]
    (requirement,) = [entry for entry in extra if entry.startswith("simpleaudio")]
    assert requirement.endswith("; python_version < '3.12'")


@where_simpleaudio_runs
def test_without_simpleaudio_the_app_falls_silent_with_one_line(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "simpleaudio", None)  # import fails as if not installed
    backend, reason = open_backend("simpleaudio", lambda: None)
    assert isinstance(backend, SilentBackend)
    assert reason is not None and "\n" not in reason
    assert "simpleaudio is not installed" in reason
    assert "libasound2-dev" in reason and "breathe-tui[audio]" in reason


def test_a_failing_device_falls_silent_and_alsa_stays_off_the_screen(tmp_path: Path) -> None:
    need_simpleaudio()
    config = tmp_path / "none.conf"
    config.write_text(NO_DEVICE_CONFIG)
    script = (
        "from breathe.audio.playback import open_backend\n"
        "backend, reason = open_backend('simpleaudio', lambda: None)\n"
        "print(backend.name); print(reason)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
        env={**os.environ, "ALSA_CONFIG_PATH": str(config)},
    )
    assert result.returncode == 0, result.stderr
    name, reason = result.stdout.splitlines()
    assert name == "off"
    assert reason.startswith("no sound: the sound device cannot be opened")
    assert result.stderr == ""  # libasound's own complaints are silenced


def test_bell_and_off_backends() -> None:
    rings: list[int] = []
    bell, reason = open_backend("bell", lambda: rings.append(1))
    assert reason is None
    bell.play(Sound(b"", 1, 44_100))
    assert rings == [1]
    off, reason = open_backend("off", lambda: rings.append(1))
    off.play(Sound(b"\x00\x00", 1, 44_100))
    assert (off.name, reason, rings) == ("off", None, [1])


async def test_the_start_bells_are_heard_when_a_session_starts_at_once(
    capture: Path, user_routines: Path, write_routine: WriteRoutine
) -> None:
    """`breathe play` starts its session as the app mounts, while the device is still being
    opened in a worker: the session waits for it, so its first cue reaches the device."""
    write_short_routine(write_routine, user_routines)
    clock = FakeClock(START)
    app = player_app(user_routines, clock, PlayOptions(sound="simpleaudio", voice="off"))
    async with app.run_test(size=(100, 32)) as pilot:
        await start_short_routine(pilot)
        screen = session_screen(app)
        for _ in range(200):
            if screen.session.state is SessionState.RUNNING:
                break
            await pilot.pause(0.01)
        assert screen.session.state is SessionState.RUNNING
        assert screen.session.position_ms() == 0  # its clock starts with the sound
        start = read_wav(REPO / "sounds" / "start.wav").frames
        assert collect(capture, len(start)) == start
