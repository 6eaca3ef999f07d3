"""WAV files as cues: what breathe accepts, checked from the header, and read as PCM.

Core code (the routine loader checks authors' files with it), so standard library only.
The header is parsed here rather than by `wave`, because an author deserves to hear *why*
a file is refused ("it holds 32-bit float samples") and `wave` only says "unknown format".

Accepted: uncompressed PCM, 16-bit, mono or stereo, 44.1 kHz, at most MAX_CUE_MS long.
Those are what the bundled cues are, what every audio editor exports, and what can be
mixed into a rendered track sample for sample without converting anything.
"""

from __future__ import annotations

import os
import struct
from array import array
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

ACCEPTED_RATE = 44_100
ACCEPTED_BITS = 16
MAX_CUE_MS = 10_000
MAX_RECORDING_MS = 60 * 60_000
"""A teacher's recording (a step's `say:`) may last as long as its step, and a step at
most an hour; the routine's timeline checks it against its own step."""
ACCEPTED = "16-bit PCM WAV, mono or stereo, 44.1 kHz"
CONVERT_HINT = f"save it as {ACCEPTED} (for example `sox in.wav -b 16 -r 44100 out.wav`)"

_PCM = 1
_FLOAT = 3
_EXTENSIBLE = 0xFFFE
_FORMAT_NAMES = {2: "ADPCM", 6: "A-law", 7: "µ-law", 0x11: "IMA ADPCM", 0x55: "MP3"}
_MAX_CHUNKS = 64  # a real WAV has a handful; a hostile one cannot make us walk forever


class SoundFileError(Exception):
    """A file that cannot be a cue; the message says why, the hint what to do."""

    def __init__(self, message: str, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint


@dataclass(frozen=True, slots=True)
class Sound:
    """PCM frames ready to play (16-bit little-endian), with their format."""

    frames: bytes
    channels: int
    rate: int

    @property
    def seconds(self) -> float:
        return len(self.frames) / (2 * self.channels * self.rate)


@dataclass(frozen=True, slots=True)
class WavInfo:
    channels: int
    rate: int
    frames: int
    data_offset: int  # where the sample data starts in the file

    @property
    def duration_ms(self) -> int:
        return self.frames * 1000 // self.rate


def inspect_wav(path: Path, max_ms: int = MAX_CUE_MS) -> WavInfo:
    """The header of a WAV that breathe can play as a cue (or, with `max_ms`, a recording
    that long); SoundFileError says why not.

    Reads only the header (and the file's size), so checking a routine stays cheap.
    """
    try:
        with path.open("rb") as file:
            size = os.fstat(file.fileno()).st_size
            return _parse_header(file, size, max_ms)
    except OSError as error:
        raise SoundFileError(f"cannot be read: {error.strerror or error}") from None


def _parse_header(file: BinaryIO, size: int, max_ms: int) -> WavInfo:
    read, seek = file.read, file.seek
    riff = read(12)
    if len(riff) < 12 or riff[:4] != b"RIFF" or riff[8:12] != b"WAVE":
        raise SoundFileError("is not a WAV file (no RIFF/WAVE header)", CONVERT_HINT)
    position = 12
    fmt: tuple[int, int, int, int] | None = None
    for _ in range(_MAX_CHUNKS):
        header = read(8)
        if len(header) < 8:
            break
        chunk_id, chunk_size = header[:4], struct.unpack("<I", header[4:])[0]
        body_at = position + 8
        if chunk_id == b"fmt ":
            body = read(min(chunk_size, 40))
            if len(body) < 16:
                raise SoundFileError("has a broken WAV header (short `fmt` chunk)", CONVERT_HINT)
            tag, channels, rate, _, _, bits = struct.unpack("<HHIIHH", body[:16])
            if tag == _EXTENSIBLE and len(body) >= 26:
                tag = struct.unpack("<H", body[24:26])[0]  # the sub-format's first field
            fmt = (tag, channels, rate, bits)
        elif chunk_id == b"data":
            if fmt is None:
                raise SoundFileError("has a broken WAV header (data before `fmt`)", CONVERT_HINT)
            return _accept(fmt, chunk_size, body_at, size, max_ms)
        position = body_at + chunk_size + (chunk_size & 1)  # chunks are padded to even sizes
        seek(position)
    raise SoundFileError("has a broken WAV header (no sound data found)", CONVERT_HINT)


def _accept(
    fmt: tuple[int, int, int, int], data_size: int, offset: int, size: int, max_ms: int
) -> WavInfo:
    tag, channels, rate, bits = fmt
    if tag == _FLOAT:
        raise SoundFileError(
            f"holds {bits}-bit floating-point samples; breathe reads {ACCEPTED}", CONVERT_HINT
        )
    if tag != _PCM:
        name = _FORMAT_NAMES.get(tag, f"format {tag}")
        raise SoundFileError(
            f"is compressed ({name}); breathe reads uncompressed {ACCEPTED}", CONVERT_HINT
        )
    if bits != ACCEPTED_BITS:
        raise SoundFileError(f"has {bits}-bit samples; breathe reads {ACCEPTED}", CONVERT_HINT)
    if channels not in (1, 2):
        raise SoundFileError(f"has {channels} channels; breathe reads {ACCEPTED}", CONVERT_HINT)
    if rate != ACCEPTED_RATE:
        raise SoundFileError(f"is sampled at {rate:,} Hz; breathe reads {ACCEPTED}", CONVERT_HINT)
    frame_bytes = 2 * channels
    available = max(0, min(data_size, size - offset))  # a truncated file holds less
    frames = available // frame_bytes
    if frames == 0:
        what = "cue" if max_ms == MAX_CUE_MS else "recording"
        raise SoundFileError("holds no sound", f"record or export the {what} again")
    info = WavInfo(channels, rate, frames, offset)
    if frames * 1000 > max_ms * rate:
        if max_ms != MAX_CUE_MS:
            raise SoundFileError(
                f"lasts {info.duration_ms / 1000:.1f}s; a recording may last at most "
                f"{max_ms // 60_000} minutes",
                "split it across steps",
            )
        raise SoundFileError(
            f"lasts {info.duration_ms / 1000:.1f}s; a cue may last at most {MAX_CUE_MS // 1000}s",
            "trim it: a cue marks a moment, it does not fill the phase",
        )
    return info


def read_wav(path: Path, max_ms: int = MAX_CUE_MS) -> Sound:
    """A WAV file that `inspect_wav` accepts, as a Sound; SoundFileError otherwise."""
    info = inspect_wav(path, max_ms)
    try:
        with path.open("rb") as file:
            file.seek(info.data_offset)
            frames = file.read(info.frames * 2 * info.channels)
    except OSError as error:
        raise SoundFileError(f"cannot be read: {error.strerror or error}") from None
    if len(frames) != info.frames * 2 * info.channels:
        raise SoundFileError("changed while it was read", "try again")
    return Sound(frames, info.channels, info.rate)


def to_mono(sound: Sound) -> Sound:
    """Stereo made mono by averaging the two channels (rounded toward minus infinity)."""
    if sound.channels == 1:
        return sound
    samples = array("h", sound.frames)
    pairs = zip(samples[::2], samples[1::2], strict=True)
    mono = array("h", [(left + right) >> 1 for left, right in pairs])
    return Sound(mono.tobytes(), 1, sound.rate)
