"""Phrases synthesised ahead of need and kept on disk, so speech is never late and a
routine played twice speaks at once the second time.

Each phrase is a WAV (mono, 16-bit, 44.1 kHz) in the user cache directory, named by a hash
of the engine, the voice and the text: another voice never answers for this one. Files are
written to a temporary name and renamed, so a reader never sees half a phrase, and two
breathes sharing the cache cannot spoil each other's.

`prepare` makes a session's phrases in a worker thread, in the order they are said: the
first minute's first (a session starts when those are ready, with a progress bar while
it waits), then the rest, ahead of need. `Preparation.sound_for` answers at a phrase's
moment, without ever waiting: the sound, or None when it is not ready, is late, or turned
out too long to end in time. A phrase that is not ready is skipped, never played late.

A teacher's own recording (a step's `say:`) is read from its file in the same worker, as
the cues' own sounds are read in theirs, and made mono: it needs no speech engine, so a
preparation without a cache (no engine here) still plays the recordings.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import tempfile
import threading
import wave
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import platformdirs

from breathe.format.wav import (
    ACCEPTED_RATE,
    MAX_RECORDING_MS,
    Sound,
    SoundFileError,
    read_wav,
    to_mono,
)
from breathe.library.locations import APP_NAME
from breathe.voice.script import Phrase, estimate_ms
from breathe.voice.speech import SpeechEngine, SpeechError

FIRST_MINUTE_MS = 60_000
LATE_MS = 150
"""A phrase that cannot start within this of its moment is skipped: speech that comes late
describes what is already over, and would push into the next phrase."""


def read_recording(path: Path) -> Sound:
    """A teacher's recording as the voice plays it: mono, 44.1 kHz. SoundFileError when
    the file changed or went since its routine was checked."""
    return to_mono(read_wav(path, MAX_RECORDING_MS))


def cache_dir() -> Path:
    """Where synthesised phrases are kept: `voice` in breathe's user cache directory."""
    return platformdirs.user_cache_path(APP_NAME, appauthor=False) / "voice"


class PhraseCache:
    """The phrases of one engine and voice, on disk under `folder`."""

    def __init__(self, engine: SpeechEngine, folder: Path | None = None) -> None:
        self.engine = engine
        self.folder = folder or cache_dir()
        self._durations: dict[str, int] = {}
        self._lock = threading.Lock()

    def path(self, text: str) -> Path:
        key = hashlib.sha256(
            "\0".join((self.engine.name, self.engine.voice, text)).encode("utf-8")
        ).hexdigest()
        return self.folder / f"{key[:40]}.wav"

    def get(self, text: str) -> Sound | None:
        """`text` as spoken, if it is in the cache; never synthesises."""
        try:
            with wave.open(str(self.path(text)), "rb") as wav:
                if (wav.getnchannels(), wav.getsampwidth(), wav.getframerate()) != (
                    1,
                    2,
                    ACCEPTED_RATE,
                ):
                    return None
                frames = wav.readframes(wav.getnframes())
        except (OSError, EOFError, wave.Error):
            return None
        sound = Sound(frames, 1, ACCEPTED_RATE)
        self._note(text, sound)
        return sound

    def has(self, text: str) -> bool:
        return self.duration_ms(text) is not None

    def duration_ms(self, text: str) -> int | None:
        """How long `text` takes to say, if it is in the cache (from its header only)."""
        with self._lock:
            if text in self._durations:
                return self._durations[text]
        try:
            with wave.open(str(self.path(text)), "rb") as wav:
                duration = wav.getnframes() * 1000 // wav.getframerate()
        except (OSError, EOFError, wave.Error):
            return None
        with self._lock:
            self._durations[text] = duration
        return duration

    def duration_or_estimate(self, text: str) -> int:
        """The real length where known, else the estimate: for `plan_script`."""
        known = self.duration_ms(text)
        return estimate_ms(text) if known is None else known

    def synthesize(self, text: str) -> Sound:
        """`text` spoken: from the cache, or synthesised and kept. Raises SpeechError."""
        cached = self.get(text)
        if cached is not None:
            return cached
        sound = self.engine.synthesize(text)
        self._write(self.path(text), sound)
        self._note(text, sound)
        return sound

    def _note(self, text: str, sound: Sound) -> None:
        with self._lock:
            self._durations[text] = len(sound.frames) * 1000 // (2 * ACCEPTED_RATE)

    def _write(self, target: Path, sound: Sound) -> None:
        """Write atomically: a temporary file beside the target, then renamed over it."""
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            handle, temporary = tempfile.mkstemp(dir=target.parent, suffix=".part")
        except OSError:
            return  # a cache that cannot be written is no cache; the phrase still plays
        try:
            with os.fdopen(handle, "wb") as file, wave.open(file, "wb") as wav:
                wav.setnchannels(1)
                wav.setsampwidth(2)
                wav.setframerate(ACCEPTED_RATE)
                wav.writeframes(sound.frames)
            os.replace(temporary, target)
        except OSError:
            with contextlib.suppress(OSError):
                os.unlink(temporary)


@dataclass(frozen=True, slots=True)
class Progress:
    ready: int  # phrases of the first window ready
    needed: int  # phrases in the first window
    made: int  # every phrase ready so far
    total: int  # every phrase to make

    @property
    def first_ready(self) -> bool:
        return self.ready >= self.needed


