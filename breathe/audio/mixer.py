"""Several cues sounding at once, summed into one stream of 16-bit stereo frames.

A device that plays one continuous stream (miniaudio's) asks for the next few
milliseconds of it again and again; a cue that starts while another is still sounding
is added to it, as two sounds in one room are, and clipped at full scale. This is what
the simpleaudio backend gets from the sound system, which mixes its separate streams.

The voice's phrases are added as speech: while one sounds, every cue sounding with it is
ducked (`DUCK_DB` lower, `ducked`), frame by frame, and is at its own level again from the
frame the phrase ends. A render ducks the cues under its phrases the same way.
"""

from __future__ import annotations

from array import array
from dataclasses import dataclass

from breathe.core.bounds import DUCK_DB
from breathe.format.wav import Sound

CHANNELS = 2  # the stream is stereo: a mono sound sounds the same on both sides
FRAME_BYTES = 2 * CHANNELS
_LOUDEST = 32767
_SOFTEST = -32768
DUCK_GAIN = 10 ** (DUCK_DB / 20)  # -8 dB: about 0.4 of the cue's own level


def ducked(samples: array[int]) -> array[int]:
    """16-bit `samples` at the level of a cue under speech (`DUCK_DB`); int() rounds
    toward zero, symmetric around silence, as `at_volume` does."""
    return array("h", [int(value * DUCK_GAIN) for value in samples])


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
    frames: bytes  # 16-bit, `channels` to a frame
    channels: int  # 1 or 2: a mono sound is made stereo a take at a time
    speech: bool  # a phrase of the voice: the cues under it are ducked
    at: int = 0  # the next byte to sound

    def take(self, frames: int) -> bytes:
        """Its next `frames` frames, in stereo (fewer at its end)."""
        size = frames * 2 * self.channels
        chunk = self.frames[self.at : self.at + size]
        self.at += size
        if self.channels == CHANNELS:
            return chunk
        stereo = array("h", bytes(2 * len(chunk)))
        stereo[0::2] = stereo[1::2] = array("h", chunk)
        return stereo.tobytes()


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

    def add(self, frames: bytes, *, channels: int = CHANNELS, speech: bool = False) -> None:
        """Sound `frames` (16-bit, mono or stereo) from the next `take`: a cue, or a phrase
        (`speech`). A long phrase is given mono, as it is: it is made stereo as it plays,
        in the device's thread, not all at once in the caller's."""
        if frames:
            self._voices.append(_Voice(frames, channels, speech))

    def clear(self) -> None:
        self._voices.clear()

    def take(self, frames: int) -> bytes:
        """The next `frames` frames of the mix: every voice summed, silence where none;
        the cues ducked in the frames where a phrase sounds."""
        size = frames * FRAME_BYTES
        chunks = [(voice.take(frames), voice.speech) for voice in self._voices]
        self._voices = [voice for voice in self._voices if voice.at < len(voice.frames)]
        if not chunks:
            return bytes(size)
        if len(chunks) == 1:  # the usual case: one sound's own bytes, untouched
            return chunks[0][0] + bytes(size - len(chunks[0][0]))
        # Every phrase starts at a take, so one sounds from the first frame of this take.
        spoken = max((len(chunk) for chunk, speech in chunks if speech), default=0)
        mix = array("h", bytes(size))
        for chunk, speech in chunks:
            samples = array("h", chunk)
            if spoken and not speech:  # a cue under a phrase
                samples[: spoken // 2] = ducked(samples[: spoken // 2])
            for index, sample in enumerate(samples):
                total = mix[index] + sample
                mix[index] = _LOUDEST if total > _LOUDEST else max(total, _SOFTEST)
        return mix.tobytes()
