"""What a speech engine is to breathe, and the sound it must give: mono 16-bit at 44.1 kHz,
the format every cue is mixed and played in.

Engines speak at their own rate (piper's medium voices at 22,050 Hz, espeak-ng at 22,050
Hz too); `resample` brings their samples to 44.1 kHz by linear interpolation, which is
transparent for speech and needs nothing beyond the standard library.
"""

from __future__ import annotations

from array import array
from typing import Protocol

from breathe.format.wav import ACCEPTED_RATE, Sound


class SpeechEngine(Protocol):
    """Something that turns text into speech, offline, on this machine."""

    @property
    def name(self) -> str:
        """The engine: `piper`, `espeak-ng`."""
        ...

    @property
    def voice(self) -> str:
        """The voice it speaks with (`en_US-joe-medium`): with `name`, what keys the cache."""
        ...

    def synthesize(self, text: str) -> Sound:
        """`text` spoken: mono 16-bit PCM at 44.1 kHz (ACCEPTED_RATE)."""
        ...


class SpeechError(Exception):
    """An engine that was found could not speak (a broken voice file, a failed process)."""


def resample(samples: array[int], rate: int, target: int = ACCEPTED_RATE) -> array[int]:
    """16-bit mono `samples` at `rate` Hz, as `target` Hz, linearly interpolated."""
    if rate == target or not samples:
        return array("h", samples)
    if target == 2 * rate:  # the usual case (22,050 Hz voices): each sample, then a midpoint
        doubled = array("h", bytes(4 * len(samples)))
        doubled[0::2] = samples
        following = samples[1:] + samples[-1:]
        doubled[1::2] = array("h", map(_midpoint, samples, following))
        return doubled
    count = len(samples) * target // rate
    last = len(samples) - 1
    out = array("h", bytes(2 * count))
    for index in range(count):
        position = index * rate
        before, remainder = divmod(position, target)
        after = min(before + 1, last)
        value = samples[before] + (samples[after] - samples[before]) * remainder / target
        out[index] = round(value)
    return out


def _midpoint(first: int, second: int) -> int:
    return (first + second) // 2


def speech_sound(pcm: bytes, rate: int) -> Sound:
    """Mono 16-bit little-endian `pcm` at `rate` Hz as a Sound at 44.1 kHz."""
    samples = array("h", pcm[: len(pcm) - len(pcm) % 2])
    return Sound(resample(samples, rate).tobytes(), 1, ACCEPTED_RATE)
