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
    frames: bytes  # stereo
    speech: bool  # a phrase of the voice: the cues under it are ducked
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

    def add(self, stereo_frames: bytes, *, speech: bool = False) -> None:
        """Sound `stereo_frames` from the next `take`: a cue, or a phrase (`speech`)."""
        if stereo_frames:
            self._voices.append(_Voice(stereo_frames, speech))

    def clear(self) -> None:
        self._voices.clear()

    def take(self, frames: int) -> bytes:
        """The next `frames` frames of the mix: every voice summed, silence where none;
        the cues ducked in the frames where a phrase sounds."""
        size = frames * FRAME_BYTES
        chunks = []
        for voice in self._voices:
            chunks.append((voice.frames[voice.at : voice.at + size], voice.speech))
            voice.at += size
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
