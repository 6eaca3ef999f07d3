"""Sounds the cues of a session through a backend, falling silent (once, with a reason) if
the device fails part-way."""

from __future__ import annotations

from collections.abc import Callable

from breathe.audio.playback import AudioUnavailable, Backend, SilentBackend, Sound, at_volume
from breathe.audio.playback import read_wav as read_wav
from breathe.locations import bundled_dir


def bundled_cues(volume: int) -> dict[str, Sound]:
    """Every bundled cue, scaled to `volume` once, up front (not at each play)."""
    folder = bundled_dir("sounds")
    return {path.stem: at_volume(read_wav(path), volume) for path in sorted(folder.glob("*.wav"))}


class CuePlayer:
    def __init__(
        self, backend: Backend, cues: dict[str, Sound], on_failure: Callable[[str], None]
    ) -> None:
        self.backend = backend
        self.cues = cues
        self.on_failure = on_failure

    def play(self, names: list[str]) -> None:
        for name in names:
            sound = self.cues.get(name)
            if sound is None:
                continue
            try:
                self.backend.play(sound)
            except AudioUnavailable as error:
                self.backend.close()
                self.backend = SilentBackend()
                self.on_failure(str(error))

    def close(self) -> None:
        self.backend.close()
