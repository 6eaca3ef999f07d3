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
