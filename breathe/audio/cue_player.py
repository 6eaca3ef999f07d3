"""Sounds the cues of a session through a backend, falling silent (once, with a reason) if
the device fails part-way.

Every sound a session may play is read and scaled to the volume before it starts
(`load`), so playing a cue at its boundary costs only the backend's call.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path

from breathe.audio.cues import Cue, bundled_sound
from breathe.audio.playback import AudioUnavailable, Backend, SilentBackend, Sound, at_volume
from breathe.core.model import CUE_NAMES, SoundChoice
from breathe.format.wav import SoundFileError, read_wav, to_mono

BELL_CUES = frozenset({"inhale", "exhale", "step"})  # the terminal bell rings for these only
_NOTHING = Sound(b"", 1, 44_100)


def load_sounds(
    choices: Iterable[SoundChoice], volume: int, *, mono: bool = False
) -> tuple[dict[Path, Sound], list[str]]:
    """The sounds of `choices` by file, scaled to `volume`; and one line per file that failed.

    A file checked when its routine loaded can still have changed or gone since.
    """
    sounds: dict[Path, Sound] = {}
    problems: list[str] = []
    for choice in choices:
        if choice.path is None or choice.path in sounds:
            continue
        try:
            sound = read_wav(choice.path)
        except SoundFileError as error:
            problems.append(f"sound `{choice.written}` {error.message}; it stays silent")
            continue
        sounds[choice.path] = at_volume(to_mono(sound) if mono else sound, volume)
    return sounds, problems


def bundled_cues(volume: int) -> dict[Path, Sound]:
    """Every bundled cue, scaled to `volume` once, up front (not at each play)."""
    sounds, problems = load_sounds((bundled_sound(name) for name in CUE_NAMES), volume)
    assert not problems, problems  # the bundled sounds ship with breathe
    return sounds


class CuePlayer:
    def __init__(self, backend: Backend, volume: int, on_failure: Callable[[str], None]) -> None:
        self.backend = backend
        self.volume = volume
        self.on_failure = on_failure
        self.sounds: dict[Path, Sound] = {}

    @property
    def needs_sounds(self) -> bool:
        return self.backend.name not in ("bell", "off")

    def load(self, choices: Iterable[SoundChoice]) -> list[str]:
        """Read the sounds of `choices` not read yet; one line for each that failed.

        May run in a worker thread while cues play: each sound is added whole, at once.
        """
        if not self.needs_sounds:
            return []
        wanted = [choice for choice in choices if choice.path not in self.sounds]
        loaded, problems = load_sounds(wanted, self.volume)
        for path, sound in loaded.items():
            self.sounds[path] = sound
        return problems

    def play(self, cues: list[Cue]) -> None:
        for cue in cues:
            sound = self._sound_of(cue)
            if sound is not None:
                self._play(sound)

    def _sound_of(self, cue: Cue) -> Sound | None:
        if self.backend.name == "bell":
            return _NOTHING if cue.name in BELL_CUES else None
        return self.sounds.get(cue.sound.path) if cue.sound.path else None

    def schedule(self, cues: list[Cue], at_ms: int) -> list[object] | None:
        """Hand `cues` over ahead of their moment `at_ms` (`monotonic_ms`'s clock), to
        start on its frame; what to `withdraw` them by. None where the backend cannot
        (simpleaudio, the bell, silence): then they are to be played at the moment."""
        handles: list[object] = []
        for cue in cues:
            sound = self._sound_of(cue)
            if sound is None:
                continue
            try:
                handle = self.backend.schedule(sound, at_ms)
            except AudioUnavailable as error:
                self._fail(error)
                return None
            if handle is None:
                return None  # no backend starts some cues ahead and not others
            handles.append(handle)
        return handles

    def withdraw(self, handles: list[object]) -> None:
        """Take back cues scheduled and not sounding yet (a cue sounding plays on)."""
        for handle in handles:
            self.backend.withdraw(handle)

    @property
    def can_speak(self) -> bool:
        """Whether a phrase of the voice can be heard: the bell and silence play no sound."""
        return self.needs_sounds

    def speak(self, phrase: Sound) -> None:
        """Play a phrase of the voice (scaled to its volume already), mixed with the cues,
        which go on under it at a lower level (where the backend mixes: miniaudio)."""
        if self.can_speak:
            self._play(phrase, speech=True)

    def _play(self, sound: Sound, *, speech: bool = False) -> None:
        try:
            if speech:
                self.backend.speak(sound)
            else:
                self.backend.play(sound)
        except AudioUnavailable as error:
            self._fail(error)

    def _fail(self, error: AudioUnavailable) -> None:
        self.backend.close()
        self.backend = SilentBackend()
        self.on_failure(str(error))

    def close(self) -> None:
        self.backend.close()
