"""The bundled cues, synthesised from a few numbers, the same bytes on every run.

Run `python sounds/synthesize.py [FOLDER]` to (re)write them (default: this `sounds/`
folder). This script is the source of the committed cues, not part of breathe at run
time; a test regenerates them and compares byte for byte with what is committed.
Everything is 44.1 kHz, 16-bit mono PCM, and every cue starts and ends at silence through
raised-cosine fades, so nothing clicks.

The breath cues glide: the inhale rises a fifth, the exhale falls a fifth, so the two are
told apart with the eyes closed. Holds are a single soft tone; the step and session cues
are soft bells (inharmonic partials that decay), and the count is a quiet tick.
"""

from __future__ import annotations

import math
import sys
import wave
from array import array
from collections.abc import Callable
from pathlib import Path

from breathe.format.wav import ACCEPTED_RATE as RATE

PEAK = 32_767

Wave = Callable[[float], float]  # sample value (-1..1) at time t in seconds


def _render(seconds: float, voice: Wave, fade_in: float, fade_out: float) -> array[int]:
    """Sample `voice` for `seconds` with raised-cosine fades; whole 16-bit samples."""
    count = round(seconds * RATE)
    samples = array("h", bytes(2 * count))
    for index in range(count):
        t = index / RATE
        gain = 1.0
        if t < fade_in:
            gain = 0.5 - 0.5 * math.cos(math.pi * t / fade_in)
        left = seconds - t
        if left < fade_out:
            gain *= 0.5 - 0.5 * math.cos(math.pi * max(0.0, left) / fade_out)
        samples[index] = round(max(-1.0, min(1.0, voice(t) * gain)) * PEAK)
    return samples


def _glide(start_hz: float, end_hz: float, seconds: float, level: float) -> Wave:
    """A tone gliding evenly in pitch, with a soft second partial for warmth."""
    ratio = end_hz / start_hz

    def voice(t: float) -> float:
        # Phase of an exponential glide: integral of start * ratio ** (t / seconds).
        k = math.log(ratio) / seconds
        phase = 2 * math.pi * start_hz * (math.expm1(k * t) / k if k else t)
        return level * (0.85 * math.sin(phase) + 0.15 * math.sin(2 * phase))

    return voice


def _bell(fundamental: float, level: float, decay: float) -> Wave:
    """A soft bell: inharmonic partials, the higher ones fading faster."""
    partials = ((1.0, 1.0, 1.0), (2.76, 0.35, 1.8), (5.4, 0.12, 3.0), (0.5, 0.25, 0.7))

    def voice(t: float) -> float:
        return (
            level
            * sum(
                amp * math.exp(-t * speed / decay) * math.sin(2 * math.pi * fundamental * mul * t)
                for mul, amp, speed in partials
            )
            / 1.72
        )

    return voice


def _tone(hz: float, level: float, decay: float) -> Wave:
    def voice(t: float) -> float:
        return level * math.exp(-t / decay) * math.sin(2 * math.pi * hz * t)

    return voice


def _sequence(*parts: tuple[float, Wave]) -> Wave:
    """Voices starting at the given times, sounding together once started."""

    def voice(t: float) -> float:
        return sum(part(t - start) for start, part in parts if t >= start)

    return voice


CUES: dict[str, Callable[[], array[int]]] = {
    "inhale": lambda: _render(0.9, _glide(330.0, 495.0, 0.9, 0.32), 0.12, 0.35),
    "exhale": lambda: _render(1.0, _glide(495.0, 330.0, 1.0, 0.32), 0.12, 0.45),
    "hold": lambda: _render(0.45, _tone(415.3, 0.26, 0.18), 0.01, 0.2),
    "step": lambda: _render(2.6, _bell(523.25, 0.34, 0.9), 0.004, 0.6),
    "switch": lambda: _render(
        0.55,
        _sequence((0.0, _tone(440.0, 0.24, 0.12)), (0.22, _tone(587.3, 0.24, 0.14))),
        0.005,
        0.15,
    ),
    "start": lambda: _render(
        3.2,
        _sequence(
            (0.0, _bell(392.0, 0.22, 1.0)),
            (0.35, _bell(493.9, 0.22, 1.0)),
            (0.7, _bell(587.3, 0.22, 1.1)),
        ),
        0.004,
        0.8,
    ),
    "end": lambda: _render(
        3.8,
        _sequence(
            (0.0, _bell(587.3, 0.22, 1.0)),
            (0.4, _bell(493.9, 0.22, 1.0)),
            (0.8, _bell(392.0, 0.24, 1.3)),
        ),
        0.004,
        1.0,
    ),
    "count": lambda: _render(0.06, _tone(880.0, 0.12, 0.02), 0.004, 0.03),
}


def wav_bytes(samples: array[int]) -> bytes:
    """A complete 44.1 kHz 16-bit mono WAV file holding `samples`."""
    import io

    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(RATE)
        if sys.byteorder == "big":  # WAV is little-endian
            samples = array("h", samples)
            samples.byteswap()
        out.writeframes(samples.tobytes())
    return buffer.getvalue()


def write_cues(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, make in CUES.items():
        path = folder / f"{name}.wav"
        path.write_bytes(wav_bytes(make()))
        written.append(path)
    return written


if __name__ == "__main__":
    target = Path(sys.argv[1]) if len(sys.argv) > 1 else Path(__file__).resolve().parent
    for path in write_cues(target):
        print(f"wrote {path}")
