"""The speech engines, for real: piper with the en_US-joe-medium voice, espeak-ng where it
is installed, and the choice between them with its one calm line when something is missing."""

from __future__ import annotations

import math
import shlex
import subprocess
import sys
from array import array
from pathlib import Path

import pytest

from breathe.core.bounds import VOICE_CHOICES
from breathe.format.wav import ACCEPTED_RATE, Sound
from breathe.voice.engines import open_engine
from breathe.voice.espeak_engine import EspeakEngine
from breathe.voice.piper_engine import PiperEngine, VoiceFiles, find_voices, voices_dir
from breathe.voice.speech import SpeechEngine, SpeechError, resample
from tests.unit.voice.conftest import JOE


def loudness(sound: Sound) -> float:
    samples = array("h", sound.frames)
    return math.sqrt(sum(value * value for value in samples) / len(samples))


def assert_speech(sound: Sound, shortest: float, longest: float) -> None:
    assert (sound.channels, sound.rate) == (1, ACCEPTED_RATE)
    assert shortest < sound.seconds < longest, sound.seconds
    assert loudness(sound) > 500  # speech, not silence


def test_piper_speaks_a_phrase_at_44_1_khz(piper_engine: PiperEngine) -> None:
    engine: SpeechEngine = piper_engine
    assert (engine.name, engine.voice) == ("piper", JOE)
    assert_speech(engine.synthesize("Now the left side."), 0.6, 3.0)


def test_espeak_speaks_a_phrase_at_44_1_khz(espeak_engine: EspeakEngine) -> None:
    engine: SpeechEngine = espeak_engine
    assert (engine.name, engine.voice) == ("espeak-ng", "en-us")
    assert_speech(engine.synthesize("Now the left side."), 0.6, 3.0)


def test_espeak_reads_the_text_not_options(espeak_engine: EspeakEngine) -> None:
    assert_speech(espeak_engine.synthesize("--help me"), 0.3, 3.0)


def test_a_broken_voice_is_a_speech_error_not_a_crash(tmp_path: Path) -> None:
    model = tmp_path / "broken.onnx"
    model.write_bytes(b"not a model")
    (tmp_path / "broken.onnx.json").write_text("{}")
    files = VoiceFiles.at(model)
    assert files is not None
    with pytest.raises(SpeechError, match="the voice broken could not be loaded"):
        PiperEngine(files).synthesize("Hello.")


def test_auto_speaks_with_piper_and_the_installed_voice(piper_engine: PiperEngine) -> None:
    choice = open_engine("auto")
    assert choice.notice is None
    assert isinstance(choice.engine, PiperEngine)
    assert choice.engine.voice == JOE


def test_a_configured_voice_comes_first(piper_engine: PiperEngine, tmp_path: Path) -> None:
    joe = piper_engine.files
    for name in ("my-voice.onnx", "my-voice.onnx.json"):
        (tmp_path / name).symlink_to(joe.model if name.endswith(".onnx") else joe.config)
    (tmp_path / "no-config.onnx").write_bytes(b"")  # a model without its .json is no voice
    assert [voice.name for voice in find_voices(tmp_path)][:1] == ["my-voice"]
    assert [voice.name for voice in find_voices(tmp_path / "my-voice.onnx")][:1] == ["my-voice"]
    choice = open_engine("piper", tmp_path)
    assert choice.engine is not None
    assert choice.engine.voice == "my-voice"


def test_voices_in_breathe_s_own_folder_are_found(piper_engine: PiperEngine) -> None:
    folder = voices_dir()
    folder.mkdir(parents=True)
    (folder / "en_GB-own-low.onnx").symlink_to(piper_engine.files.model)
    (folder / "en_GB-own-low.onnx.json").symlink_to(piper_engine.files.config)
    assert next(find_voices()).name == "en_GB-own-low"


def test_espeak_can_be_chosen(espeak_engine: EspeakEngine) -> None:
    choice = open_engine("espeak-ng")
    assert isinstance(choice.engine, EspeakEngine)
    assert choice.notice is None


def test_off_is_silent_without_a_word() -> None:
    choice = open_engine("off")
    assert (choice.engine, choice.notice) == (None, None)
    with pytest.raises(ValueError, match="voice must be one of auto, piper, espeak-ng, off"):
        open_engine("loud")
    assert VOICE_CHOICES == ("auto", "piper", "espeak-ng", "off")


def test_espeak_missing_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PATH", "")
    choice = open_engine("espeak-ng")
    assert choice == type(choice)(None, "No voice: espeak-ng is not installed (Debian: espeak-ng).")


NO_PIPER = """
import sys
sys.modules["piper"] = None  # as if piper-tts were not installed
from breathe.voice.engines import open_engine
choice = open_engine(sys.argv[1])
print(type(choice.engine).__name__)
print(choice.notice)
"""


def without_piper(preference: str, path: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", NO_PIPER, preference],
        capture_output=True,
        text=True,
        check=True,
        env={"PATH": path, "HOME": "/nonexistent"},
    )
    return done.stdout.splitlines()


def test_without_piper_auto_falls_back_to_espeak_and_says_how_to_get_a_voice(
    espeak_engine: EspeakEngine,
) -> None:
    engine, notice = without_piper("auto", str(Path(espeak_engine.program).parent))
    assert engine == "EspeakEngine"
    assert notice.startswith("Speaking with espeak-ng. For a natural voice: ")
    assert shlex.quote(sys.executable) + " -m pip install 'breathe-tui[voice]', then " in notice


def test_with_nothing_the_session_plays_without_speech_and_says_once_how_to_add_it() -> None:
    engine, notice = without_piper("auto", "")
    assert engine == "NoneType"
    pip, download = notice.removeprefix(
        "No voice: the session plays without speech. For a natural voice: "
    ).split(", then ")
    assert shlex.split(pip) == [sys.executable, "-m", "pip", "install", "breathe-tui[voice]"]
    words = shlex.split(download)
    assert words[:4] == [sys.executable, "-m", "piper.download_voices", "en_US-lessac-medium"]
    assert words[4] == "--download-dir"
    assert words[5].endswith("/breathe/voices")


def test_the_download_command_is_one_piper_understands(piper_engine: PiperEngine) -> None:
    """The pasted command works: piper's downloader takes these options (shown with --help,
    since these machines download nothing)."""
    done = subprocess.run(
        [sys.executable, "-m", "piper.download_voices", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "--download-dir" in done.stdout


def test_resampling_doubles_a_22050_hz_voice_with_midpoints() -> None:
    samples = array("h", [0, 100, -100, 32767])
    assert list(resample(samples, 22_050)) == [0, 50, 100, 0, -100, 16333, 32767, 32767]


def test_resampling_any_rate_keeps_the_length_in_time() -> None:
    one_second = array("h", range(16_000))
    out = resample(one_second, 16_000)
    assert len(out) == ACCEPTED_RATE
    assert out[0] == 0
    assert out[ACCEPTED_RATE // 2] == 8000  # half way in time, half way in value
    assert list(resample(array("h"), 16_000)) == []
