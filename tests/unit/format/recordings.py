"""Teachers' recordings for the tests of `say:`: real WAV files, written with `wave`."""

from __future__ import annotations

import wave
from array import array
from pathlib import Path

from breathe.format.wav import ACCEPTED_RATE


def recording_samples(ms: int, *, rate: int = ACCEPTED_RATE, level: int = 6000) -> array[int]:
    """`ms` of a plain square wave (mono): a recording that is easy to find again."""
    count = ms * rate // 1000
    return array("h", [level if (index // 50) % 2 else -level for index in range(count)])


def write_recording(path: Path, ms: int, *, channels: int = 1, rate: int = ACCEPTED_RATE) -> Path:
    """A recording of `ms` milliseconds at `path` (folders made); its samples are
    `recording_samples(ms)`, on each channel."""
    samples = recording_samples(ms, rate=rate)
    if channels == 2:
        samples = array("h", [value for sample in samples for value in (sample, sample)])
    path.parent.mkdir(parents=True, exist_ok=True)
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(channels)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(samples.tobytes())
    return path
