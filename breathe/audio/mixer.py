"""Several cues sounding at once, summed into one stream of 16-bit stereo frames.

A device that plays one continuous stream (miniaudio's) asks for the next few
milliseconds of it again and again; a cue that starts while another is still sounding
is added to it, as two sounds in one room are, and clipped at full scale. This is what
the simpleaudio backend gets from the sound system, which mixes its separate streams.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass

from breathe.format.wav import Sound

CHANNELS = 2  # the stream is stereo: a mono sound sounds the same on both sides
FRAME_BYTES = 2 * CHANNELS
_LOUDEST = 32767
_SOFTEST = -32768


def as_stereo(sound: Sound) -> bytes:
    """The frames of `sound` as 16-bit stereo: a mono sample on both channels."""
    if sound.channels == CHANNELS:
        return sound.frames
    mono = array("h", sound.frames)
    stereo = array("h", bytes(2 * len(sound.frames)))
    stereo[0::2] = mono
    stereo[1::2] = mono
    return stereo.tobytes()


@dataclass
class _Voice:
    frames: bytes  # stereo
    at: int = 0  # the next byte to sound


class Mixer:
    """Sounds added with `add` start at the next `take`; each plays to its end once.

    Not thread-safe: the backend holds one lock around each call.
    """

    def __init__(self) -> None:
        self._voices: list[_Voice] = []

    @property
    def idle(self) -> bool:
        """Nothing is sounding, nor waiting to."""
        return not self._voices

    def add(self, stereo_frames: bytes) -> None:
        if stereo_frames:
            self._voices.append(_Voice(stereo_frames))

    def clear(self) -> None:
        self._voices.clear()

    def take(self, frames: int) -> bytes:
        """The next `frames` frames of the mix: every voice summed, silence where none."""
        size = frames * FRAME_BYTES
        chunks = []
        for voice in self._voices:
            chunks.append(voice.frames[voice.at : voice.at + size])
            voice.at += size
        self._voices = [voice for voice in self._voices if voice.at < len(voice.frames)]
        if not chunks:
            return bytes(size)
        if len(chunks) == 1:  # the usual case: the cue's own bytes, untouched
            return chunks[0] + bytes(size - len(chunks[0]))
        mix = array("h", bytes(size))
        for chunk in chunks:
            for index, sample in enumerate(array("h", chunk)):
                total = mix[index] + sample
                mix[index] = _LOUDEST if total > _LOUDEST else max(total, _SOFTEST)
        return mix.tobytes()
