"""Playing cues through miniaudio: one stream, opened once, started when a cue comes.

miniaudio (a regular dependency: wheels for Linux, macOS and Windows, no compiler) plays a
stream that asks, from its own thread, for the next few milliseconds of sound. `play`
only hands the cue to a `Mixer` (a lock held for microseconds), so it never blocks the
event loop; the stream picks the cue up at its next period (`PERIOD_MS`).

A stream that runs on when nothing sounds keeps the sound device busy, so it is stopped
after `LINGER_S` of silence (long enough for the device's own buffer to play out: a
stop drops what the device still holds) and started again, by a keeper thread, when the
next cue comes. Starting pre-fills the device with the cue itself, so a cue after a
quiet moment is heard without waiting behind buffered silence.

A device that takes samples faster than they play (ALSA's `file` plugin in front of a
`null` device, which the tests use as a sound card) would spin the stream and write
silence as fast as it can: the stream never runs more than `LEAD_S` ahead of the clock.
A real device never asks for more than its buffer ahead, so this costs it nothing.
"""

from __future__ import annotations

import importlib
import threading
import time
from collections.abc import Generator
from typing import Any

from breathe.audio.device import AudioUnavailable, silence_alsa_errors
from breathe.audio.mixer import CHANNELS, Mixer, as_stereo
from breathe.format.wav import Sound

MINIAUDIO_REQUIREMENT = "miniaudio>=1.70,<2"  # as pyproject.toml's dependencies say
RATE = 44_100  # every Sound breathe reads (breathe.format.wav)
PERIOD_MS = 5
"""How often the stream asks for sound: a cue handed over waits at most this long."""
PERIODS = 4  # the device's buffer: PERIODS * PERIOD_MS of sound, against hiccups
LINGER_S = 0.5
LEAD_S = PERIODS * PERIOD_MS / 1000 + 0.1

# miniaudio's result codes (miniaudio.h), in words a person can act on.
_RESULTS = {
    -203: "no sound system found",
    -204: "no sound device found",
    -400: "the sound system would not start",
    -401: "the device would not open",
    -402: "the device would not start",
}


def _reason(error: Exception) -> str:
    code = error.args[1] if len(error.args) > 1 and isinstance(error.args[1], int) else 0
    words = _RESULTS.get(code) or f"miniaudio: {error.args[0]}, code {code}"
    return f"no sound: the sound device cannot be opened ({words})"


class MiniaudioBackend:
    """Non-blocking, mixing playback through miniaudio; raises AudioUnavailable if it cannot
    open a real sound device (miniaudio's `null` device, which plays nothing, is refused)."""

    name = "miniaudio"

    def __init__(self) -> None:
        silence_alsa_errors()
        try:
            # Through importlib: miniaudio ships no type information (no py.typed).
            miniaudio: Any = importlib.import_module("miniaudio")
        except ModuleNotFoundError:
            from breathe.core.paste import pip_install

            raise AudioUnavailable(
                f"no sound: miniaudio is not installed ({pip_install(MINIAUDIO_REQUIREMENT)})"
            ) from None
        except (ImportError, OSError) as error:  # installed, but its library will not load
            raise AudioUnavailable(f"no sound: miniaudio does not load here ({error})") from None
        self._error_type: type[Exception] = miniaudio.MiniaudioError
        try:
            self._device: Any = miniaudio.PlaybackDevice(
                output_format=miniaudio.SampleFormat.SIGNED16,
                nchannels=CHANNELS,
                sample_rate=RATE,
                buffersize_msec=PERIOD_MS,
                callback_periods=PERIODS,
                app_name="breathe",
            )
        except miniaudio.MiniaudioError as error:
            raise AudioUnavailable(_reason(error)) from None
        if self._device.backend.lower() == "null":
            self._device.close()
            raise AudioUnavailable("no sound: the sound device cannot be opened (none found)")
        self._mixer = Mixer()
        self._lock = threading.Lock()  # guards the mixer, _streaming and _quiet_since
        self._streaming = False  # the stream takes from the mixer (else it sounds silence)
        self._quiet_since = 0.0  # when the mixer last ran dry, on time.monotonic()
        self._wake = threading.Event()
        self._closed = False
        self._failure: str | None = None  # the device failed after opening: why
        self._stereo: dict[Sound, bytes] = {}
        # Start once now, so a device that opens but will not play is known before the
        # session starts rather than at its first cue; the keeper stops it when quiet.
        try:
            self._start()
        except miniaudio.MiniaudioError as error:
            self._device.close()
            raise AudioUnavailable(_reason(error)) from None
        self._keeper = threading.Thread(target=self._keep, name="breathe sound", daemon=True)
        self._keeper.start()

    def play(self, sound: Sound) -> None:
        if self._failure is not None:
            raise AudioUnavailable(self._failure)
        frames = self._stereo.get(sound)
        if frames is None:
            frames = self._stereo[sound] = as_stereo(sound)
        with self._lock:
            self._mixer.add(frames)
            streaming = self._streaming
        if not streaming:
            self._wake.set()  # the keeper starts the stream

    def close(self) -> None:
        """Stop every sound at once and release the device."""
        with self._lock:
            self._closed = True
            self._mixer.clear()
        self._wake.set()
        self._keeper.join(timeout=2)
        self._device.close()

    # -- the keeper thread: starts the stream for a cue, stops it when quiet -------------

    def _keep(self) -> None:
        while True:
            with self._lock:
                streaming = self._streaming
            self._wake.wait(timeout=LINGER_S / 2 if streaming else None)
            self._wake.clear()
            with self._lock:
                if self._closed:
                    return
                quiet = self._mixer.idle
                stop = streaming and quiet and time.monotonic() - self._quiet_since >= LINGER_S
                if stop:
                    self._streaming = False  # the stream takes no cue it could not finish
            try:
                if stop:
                    self._device.stop()
                elif not streaming and not quiet:
                    self._start()
            except self._error_type as error:  # the device has gone
                self._failure = _reason(error)  # the next cue says so
                return

    def _start(self) -> None:
        stream = self._stream()
        next(stream)
        with self._lock:
            self._streaming = True
            self._quiet_since = time.monotonic()
        self._device.start(stream)

    def _stream(self) -> Generator[bytes, int, None]:
        """What the device's thread asks for: `frames` frames at a time. Never raises (an
        error here would be printed over the screen by the device's thread)."""
        frames = yield b""
        started = time.monotonic()
        sent = 0.0  # seconds of sound handed to the device
        while True:
            with self._lock:
                if self._streaming:
                    was_idle = self._mixer.idle
                    chunk = self._mixer.take(frames)
                    if self._mixer.idle and not was_idle:
                        self._quiet_since = time.monotonic()
                else:
                    chunk = bytes(frames * 2 * CHANNELS)
            sent += frames / RATE
            ahead = sent - (time.monotonic() - started)
            if ahead > LEAD_S:  # a device that does not keep time (see the module's doc)
                time.sleep(min(ahead - LEAD_S, PERIOD_MS / 1000))
            frames = yield chunk
