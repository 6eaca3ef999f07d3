"""Several cues sounding at once, summed into one stream of 16-bit stereo frames.

A device that plays one continuous stream (miniaudio's) asks for the next few
milliseconds of it again and again; a cue that starts while another is still sounding
is added to it, as two sounds in one room are, and clipped at full scale. This is what
the simpleaudio backend gets from the sound system, which mixes its separate streams.

A sound is added to sound from the next `take` (`add`), or scheduled (`schedule`) to
start on the very frame of a moment on the monotonic clock: the stream tells the mixer
when its next frame sounds (`set_clock`), and a scheduled sound starts at its frame
however late or early it was handed over. One scheduled and not yet sounding can be
withdrawn (`withdraw`): a session paused, skipped or muted takes back what it handed.

The voice's phrases are added as speech: while one sounds, every cue sounding with it is
ducked to `DUCK_DB` lower, and at its own level again once the phrase ends; the level
moves there over `DUCK_RAMP_MS`, never in one step (a step in a sounding cue clicks).
A render ducks the cues under its phrases the same way (`ramp`).
"""

from __future__ import annotations

from array import array
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import chain
from operator import mul

from breathe.core.bounds import DUCK_DB, DUCK_RAMP_MS
from breathe.format.wav import ACCEPTED_RATE as RATE
from breathe.format.wav import Sound

CHANNELS = 2  # the stream is stereo: a mono sound sounds the same on both sides
FRAME_BYTES = 2 * CHANNELS
_LOUDEST = 32767
_SOFTEST = -32768
DUCK_GAIN = 10 ** (DUCK_DB / 20)  # -8 dB: about 0.4 of the cue's own level
DUCK_RAMP_FRAMES = DUCK_RAMP_MS * RATE // 1000
DUCK_STEP = (1 - DUCK_GAIN) / DUCK_RAMP_FRAMES
"""How far the cues' level moves in one frame while it goes down or up."""


def ducked(samples: array[int]) -> array[int]:
    """16-bit `samples` at the level of a cue under speech (`DUCK_DB`); int() rounds
    toward zero, symmetric around silence, as `at_volume` does."""
    return array("h", [int(value * DUCK_GAIN) for value in samples])


def ramp(level: float, speaking: bool, frames: int) -> float:
    """The cues' level `frames` frames on from `level`, moving toward the ducked level
    (`speaking`) or their own (1) by DUCK_STEP a frame. The level of a frame is the one
    reached at it: the first frame of a phrase is already a step down."""
    target = DUCK_GAIN if speaking else 1.0
    moved = level - frames * DUCK_STEP if speaking else level + frames * DUCK_STEP
    # Reached (within what floats miss by): exactly there, so that a cue after a phrase is
    # at its own level again to the last bit.
    if (moved - target) * (1 if speaking else -1) <= 1e-9:
        return target
    return moved


def as_stereo(sound: Sound) -> bytes:
    """The frames of `sound` as 16-bit stereo: a mono sample on both channels."""
    if sound.channels == CHANNELS:
        return sound.frames
    mono = array("h", sound.frames)
    stereo = array("h", bytes(2 * len(sound.frames)))
    stereo[0::2] = mono
    stereo[1::2] = mono
    return stereo.tobytes()


@dataclass(eq=False)
class Voice:
    """One sound in the mix; what `schedule` returns, to withdraw it by."""

    frames: bytes  # 16-bit, `channels` to a frame
    channels: int  # 1 or 2: a mono sound is made stereo a take at a time
    speech: bool  # a phrase of the voice: the cues under it are ducked
    at_ms: int | None = None  # scheduled: when its first frame sounds (monotonic ms)
    begun: bool = False  # it has started to sound
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

    @property
    def done(self) -> bool:
        return self.at >= len(self.frames)