class Preparation:
    """A session's phrases being made in a worker thread; see the module's docstring."""

    def __init__(
        self,
        cache: PhraseCache | None,
        phrases: Sequence[Phrase],
        until_ms: int,
        on_progress: Callable[[Progress], None] | None,
        shape: Callable[[Sound], Sound] | None = None,
    ) -> None:
        self.cache = cache  # None: no speech engine, only recordings are played
        self._shape = shape
        # Each phrase made, shaped, ready to play: by its text, or by its recording's path.
        self._sounds: dict[str | Path, Sound] = {}
        ordered = sorted(phrases, key=_moment)
        sources = list(dict.fromkeys(phrase.source for phrase in ordered))
        if cache is None:
            sources = [source for source in sources if isinstance(source, Path)]
        first = {phrase.source for phrase in phrases if phrase.at_ms < until_ms}
        first &= set(sources)
        self._sources = sources
        self._first = first
        self._ready: set[str | Path] = set()
        self.unreadable: list[tuple[Path, SoundFileError]] = []  # recordings that failed
        self._lock = threading.Lock()
        self._on_progress = on_progress
        self._stop = threading.Event()
        self.first_minute = (
            threading.Event()
        )  # set when the first window is ready (or never will be)
        self.done = threading.Event()
        self.error: SpeechError | None = None
        self._thread = threading.Thread(target=self._run, name="breathe-voice", daemon=True)
        if not first:
            self.first_minute.set()

    def start(self) -> Preparation:
        self._thread.start()
        return self

    def progress(self) -> Progress:
        with self._lock:
            ready = len(self._ready & self._first)
            return Progress(ready, len(self._first), len(self._ready), len(self._sources))

    def wait_first(self, timeout: float | None = None) -> bool:
        """Wait for the first window's phrases; False if the time ran out first."""
        return self.first_minute.wait(timeout)

    def stop(self, timeout: float | None = None) -> None:
        """Stop making phrases (the one being made is finished first) and wait for it."""
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join(timeout)

    @property
    def running(self) -> bool:
        """Whether phrases are still being made."""
        return self._thread.is_alive()

    def ready(self, source: str | Path) -> bool:
        """Whether the phrase of `source` (its text, or its recording) is made."""
        with self._lock:
            return source in self._ready

    def sound_for(self, phrase: Phrase, position_ms: int) -> Sound | None:
        """The sound to play for `phrase` now (at `position_ms` on the timeline), or None:
        not ready, late, or too long to end by its limit. Never waits."""
        if not phrase.at_ms <= position_ms <= phrase.at_ms + LATE_MS:
            return None
        with self._lock:
            sound = self._sounds.get(phrase.source)
        if sound is None:  # not ready
            return None
        if position_ms + round(sound.seconds * 1000) > phrase.until_ms:
            return None
        return sound

    def _run(self) -> None:
        yielded = False
        try:
            for source in self._sources:
                if self._stop.is_set():
                    return
                if self.first_minute.is_set() and not yielded:  # the rest, while it plays
                    _yield_the_cpu()
                    yielded = True
                if isinstance(source, Path):
                    try:
                        sound = read_recording(source)
                    except SoundFileError as error:
                        self.unreadable.append((source, error))  # left out, as a cue would be
                        with self._lock:
                            self._first.discard(source)
                            first_done = self._first <= self._ready
                        if first_done:
                            self.first_minute.set()
                        continue
                else:
                    assert self.cache is not None  # texts are only made with an engine
                    try:
                        sound = self.cache.synthesize(source)
                    except SpeechError as error:
                        self.error = error  # an engine that failed once will fail again
                        return
                if self._shape is not None:
                    sound = self._shape(sound)
                with self._lock:
                    self._sounds[source] = sound
                    self._ready.add(source)
                    first_done = self._first <= self._ready
                if first_done:
                    self.first_minute.set()
                if self._on_progress is not None:
                    self._on_progress(self.progress())
        finally:
            self.first_minute.set()  # nothing waits forever, even when speech failed
            self.done.set()


WORKER_NICENESS = 10
"""How much lower than the app's the phrase worker's CPU priority is, once the first
window's phrases are made (Linux `nice`)."""
NICEST = 19  # the lowest priority there is


def _yield_the_cpu() -> None:
    """Lower this thread's CPU priority by WORKER_NICENESS (Linux only: a thread is a task
    there, with a priority of its own; elsewhere the call would lower the whole app's, and
    is not made).

    The phrases after the first window are made while the session plays: piper keeps a
    core busy for most of a second a phrase (onnxruntime runs without the GIL), and on a
    machine of two cores with something else busy, the event loop and the sound device's
    thread then waited for a core behind it, the boundaries late. Those phrases are wanted
    seconds later, a boundary at its millisecond: the worker takes what CPU they leave.
    The first window's phrases are made at the app's priority: the session waits for
    them, and a person with it."""
    if sys.platform != "linux":
        return
    thread = threading.get_native_id()
    with contextlib.suppress(OSError):  # not permitted (a sandbox): made at the same priority
        lower = min(NICEST, os.getpriority(os.PRIO_PROCESS, thread) + WORKER_NICENESS)
        os.setpriority(os.PRIO_PROCESS, thread, lower)


def _moment(phrase: Phrase) -> int:
    return phrase.at_ms


def prepare(
    cache: PhraseCache | None,
    phrases: Sequence[Phrase],
    until_ms: int = FIRST_MINUTE_MS,
    on_progress: Callable[[Progress], None] | None = None,
    shape: Callable[[Sound], Sound] | None = None,
) -> Preparation:
    """Start making `phrases` in a worker thread, in the order they are said;
    `first_minute` is set once those before `until_ms` are ready. See the module docstring.

    Each phrase made is kept in memory, passed through `shape` first if given (a player
    scales it to its volume there, in the worker: not at its moment, on the event loop)."""
    return Preparation(cache, phrases, until_ms, on_progress, shape).start()
