"""`breathe render` with the voice: each phrase, spoken by a real engine, sits in the WAV at
the sample of its moment, mixed with the cues; the summary says how many were spoken."""

from __future__ import annotations

import wave
from array import array
from pathlib import Path

import pytest

from breathe.audio.cue_player import bundled_cues
from breathe.audio.mixer import DUCK_GAIN, DUCK_RAMP_FRAMES, ducked
from breathe.audio.render import render_track, sample_at
from breathe.cli import main
from breathe.core.timeline import compile_timeline
from breathe.format.loader import load_routine, parse_routine
from breathe.voice.espeak_engine import EspeakEngine
from breathe.voice.guide import spoken_track
from breathe.voice.piper_engine import PiperEngine
from tests.support.spoken_routine import SPOKEN_ROUTINE, routine_source
from tests.unit.format.recordings import recording_samples, write_recording


def read(path: Path) -> array[int]:
    with wave.open(str(path), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, 44_100)
        return array("h", wav.readframes(wav.getnframes()))


def test_each_phrase_sits_at_its_moment_to_the_sample(
    piper_engine: PiperEngine, phrase_folder: Path, tmp_path: Path
) -> None:
    timeline = compile_timeline(parse_routine(SPOKEN_ROUTINE, "s.yaml", "s"))
    said = spoken_track(timeline, piper_engine, folder=phrase_folder)
    assert [phrase.text for phrase, _ in said] == [
        "Settle.",
        "Last step: Twist. Start with the left side.",
        "Now the right side.",
        "That is the end of the session. Stay here as long as you like.",
    ]
    cues = bundled_cues(100)
    plain, voiced = tmp_path / "plain.wav", tmp_path / "voiced.wav"
    render_track(timeline, cues, plain)
    render_track(timeline, cues, voiced, spoken=[(p.at_ms, sound) for p, sound in said])
    without, with_voice = read(plain), read(voiced)
    # The track runs on until the end bells ring out and the end phrase is said, whole.
    end_phrase, end_sound = said[-1]
    said_to = sample_at(end_phrase.at_ms) + len(end_sound.frames) // 2
    assert len(with_voice) == max(len(without), said_to)
    # The difference between the two tracks is each phrase, from the sample of its moment,
    # added to the cues sounding there: ducked under it once the level has ramped down
    # (DUCK_RAMP_FRAMES), untouched once it has ramped back up, and clipped as the mix clips.
    # Within a ramp the cues sit between their own level and the ducked one.
    silence = array("h", bytes(2 * (len(with_voice) - len(without))))
    expected, voice = array("h", without) + silence, array("h", bytes(2 * len(with_voice)))
    ramping = [False] * len(with_voice)
    for phrase, sound in said:
        start = sample_at(phrase.at_ms)
        end = start + len(sound.frames) // 2
        expected[start:end] = ducked(expected[start:end])
        voice[start:end] = array("h", sound.frames)
        for index in [*range(start, start + DUCK_RAMP_FRAMES), *range(end, end + DUCK_RAMP_FRAMES)]:
            if index < len(ramping):
                ramping[index] = True
    for index, heard in enumerate(with_voice):
        if not ramping[index]:
            assert heard == max(-32768, min(32767, expected[index] + voice[index])), index
        else:
            cue = without[index] if index < len(without) else 0
            low, high = sorted((int(cue * DUCK_GAIN), cue))
            assert low - 1 <= heard - voice[index] <= high + 1 or abs(heard) == 32767, index


def test_the_render_command_says_how_many_phrases_were_spoken(
    tmp_path: Path,
    isolated_user_dirs: Path,
    espeak_engine: EspeakEngine,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = routine_source(tmp_path)
    out = tmp_path / "guide.wav"
    assert main(["render", str(source), "-o", str(out), "--voice", "espeak-ng"]) == 0
    voiced = read(out)
    summary = capsys.readouterr().out.strip()
    assert summary.startswith(f"wrote {out} (0:")
    assert summary.endswith(", 4 phrases spoken")
    assert main(["render", str(source), "-o", str(out), "--force", "--no-voice"]) == 0
    plain = capsys.readouterr().out.strip()  # the cues alone, no word of the voice
    assert plain.startswith(f"wrote {out} (0:") and plain.endswith(")")
    assert voiced != read(out)


def test_the_voice_has_its_own_volume_in_a_render(
    tmp_path: Path, isolated_user_dirs: Path, espeak_engine: EspeakEngine
) -> None:
    source = routine_source(tmp_path)
    full, half = tmp_path / "full.wav", tmp_path / "half.wav"
    silent_cues = ["--volume", "0", "--voice", "espeak-ng"]  # the voice alone in the track
    assert main(["render", str(source), "-o", str(full), *silent_cues]) == 0
    assert main(["render", str(source), "-o", str(half), *silent_cues, "--voice-volume", "50"]) == 0
    assert any(read(full))
    assert read(half) == array("h", [int(value * 0.5) for value in read(full)])


# -- a teacher's own recording (a step's `say:`) ----------------------------------------------

RECORDED = """\
title: Recorded
steps:
  - rest: Settle
    duration: 4s
  - rest: Breathe with me
    duration: 4s
    say: rec/breathe.wav
"""


def recorded_routine(folder: Path) -> Path:
    write_recording(folder / "rec" / "breathe.wav", 2000)
    path = folder / "recorded.yaml"
    path.write_text(RECORDED, encoding="utf-8")
    return path


def test_a_recording_is_said_in_its_place_among_the_synthesised_phrases(
    espeak_engine: EspeakEngine, phrase_folder: Path, tmp_path: Path
) -> None:
    timeline = compile_timeline(load_routine(recorded_routine(tmp_path)))
    said = spoken_track(timeline, espeak_engine, folder=phrase_folder)
    assert [(phrase.text, phrase.at_ms) for phrase, _ in said] == [
        ("Settle.", 0),
        ("rec/breathe.wav", 4000),
        ("That is the end of the session. Stay here as long as you like.", 8000),
    ]
    assert said[1][1].frames == recording_samples(2000).tobytes()


def test_render_plays_a_recording_where_no_speech_engine_is(
    tmp_path: Path,
    isolated_user_dirs: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    source = recorded_routine(tmp_path)
    monkeypatch.setenv("PATH", str(tmp_path / "no-programs"))  # no espeak-ng to be found
    out = tmp_path / "guide.wav"
    # The cues silent: the track holds the teacher's recording alone.
    args = ["render", str(source), "-o", str(out), "--voice", "espeak-ng", "--volume", "0"]
    assert main(args) == 0
    lines = capsys.readouterr().out.strip().splitlines()
    assert lines[0].endswith(", 1 phrase spoken")
    assert lines[1:] == ["No voice: espeak-ng is not installed (Debian: espeak-ng)."]
    track = read(out)
    start = sample_at(4000)
    recording = recording_samples(2000)
    assert track[start : start + len(recording)] == recording
    assert not any(track[:start]) and not any(track[start + len(recording) :])