class Mixer:
    """Sounds added with `add` start at the next `take`, those scheduled on their own
    frame; each plays to its end once.

    Not thread-safe: the backend holds one lock around each call.
    """

    def __init__(self) -> None:
        self._voices: list[Voice] = []
        self._level = 1.0  # the cues' level (1, or lower under speech) at the last frame
        self._origin_ns: int | None = None  # when frame 0 of the stream sounds
        self._taken = 0  # frames taken since then

    @property
    def idle(self) -> bool:
        """Nothing is sounding, nor waiting to."""
        return not self._voices

    @property
    def sounding(self) -> bool:
        """Something sounds now, or from the next take: all but the scheduled sounds
        whose frame has not come."""
        return any(voice.begun or voice.at_ms is None for voice in self._voices)

    def next_start_ms(self) -> int | None:
        """When the first scheduled sound not begun yet is due (monotonic ms), if any."""
        due = [v.at_ms for v in self._voices if not v.begun and v.at_ms is not None]
        return min(due, default=None)

    def add(self, frames: bytes, *, channels: int = CHANNELS, speech: bool = False) -> None:
        """Sound `frames` (16-bit, mono or stereo) from the next `take`: a cue, or a phrase
        (`speech`). A long phrase is given mono, as it is: it is made stereo as it plays,
        in the device's thread, not all at once in the caller's."""
        if frames:
            self._voices.append(Voice(frames, channels, speech))

    def schedule(self, frames: bytes, at_ms: int, *, channels: int = CHANNELS) -> Voice | None:
        """Sound the cue `frames` from the frame that sounds at `at_ms` on the monotonic
        clock (at once, if that frame has been taken already); what to `withdraw` it by."""
        if not frames:
            return None
        voice = Voice(frames, channels, speech=False, at_ms=at_ms)
        self._voices.append(voice)
        return voice

    def withdraw(self, voice: Voice) -> bool:
        """Take back a scheduled sound that has not begun; False if it has (it plays on)."""
        if voice.begun or voice not in self._voices:
            return False
        self._voices.remove(voice)
        return True

    def set_clock(self, origin_ns: int) -> None:
        """The first frame of the next take sounds at `origin_ns` (`time.monotonic_ns`):
        a stream sets this as it starts."""
        self._origin_ns = origin_ns
        self._taken = 0

    def shift_clock(self, late_ns: int) -> None:
        """The device played nothing for `late_ns` (it ran dry, and took up again where
        it stopped): the frames to come sound that much later."""
        if self._origin_ns is not None:
            self._origin_ns += late_ns

    def clear(self) -> None:
        self._voices.clear()

    def _offset(self, voice: Voice, first: int) -> int | None:
        """Where in a take from frame `first` the voice starts (0 if it is late), or
        None if its frame comes after."""
        if voice.at_ms is None:
            return 0
        if self._origin_ns is None:
            return None  # no stream has told when its frames sound
        elapsed_ns = voice.at_ms * 1_000_000 - self._origin_ns
        frame = (elapsed_ns * RATE + 500_000_000) // 1_000_000_000
        return max(0, frame - first)

    def take(self, frames: int) -> bytes:
        """The next `frames` frames of the mix: every voice summed, then clipped, silence
        where none; the cues under a phrase ducked, the level ramping down and up."""
        return self.take_parts(frames).mixed()

    def take_parts(self, frames: int) -> Take:
        """What sounds in the next `frames` frames, to be mixed (`Take.mixed`) apart from
        the mixer: the backend holds its lock for this, a few slices, and mixes after it,
        so that a cue handed over meanwhile does not wait for the sums."""
        size = frames * FRAME_BYTES
        first = self._taken
        self._taken += frames
        parts: list[tuple[int, bytes, bool]] = []
        for voice in self._voices:
            offset = 0
            if not voice.begun:
                start = self._offset(voice, first)
                if start is None or start >= frames:
                    continue
                offset = start
                voice.begun = True
            parts.append((offset, voice.take(frames - offset), voice.speech))
        self._voices = [voice for voice in self._voices if not (voice.begun and voice.done)]
        spoken = sorted(
            (offset, offset + len(chunk) // FRAME_BYTES)
            for offset, chunk, speech in parts
            if speech
        )
        start_level = self._level
        self._level = _level_after(start_level, frames, spoken)
        return Take(size, tuple(parts), start_level, tuple(spoken))


@dataclass(frozen=True, slots=True)
class Take:
    """The sounds of one take of the stream, each from its frame in it."""

    size: int  # bytes of 16-bit stereo
    parts: tuple[tuple[int, bytes, bool], ...]  # (frame offset, stereo bytes, speech)
    start_level: float  # the cues' level before its first frame
    spoken: tuple[tuple[int, int], ...]  # the frames (from, to) under a phrase, in order

    def mixed(self) -> bytes:
        """The take's frames: its sounds summed, then clipped; silence where none.

        It runs on the device's thread, which holds the GIL while it mixes: the samples go
        through C loops (`map`, `zip`, `sum` over arrays), never a Python loop a sample.
        Looping a sample at a time took 0.9 ms of each 5 ms period for a cue under a phrase
        and 8 ms for 19 cues at once (more than the period: the device ran dry), the event
        loop's thread waiting for the GIL meanwhile; 0.2 and 0.6 ms now."""
        size, parts, spoken = self.size, self.parts, list(self.spoken)
        if not parts:
            return bytes(size)
        steady = self.start_level == 1.0 and not spoken
        if len(parts) == 1 and parts[0][0] == 0 and (parts[0][2] or steady):
            chunk = parts[0][1]  # the usual case: one sound's own bytes, untouched
            return chunk + bytes(size - len(chunk))
        cues = [_samples(offset, chunk, size) for offset, chunk, speech in parts if not speech]
        mix: Sequence[int] = _summed(cues)
        if cues and not steady:  # the cues under a phrase, or coming up after one
            gains = _gains(self.start_level, size // FRAME_BYTES, spoken)
            per_sample = chain.from_iterable(zip(gains, gains, strict=True))  # both channels
            mix = list(map(int, map(mul, mix, per_sample)))
        said = [_samples(offset, chunk, size) for offset, chunk, speech in parts if speech]
        if said:
            mix = _summed([mix, *said] if cues else said)
        if max(mix) > _LOUDEST or min(mix) < _SOFTEST:
            mix = [_LOUDEST if value > _LOUDEST else max(value, _SOFTEST) for value in mix]
        return array("h", mix).tobytes()


def _samples(offset: int, chunk: bytes, size: int) -> array[int]:
    """A take's stereo `chunk` from frame `offset` as `size` bytes' worth of samples,
    silence before and after it."""
    before = offset * FRAME_BYTES
    return array("h", bytes(before) + chunk + bytes(size - before - len(chunk)))


def _summed(parts: Sequence[Sequence[int]]) -> Sequence[int]:
    """The sample-by-sample sum of `parts` (all of one length), not clipped yet."""
    if len(parts) == 1:
        return parts[0]
    return list(map(sum, zip(*parts, strict=True)))


def _runs(frames: int, spoken: list[tuple[int, int]]) -> list[tuple[bool, int]]:
    """The take's frames as runs of (under speech, how many), in order."""
    runs: list[tuple[bool, int]] = []
    at = 0
    for start, end in spoken:
        start, end = max(start, at), min(end, frames)
        if end <= start:
            continue
        if start > at:
            runs.append((False, start - at))
        runs.append((True, end - start))
        at = end
    if at < frames:
        runs.append((False, frames - at))
    return runs


def _level_after(level: float, frames: int, spoken: list[tuple[int, int]]) -> float:
    for speaking, count in _runs(frames, spoken):
        level = ramp(level, speaking, count)
    return level


def _gains(level: float, frames: int, spoken: list[tuple[int, int]]) -> list[float]:
    """The cues' level at each frame of a take starting at `level`: a frame at a time only
    while it moves (DUCK_RAMP_FRAMES at most), the same level for the rest of a run."""
    gains: list[float] = []
    for speaking, count in _runs(frames, spoken):
        target = DUCK_GAIN if speaking else 1.0
        moved = 0
        while moved < count and level != target:
            moved += 1
            gains.append(ramp(level, speaking, moved))
            if gains[-1] == target:
                break
        gains += [target] * (count - moved)
        level = ramp(level, speaking, count)
    return gains
