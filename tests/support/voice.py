"""A voice caught while the phrases of its first minute are being made, the same at every
run: for the session's wait (its Pilot and snapshot tests), which a real engine would end
at a moment no test can choose."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from breathe.core.options import PlayOptions
from breathe.core.timeline import Timeline
from breathe.format.wav import Sound
from breathe.voice.guide import Guide
from breathe.voice.speech import SpeechEngine

if TYPE_CHECKING:
    from breathe.audio.cue_player import CuePlayer


class HeldEngine:
    """A real engine that makes the first `free` phrases, then waits to be let go."""

    def __init__(self, engine: SpeechEngine, free: int) -> None:
        self.engine = engine
        self.free = free
        self.made = 0
        self.released = threading.Event()

    @property
    def name(self) -> str:
        return self.engine.name

    @property
    def voice(self) -> str:
        return self.engine.voice

    def synthesize(self, text: str) -> Sound:
        if self.made >= self.free:
            self.released.wait(30)
        self.made += 1
        return self.engine.synthesize(text)


class PreparingVoice:
    """A session's voice (SessionVoice) whose guide makes its phrases with `engine`, into
    `folder`; it has no device, so nothing it says is heard."""

    def __init__(self, engine: HeldEngine, folder: Path) -> None:
        self.player: CuePlayer | None = None
        self.engine = engine
        self.folder = folder
        self.guide: Guide | None = None

    def start_voice(
        self, timeline: Timeline, options: PlayOptions, on_guide: Callable[[Guide | None], None]
    ) -> None:
        self.guide = Guide.start(timeline, self.engine, folder=self.folder)
        on_guide(self.guide)

    def speak(self, phrase: Sound) -> None:
        pass

    def let_go(self) -> None:
        """Let the engine make the rest, and wait for them (the test is ending)."""
        self.engine.released.set()
        if self.guide is not None:
            self.guide.stop(timeout=30)
