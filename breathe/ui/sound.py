"""The app's sound: the device opened and the cues loaded in worker threads, after the first
frame, and sessions held back until then.

Opening a device and reading WAV files takes a moment (well under a second, usually). A
session started at once (`breathe play`) would lose its start bells and first breath to
it, so a session asks `when_ready` and starts when its sounds can be heard (SessionScreen
waits at most a couple of seconds, then starts silent).

The voice that guides a session starts beside it, once the device is open: the speech
engine is opened and the session's phrases planned in a worker, and the guide is handed
to the session, which asks it for the phrases due at each moment it wakes. The session
never waits for the voice: a phrase not ready at its moment is left out. The voice speaks
through the same player as the cues (miniaudio mixes them), so where the cues have no
sound device (the terminal bell, or silence) there is no voice either.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from textual.app import App

    from breathe.audio.cue_player import CuePlayer
    from breathe.audio.cues import Cue
    from breathe.core.options import PlayOptions
    from breathe.core.timeline import Timeline
    from breathe.format.wav import Sound
    from breathe.voice.guide import Guide

    VoiceStart = tuple[Timeline, PlayOptions, Callable[[Guide | None], None]]  # start_voice's


class AppSound:
    """Owns the CuePlayer of one app. Every method runs on the app's thread."""

    def __init__(
        self, app: App[Any], sound: str, volume: int, on_failure: Callable[[str], None]
    ) -> None:
        self.app = app
        self.sound = sound  # auto, simpleaudio, bell or off
        self.volume = volume
        self.on_failure = on_failure  # said once, in one line, when there is no sound
        self.player: CuePlayer | None = None  # set once the device is open
        self._opening = sound != "off"
        self._loading = False  # a session's own sounds are being read
        self._session: Timeline | None = None  # whose own sounds are to be loaded
        self._waiters: list[Callable[[], None]] = []
        self._closing = threading.Lock()
        self._closed = False  # the app has ended: a player opened late is closed at once
        self._voice_wanted: VoiceStart | None = None  # started once the device is open
        self._voice_told = False  # the one line about a voice asked for and not heard

    def open(self) -> None:
        """Open the device and load the bundled cues, in a worker thread."""
        if self.sound != "off":
            self.app.run_worker(self._open, thread=True, name="sound", exit_on_error=False)

    def _open(self) -> None:
        # Imported here, in the worker thread: sound is not needed for the first frame.
        from breathe.audio.cue_player import CuePlayer
        from breathe.audio.cues import bundled_sound
        from breathe.audio.playback import open_backend
        from breathe.core.model import CUE_NAMES

        player: CuePlayer | None = None
        reason: str | None = None
        try:
            backend, reason = open_backend(self.sound, self.app.bell)
            player = CuePlayer(backend, self.volume, self.on_failure)
            player.load(bundled_sound(name) for name in CUE_NAMES)
        finally:  # even if opening failed in a way no backend foresaw: sessions must not wait
            with self._closing:
                closed = self._closed
            try:
                if not closed:
                    self.app.call_from_thread(self._opened, player, reason)
            except RuntimeError:  # the app stopped running in between
                closed = True
            if closed and player is not None:
                player.close()  # the device opened after the app ended: this thread closes it

    def _opened(self, player: CuePlayer | None, reason: str | None) -> None:
        if self._closed:
            if player is not None:
                player.close()
            return
        self.player = player
        self._opening = False
        if reason:
            self.on_failure(reason)
        if self._session is not None:
            self.load_session_sounds(self._session)
        if self._voice_wanted is not None:
            self.start_voice(*self._voice_wanted)
        self._release()

    def load_session_sounds(self, timeline: Timeline) -> None:
        """Read the author's own sounds of `timeline` in a worker, once the device is open."""
        self._session = timeline
        player = self.player
        if player is None or not player.needs_sounds:
            return  # _opened comes back here

        def load() -> None:
            from breathe.audio.cues import timeline_sounds

            try:
                for problem in player.load(timeline_sounds(timeline)):
                    self.app.call_from_thread(self.on_failure, problem)
            finally:
                self.app.call_from_thread(self._loaded)

        self._loading = True
        self.app.run_worker(load, thread=True, name="session sounds", exit_on_error=False)

    def _loaded(self) -> None:
        self._loading = False
        self._release()

    def when_ready(self, callback: Callable[[], None]) -> None:
        """Call `callback` once the device is open and the session's sounds are loaded
        (at once if they are), or sound has failed."""
        self._waiters.append(callback)
        self._release()

    def _release(self) -> None:
        if self._opening or self._loading:
            return
        waiters, self._waiters = self._waiters, []
        for callback in waiters:
            callback()

    def play(self, cues: list[Cue]) -> None:
        if self.player is not None:
            self.player.play(cues)

    # -- the voice --

    def start_voice(
        self,
        timeline: Timeline,
        options: PlayOptions,
        on_guide: Callable[[Guide | None], None],
    ) -> None:
        """Start the voice of a session of `timeline` in a worker, once the device is open;
        `on_guide` gets its Guide on the app's thread, or None when no voice will come
        (the voice is off, or nothing can sound: then one calm line, if a voice was asked
        for by name), so that a session waiting for its voice knows when to stop waiting."""
        self._voice_wanted = None
        if options.voice == "off":
            on_guide(None)
            return
        if self.sound == "off":
            self._no_voice(options, "sound is off, and the voice speaks through it")
            on_guide(None)
            return
        if self._opening:
            self._voice_wanted = (timeline, options, on_guide)  # _opened comes back here
            return
        player = self.player
        if player is None or not player.can_speak:
            self._no_voice(options, "no sound device can speak here")
            on_guide(None)
            return
        volume = options.voice_volume  # the voice's own, apart from the cues'

        def start() -> None:
            from breathe.audio.playback import at_volume
            from breathe.voice.engines import open_engine
            from breathe.voice.guide import Guide
            from breathe.voice.script import ScriptOptions, has_recordings

            guide: Guide | None = None
            try:
                choice = open_engine(options.voice)
                if choice.engine is None:
                    if choice.notice:
                        self._from_thread(self._no_voice, options, None, choice.notice)
                    if not has_recordings(timeline):  # a teacher's own recording needs no engine
                        return
                guide = Guide.start(
                    timeline,
                    choice.engine,
                    ScriptOptions(count_breaths=options.eyes_closed),
                    shape=lambda sound: at_volume(sound, volume),
                )
            finally:  # None too (no engine, or one that failed): no session waits on
                self._from_thread(self._voice_started, guide, on_guide)

        self.app.run_worker(start, thread=True, name="voice", exit_on_error=False)

    def _from_thread(self, callback: Callable[..., object], *args: object) -> None:
        with contextlib.suppress(RuntimeError):  # the app stopped running in between
            self.app.call_from_thread(callback, *args)

    def _voice_started(self, guide: Guide | None, on_guide: Callable[[Guide | None], None]) -> None:
        if self._closed:
            if guide is not None:
                guide.stop(timeout=0)
            return
        on_guide(guide)

    def _no_voice(self, options: PlayOptions, why: str | None, line: str | None = None) -> None:
        """Say once, calmly, that the voice asked for is not heard: only when it was asked
        for by name (`auto` takes what there is, without a word)."""
        if options.voice == "auto" or self._voice_told:
            return
        self._voice_told = True
        self.app.notify(line or f"No voice: {why}.", title="Voice", timeout=8, markup=False)

    def speak(self, phrase: Sound) -> None:
        """Play a phrase of the voice through the cues' player, mixed with them."""
        if self.player is not None:
            self.player.speak(phrase)

    def close(self) -> None:
        with self._closing:
            self._closed = True
        if self.player is not None:
            self.player.close()
