"""Playing cues: a small interface, a simpleaudio backend, and graceful fallbacks.

simpleaudio is optional (it compiles against ALSA headers), so it is imported only when the
simpleaudio backend is opened. Without it, or without a working sound device, `open_backend`
returns a silent backend and one line saying why and how to get sound.
"""

from __future__ import annotations

import ctypes
import sys
from array import array
from collections.abc import Callable
from typing import Any, Protocol

from breathe.core.bounds import MAX_VOLUME
from breathe.format.wav import Sound as Sound  # re-exported
from breathe.format.wav import SoundFileError as SoundFileError  # re-exported
from breathe.format.wav import read_wav as read_wav  # re-exported


def at_volume(sound: Sound, volume: int) -> Sound:
    """The sound with every sample scaled by volume / MAX_VOLUME (full at MAX_VOLUME)."""
    if volume >= MAX_VOLUME:
        return sound
    scale = volume / MAX_VOLUME
    # int() rounds toward zero: symmetric around silence.
    samples = array("h", [int(value * scale) for value in array("h", sound.frames)])
    return Sound(samples.tobytes(), sound.channels, sound.rate)


class Backend(Protocol):
    name: str

    def play(self, sound: Sound) -> None: ...

    def close(self) -> None: ...


class SilentBackend:
    name = "off"

    def play(self, sound: Sound) -> None:
        return None

    def close(self) -> None:
        return None


class BellBackend:
    """The terminal bell: one short beep per cue, where nothing better exists."""

    name = "bell"

    def __init__(self, ring: Callable[[], None]) -> None:
        self.ring = ring

    def play(self, sound: Sound) -> None:
        self.ring()

    def close(self) -> None:
        return None


# libasound writes errors straight to file descriptor 2, over the app's screen. A no-op
# handler stops that; it must stay referenced for the life of the process.
_ALSA_HANDLER_TYPE = ctypes.CFUNCTYPE(
    None, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p
)
_quiet_alsa: Any = None


def silence_alsa_errors() -> None:
    global _quiet_alsa
    if _quiet_alsa is not None:
        return
    try:
        library = ctypes.CDLL("libasound.so.2")
    except OSError:
        return
    _quiet_alsa = _ALSA_HANDLER_TYPE(lambda *args: None)
    library.snd_lib_error_set_handler(_quiet_alsa)


SIMPLEAUDIO_PYTHONS = (3, 12)
"""simpleaudio runs on Pythons older than this. Its last release (1.0.4, 2019) crashes the
interpreter with a segmentation fault as a sound ends on Python 3.12 and newer (measured
here on 3.12.1 and 3.13.0; upstream: hamiltron/py-simple-audio#72, the project archived),
so breathe never plays through it there, and the `audio` extra does not install it there
(its marker in pyproject.toml says the same)."""


def simpleaudio_runs_here() -> bool:
    return sys.version_info[:2] < SIMPLEAUDIO_PYTHONS


class SimpleaudioBackend:
    """Non-blocking playback through simpleaudio; raises AudioUnavailable if it cannot."""

    name = "simpleaudio"

    def __init__(self) -> None:
        if not simpleaudio_runs_here():
            version = ".".join(map(str, sys.version_info[:2]))
            raise AudioUnavailable(
                f"no sound: simpleaudio crashes Python {version} (it runs up to 3.11), "
                "so breathe does not play through it here; --sound bell rings the "
                "terminal's bell instead"
            )
        silence_alsa_errors()
        try:
            import simpleaudio
        except ImportError:
            from breathe.core.paste import audio_install_hint

            raise AudioUnavailable(
                f"no sound: simpleaudio is not installed ({audio_install_hint()})"
            ) from None
        self._simpleaudio = simpleaudio
        self._playing: list[Any] = []
        # Open the device once now, with a moment of silence, so a machine without a
        # working device is known before the session starts rather than at the first cue.
        self.play(Sound(bytes(2 * 441), 1, 44_100))

    def play(self, sound: Sound) -> None:
        from simpleaudio._simpleaudio import SimpleaudioError

        try:
            handle = self._simpleaudio.play_buffer(sound.frames, sound.channels, 2, sound.rate)
        except SimpleaudioError as error:
            reason = str(error).split(" -- ")[0]
            raise AudioUnavailable(
                f"no sound: the sound device cannot be opened ({reason})"
            ) from None
        self._playing = [h for h in self._playing if h.is_playing()]
        self._playing.append(handle)

    def close(self) -> None:
        for handle in self._playing:
            handle.stop()
        self._playing.clear()


class AudioUnavailable(Exception):
    """Sound cannot be played here; the message is the one line to show the person."""


def open_backend(choice: str, ring: Callable[[], None]) -> tuple[Backend, str | None]:
    """The backend for `--sound CHOICE`, and a one-line reason when it fell back to silence."""
    if choice == "off":
        return SilentBackend(), None
    if choice == "bell":
        return BellBackend(ring), None
    try:
        return SimpleaudioBackend(), None
    except AudioUnavailable as error:
        return SilentBackend(), str(error)
