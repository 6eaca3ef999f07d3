"""A sound card without hardware: ALSA's `file` plugin writes what is played into
AUDIO_CAPTURE_FILE (see shared/NOTES.md), and what the audio tests read back from it.

The file is truncated when a stream opens the device. simpleaudio opens one stream per
cue, so a test takes each cue's bytes before the next; miniaudio keeps one stream, of
silence between cues, so a test reads the whole of it and finds the cues in it.
"""

from __future__ import annotations

import time
from array import array
from pathlib import Path

import pytest

from breathe.format.wav import Sound

SINK_CONFIG = """
pcm.!default {
    type file
    slave { pcm { type null } }
    file { @func getenv vars [ AUDIO_CAPTURE_FILE ] default "/tmp/alsa-capture.raw" }
    format "raw"
    truncate true
}
"""
NO_DEVICE_CONFIG = "pcm.!default { type hw card 99 }\n"
NO_DEFAULT_CONFIG = "# no pcm.default: ALSA knows no device to play on\n"
RATE = 44_100  # the cues' rate, as breathe's own are


def tone(value: int, frames: int = 441) -> Sound:
    """A cue of its own: `frames` frames of a level no other cue of the test has, to find
    in the captured stream."""
    return Sound(array("h", [value] * frames).tobytes(), 1, RATE)


def use_sink(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Point ALSA at the sink for this test; the file it writes."""
    config = tmp_path / "asound.conf"
    config.write_text(SINK_CONFIG)
    target = tmp_path / "capture.raw"
    monkeypatch.setenv("ALSA_CONFIG_PATH", str(config))
    monkeypatch.setenv("AUDIO_CAPTURE_FILE", str(target))
    return target


def collect(target: Path, size: int, timeout: float = 5.0) -> bytes:
    """Wait for the sink to hold `size` bytes (it is not paced in real time), take them."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if target.exists() and target.stat().st_size >= size:
            data = target.read_bytes()
            target.unlink()
            return data
        time.sleep(0.005)
    return target.read_bytes() if target.exists() else b""


def stereo(sound: Sound) -> bytes:
    """`sound` as a stereo stream carries it: each mono sample on the left and the right."""
    if sound.channels == 2:
        return sound.frames
    out = bytearray()
    for index in range(0, len(sound.frames), 2):
        out += sound.frames[index : index + 2] * 2
    return bytes(out)


def stream_until(target: Path, *sounds: bytes, timeout: float = 10.0) -> bytes:
    """The stream in the sink once it holds each of `sounds`, one after another."""
    deadline = time.monotonic() + timeout
    data = b""
    while time.monotonic() < deadline:
        data = target.read_bytes() if target.exists() else b""
        if in_order(data, sounds) is not None:
            return data
        time.sleep(0.01)
    return data


def in_order(stream: bytes, sounds: tuple[bytes, ...] | list[bytes]) -> list[int] | None:
    """Where each of `sounds` starts in `stream`, one after another; None if one is not."""
    starts = []
    at = 0
    for sound in sounds:
        found = stream.find(sound, at)
        if found < 0:
            return None
        starts.append(found)
        at = found + len(sound)
    return starts


def only_silence_besides(stream: bytes, sounds: list[bytes]) -> bool:
    """`stream` holds `sounds` in this order with nothing but silence around them."""
    starts = in_order(stream, sounds)
    if starts is None:
        return False
    rest = bytearray(stream)
    for start, sound in zip(starts, sounds, strict=True):
        rest[start : start + len(sound)] = bytes(len(sound))
    return not rest.strip(b"\0")


def samples(data: bytes) -> array[int]:
    return array("h", data)
