"""The bundled cues are exactly what the synthesis script makes, and sound as designed."""

from __future__ import annotations

import itertools
import wave
from array import array
from pathlib import Path

import pytest

from breathe.audio.synthesis import CUES, RATE, write_cues

from .conftest import REPO

SOUNDS = REPO / "sounds"


def samples_of(path: Path) -> tuple[wave._wave_params, array[int]]:
    with wave.open(str(path), "rb") as wav:
        params = wav.getparams()
        return params, array("h", wav.readframes(params.nframes))


def test_script_reproduces_the_committed_files_byte_for_byte(tmp_path: Path) -> None:
    written = write_cues(tmp_path)
    assert {path.name for path in written} == {p.name for p in SOUNDS.glob("*.wav")}
    for path in written:
        assert path.read_bytes() == (SOUNDS / path.name).read_bytes(), path.name


@pytest.mark.parametrize("name", list(CUES))
def test_cues_are_calm_click_free_pcm(name: str) -> None:
    params, samples = samples_of(SOUNDS / f"{name}.wav")
    assert (params.nchannels, params.sampwidth, params.framerate) == (1, 2, RATE)
    assert samples[0] == 0 and samples[-1] == 0  # fades from and to silence: no click
    assert max(abs(value) for value in samples) < 0.5 * 32767  # soft, never clipping
    largest_jump = max(abs(b - a) for a, b in itertools.pairwise(samples))
    assert largest_jump < 0.1 * 32767


def crossings_per_second(samples: array[int]) -> float:
    flips = sum(1 for a, b in itertools.pairwise(samples) if (a < 0) != (b < 0))
    return flips / (len(samples) / RATE) / 2


def test_inhale_rises_and_exhale_falls() -> None:
    for name, rising in (("inhale", True), ("exhale", False)):
        _, samples = samples_of(SOUNDS / f"{name}.wav")
        quarter = len(samples) // 4
        early = crossings_per_second(samples[quarter : 2 * quarter])
        late = crossings_per_second(samples[2 * quarter : 3 * quarter])
        assert (late > early * 1.05) if rising else (late < early / 1.05), name


def test_every_cue_has_a_bundled_sound_of_its_name() -> None:
    """Routine files name bundled sounds by cue name: the two lists must be one."""
    from breathe.model import CUE_NAMES

    assert set(CUE_NAMES) == set(CUES) == {path.stem for path in SOUNDS.glob("*.wav")}
