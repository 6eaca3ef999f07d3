"""Playing cues: a small interface, its backends, and graceful fallbacks.

miniaudio (a regular dependency, breathe.audio.miniaudio_backend) plays them on every
install. simpleaudio stays a backend one may choose: it is optional (it compiles against
ALSA headers and crashes Python 3.12 and newer), so it is imported only when its backend
is opened. Where neither can play, `open_backend` rings the terminal's bell, or falls
silent, with one line saying why and how to get sound.
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Callable
from typing import Any, Protocol

from breathe.audio.device import AudioUnavailable as AudioUnavailable  # re-exported
from breathe.audio.device import silence_alsa_errors as silence_alsa_errors  # re-exported
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

    def play(self, sound: Sound) -> None:
        """Sound a cue, at once, without waiting for it to end."""

    def speak(self, sound: Sound) -> None:
        """Sound a phrase of the voice; a backend that mixes ducks the cues under it."""

    def schedule(self, sound: Sound, at_ms: int) -> object | None:
        """Sound a cue from the moment `at_ms` (`monotonic_ms`'s clock), handed over ahead
        of it; what to `withdraw` it by, or None: this backend cannot start a sound at a
        moment of its own, and the cue is to be played at its moment with `play`."""

    def withdraw(self, scheduled: object) -> None:
        """Take back a cue scheduled and not yet sounding."""

    def close(self) -> None: ...


class Unscheduled:
    """For a backend that can only play a sound at once: the cue is played at its moment."""

    def schedule(self, sound: Sound, at_ms: int) -> object | None:
        return None

    def withdraw(self, scheduled: object) -> None:
        return None


class SilentBackend(Unscheduled):
    name = "off"

    def play(self, sound: Sound) -> None:
        return None

    def speak(self, sound: Sound) -> None:
        return None

    def close(self) -> None:
        return None


class BellBackend(Unscheduled):
    """The terminal bell: one short beep per cue, where nothing better exists."""

    name = "bell"

    def __init__(self, ring: Callable[[], None]) -> None:
        self.ring = ring

    def play(self, sound: Sound) -> None:
        self.ring()

    def speak(self, sound: Sound) -> None:
        return None  # a bell cannot speak

    def close(self) -> None:
        return None


SIMPLEAUDIO_PYTHONS = (3, 12)
"""simpleaudio runs on Pythons older than this. Its last release (1.0.4, 2019) crashes the
interpreter with a segmentation fault as a sound ends on Python 3.12 and newer (measured
here on 3.12.1 and 3.13.0; upstream: hamiltron/py-simple-audio#72, the project archived),
so breathe never plays through it there, and the `audio` extra does not install it there
(its marker in pyproject.toml says the same)."""


def simpleaudio_runs_here() -> bool:
    return sys.version_info[:2] < SIMPLEAUDIO_PYTHONS


class SimpleaudioBackend(Unscheduled):
    """Non-blocking playback through simpleaudio; raises AudioUnavailable if it cannot.

    simpleaudio opens a new stream for each sound and starts it at once: it has no way to
    start one at a moment, so a cue is played when the session reaches its boundary (and
    is as late as the event loop is then; benchmarks/audio.py measures it)."""

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

    def speak(self, sound: Sound) -> None:
        """A phrase is one more stream: the sound system mixes it with the cues, which
        simpleaudio cannot lower once started, so they are not ducked under it."""
        self.play(sound)

    def close(self) -> None:
        for handle in self._playing:
            handle.stop()
        self._playing.clear()


def open_backend(choice: str, ring: Callable[[], None] | None) -> tuple[Backend, str | None]:
    """The backend for `--sound CHOICE`, and one line saying why when it is not the sound
    asked for. `ring` sounds the terminal's bell (None: there is no terminal to ring).

    A backend named by the person is that one, or silence and why. `auto` takes the best
    that works: miniaudio, then simpleaudio (where it runs), then the terminal bell, then
    silence; it says why only when it falls to the bell or to silence, naming what
    stopped miniaudio (what is missing, and how to add it here).
    """
    if choice == "off":
        return SilentBackend(), None
    if choice == "bell":
        return (
            (BellBackend(ring), None)
            if ring
            else (SilentBackend(), "no sound: there is no terminal bell here")
        )
    openers = {"miniaudio": _open_miniaudio, "simpleaudio": SimpleaudioBackend}
    if choice in openers:
        try:
            return openers[choice](), None
        except AudioUnavailable as error:
            return SilentBackend(), str(error)
    reasons = []
    for opener in openers.values():
        try:
            return opener(), None
        except AudioUnavailable as error:
            reasons.append(str(error))
    if ring is None:
        return SilentBackend(), reasons[0]
    return BellBackend(ring), f"{reasons[0]}; the terminal bell rings the cues instead"


def _open_miniaudio() -> Backend:
    from breathe.audio.miniaudio_backend import MiniaudioBackend  # it imports this module

    return MiniaudioBackend()
