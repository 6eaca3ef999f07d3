"""`breathe render`: one WAV with every cue exactly at its boundary, to the sample."""

from __future__ import annotations

import wave
from array import array
from pathlib import Path

import pytest

from breathe.audio.cue_player import bundled_cues
from breathe.audio.render import placements, render_track
from breathe.audio.synthesis import RATE
from breathe.audio.wavfile import Sound
from breathe.cli import main
from breathe.format.loader import parse_routine
from breathe.timeline import compile_timeline

ROUTINE = b"""title: Render
steps:
  - rest: Settle
    duration: 3s
  - breathe: Box
    pattern: 2.5-1-2.5-1
    cycles: 2
  - pose: Twist
    hold: 5s
    sides: both
    switch: 2s
"""


def by_name(sounds: dict[Path, Sound]) -> dict[str, Sound]:
    return {path.stem: sound for path, sound in sounds.items()}


def read(path: Path) -> array[int]:
    with wave.open(str(path), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) == (1, 2, RATE)
        return array("h", wav.readframes(wav.getnframes()))


def test_each_cue_sits_at_its_boundary_to_the_sample(tmp_path: Path) -> None:
    timeline = compile_timeline(parse_routine(ROUTINE, "r.yaml", "r"))
    cues = by_name(bundled_cues(100))
    out = tmp_path / "guide.wav"
    render_track(timeline, bundled_cues(100), out)
    track = read(out)
    placed = placements(timeline)
    boundaries = {0, timeline.total_ms} | {segment.start_ms for segment in timeline.segments}
    assert {p.offset for p in placed} <= {ms * RATE // 1000 for ms in boundaries}
    assert [p.name for p in placed] == [
        "start",
        "step",
        "hold",
        "exhale",
        "hold",
        "inhale",
        "hold",
        "exhale",
        "hold",
        "step",
        "switch",
        "end",
    ]
    # An independent mix, sample by sample, of every cue at its boundary: the track must
    # equal it exactly (overlapping bells are added and clipped, never cut short).
    reference = [0] * len(track)
    for placement in placed:
        for index, value in enumerate(array("h", cues[placement.name].frames)):
            reference[placement.offset + index] += value
    assert track == array("h", (max(-32768, min(32767, v)) for v in reference))
    first_sound = next(i for i, value in enumerate(track) if value)
    assert first_sound >= placed[0].offset
    end_bell = placed[-1]
    assert end_bell.offset == timeline.total_ms * RATE // 1000
    assert len(track) == end_bell.offset + len(cues["end"].frames) // 2


def test_silence_between_cues(tmp_path: Path) -> None:
    timeline = compile_timeline(parse_routine(ROUTINE, "r.yaml", "r"))
    cues = by_name(bundled_cues(100))
    out = tmp_path / "guide.wav"
    render_track(timeline, bundled_cues(100), out)
    track = read(out)
    placed = placements(timeline)
    start_end = placed[0].offset + len(cues["start"].frames) // 2
    # The 3 s rest: the start bells (3.2 s) ring into the first step, then silence until 3 s
    # is not reached; the step bell comes exactly at 3 s.
    assert placed[1].offset == 3 * RATE
    assert start_end > placed[1].offset  # overlapping bells are mixed, not cut
    hold_end = placed[2].offset + len(cues["hold"].frames) // 2
    assert all(value == 0 for value in track[hold_end : placed[3].offset])


def test_render_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "r.yaml"
    source.write_bytes(ROUTINE)
    out = tmp_path / "guide.wav"
    assert main(["render", str(source), "-o", str(out), "--volume", "50"]) == 0
    assert (
        capsys.readouterr().out.strip() == f"wrote {out} (0:33)"
    )  # 29 s of practice, then the end bells ring out
    assert len(read(out)) > 0
    assert not (tmp_path / "guide.wav.partial").exists()
    assert main(["render", str(source), "-o", str(tmp_path / "guide.mp3")]) == 2
    assert main(["render", str(source), "-o", str(tmp_path / "no" / "g.wav")]) == 2
    assert main(["render", "no-such-routine", "-o", str(out)]) == 2


def test_render_replaces_a_file_only_with_force(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r.yaml").write_bytes(ROUTINE)
    mine = b"my own recording, not a guide"
    (tmp_path / "guide.wav").write_bytes(mine)
    capsys.readouterr()
    assert main(["render", "r.yaml", "-o", "guide.wav"]) == 1
    assert capsys.readouterr().out.strip() == (
        "guide.wav already exists; nothing was written. "
        "Choose another name, or add --force to replace it."
    )
    assert (tmp_path / "guide.wav").read_bytes() == mine
    assert not (tmp_path / "guide.wav.partial").exists()
    assert main(["render", "r.yaml", "-o", "guide.wav", "--force"]) == 0
    assert capsys.readouterr().out.strip() == "wrote guide.wav (0:33)"
    assert len(read(tmp_path / "guide.wav")) > 0


COUNTED = b"""title: Counted
steps:
  - breathe: Long breath
    pattern: 4-2-6
    cycles: 2
  - pose: Hold
    hold: 5s
"""


def test_eyes_closed_counts_sit_on_whole_seconds_to_the_sample(tmp_path: Path) -> None:
    timeline = compile_timeline(parse_routine(COUNTED, "c.yaml", "c"))
    sounds = bundled_cues(100)
    counted = [p for p in placements(timeline, eyes_closed=True) if p.name == "count"]
    # Cycle 1: in 0-4 s, hold 4-6, out 6-12; cycle 2: in 12-16, hold 16-18, out 18-24.
    # Whole seconds inside the 4 s and 6 s phases; not the 2 s holds, not the pose.
    seconds = [1, 2, 3, 7, 8, 9, 10, 11, 13, 14, 15, 19, 20, 21, 22, 23]
    assert [p.offset for p in counted] == [s * RATE for s in seconds]
    assert [p.name for p in placements(timeline, eyes_closed=False)] == [
        p.name for p in placements(timeline, eyes_closed=True) if p.name != "count"
    ]

    plain, closed = tmp_path / "plain.wav", tmp_path / "closed.wav"
    render_track(timeline, sounds, plain)
    render_track(timeline, sounds, closed, eyes_closed=True)
    without, with_counts = read(plain), read(closed)
    assert len(without) == len(with_counts)
    tick = array("h", by_name(sounds)["count"].frames)
    # The difference between the two tracks is exactly one tick at each counted second
    # (added to whatever else sounds there, as the mix adds overlapping cues).
    difference = [b - a for a, b in zip(without, with_counts, strict=True)]
    expected = [0] * len(difference)
    for second in seconds:
        for index, value in enumerate(tick):
            expected[second * RATE + index] += value
    assert difference == expected
    assert with_counts[13 * RATE : 13 * RATE + len(tick)] == tick  # alone, to the sample


def test_render_command_takes_eyes_closed_and_the_settings_file(
    tmp_path: Path, isolated_user_dirs: Path
) -> None:
    source = tmp_path / "c.yaml"
    source.write_bytes(COUNTED)
    assert main(["render", str(source), "-o", str(tmp_path / "a.wav")]) == 0
    assert main(["render", str(source), "-o", str(tmp_path / "b.wav"), "--eyes-closed"]) == 0
    settings = isolated_user_dirs / "config" / "breathe" / "settings.toml"
    settings.parent.mkdir(parents=True)
    settings.write_text("eyes_closed = true\nvolume = 100\n")
    assert main(["render", str(source), "-o", str(tmp_path / "c.wav")]) == 0
    assert main(["render", str(source), "-o", str(tmp_path / "d.wav"), "--no-eyes-closed"]) == 0
    a, b, c, d = (read(tmp_path / f"{name}.wav") for name in "abcd")
    assert a == d != b == c
