"""Playing cues through miniaudio: one stream, opened once, started when a cue comes.

miniaudio (a regular dependency: wheels for Linux, macOS and Windows, no compiler) plays a
stream that asks, from its own thread, for the next few milliseconds of sound. Cues go
into a `Mixer`; a cue that comes while another sounds is mixed into the running stream
and heard after what the device already holds (its buffer: `PERIODS` x `PERIOD_MS`).
The voice's phrases go into the same mixer (`speak`), which ducks the cues under them.

A stream that ran on through silence would keep the sound device busy, so it stops
`LINGER_S` after the last cue ends (long enough for the device to play out its buffer: a
stop drops what it still holds). The next cue starts it again, and starting pre-fills
the device with the cue itself, so a cue after a quiet moment is heard at once, not
behind a buffer of silence.

A session hands each cue over ahead of its moment (`schedule`, with its time on the
monotonic clock): the mixer starts it on the frame that sounds at that time, so however
late the event loop gets round to the boundary, the cue is not. The stream tells the mixer
when its first frame sounds as it starts (`Mixer.set_clock`), and the keeper starts the
stream `START_AHEAD_S` before a scheduled cue, so that its frame is still to come. A cue
scheduled and not yet sounding can be withdrawn (`withdraw`: paused, skipped, muted).

`play` hands a cue to sound at once to the mixer (a lock held for microseconds). If the stream is
stopped, it also starts it, on the caller's thread, and gives the device's thread the
moment it needs to fill its buffer with the cue: at most `FILL_WAIT_S`, usually well
under a millisecond, with the GIL released. Left to wait for the GIL behind the event
loop's work at the boundary, each of those few periods could wait for the switch
interval (see below), and the cue with them. If a keeper thread is just then stopping the
stream, `play` leaves the restart to it rather than wait.

A device that takes samples faster than they play (ALSA's `file` plugin in front of a
`null` device, which the tests use as a sound card) would spin the stream and write
silence as fast as it can: the stream never runs more than `LEAD_S` ahead of the clock.
A real device never asks for more than its buffer ahead, so this costs it nothing; and as
a scheduled cue sits on its own frame, running ahead delays none (a cue played at once
waits behind what is ahead). A device that runs dry (its thread held up longer than its
buffer lasts) plays on late by that much: the stream's clock follows it, so that the
cues after it still sound at their moments.

The device's thread runs Python for each period (the stream's generator), so it needs the
GIL every `PERIOD_MS`. While the event loop is busy (a screen being mounted and painted),
a thread that asks for the GIL gets it only after the interpreter's switch interval, 5 ms
by default: as long as a period. The stream was then handed over at just the pace it
plays, never ahead: a card on the edge of running dry, and a device that keeps its buffer
before it plays (the tests' capture sink) sounding the stream's first frame a whole buffer
after the moment the mixer took for it, and every cue of that stream as late. While a
backend is open the switch interval is `SWITCH_INTERVAL_S` (`QuickHandoff`): the device's
thread waits at most that, and fills its buffer many times faster than it plays.

A scheduled cue's frame is reckoned from the stream's start on the monotonic clock, so a
sound card whose clock runs apart from it moves the cue by that much over a stream's life
(tens of parts per million: well under a millisecond in the seconds a stream runs between
quiet moments, a few over a minute of unbroken sound).
"""

from __future__ import annotations

import sys
import threading
import time
from collections.abc import Generator
from typing import Any

from breathe.audio.device import AudioUnavailable, silence_alsa_errors
from breathe.audio.mixer import CHANNELS, Mixer, Voice, as_stereo
from breathe.format.wav import Sound

MINIAUDIO_REQUIREMENT = "miniaudio>=1.70,<2"  # as pyproject.toml's dependencies say
RATE = 44_100  # every Sound breathe reads (breathe.format.wav)
PERIOD_MS = 5
"""How often a running stream asks for sound: a cue mixed into it waits at most this long
to be taken, then plays after what the device's buffer already holds."""
PERIODS = 3
"""The device's buffer, PERIODS * PERIOD_MS: the stream's thread, which needs the GIL for
each period, may wait for it up to the interpreter's switch interval (SWITCH_INTERVAL_S
while a backend is open; more while the collector or another C call holds the GIL)."""
LINGER_S = 0.1
FILL_WAIT_S = 0.005
LEAD_S = PERIODS * PERIOD_MS / 1000 + 0.1
START_AHEAD_S = 0.2
"""The keeper starts a stopped stream this long before a scheduled cue: its own wake-up
may wait for the GIL (a collection of the app's objects holds it for tens of milliseconds,
more on a busy machine) and starting the
device takes a moment (tens of milliseconds at worst, measured here under load). A stream
started after the cue's moment could only play it late."""

SWITCH_INTERVAL_S = 0.0005
"""The interpreter's switch interval while a backend is open: the longest the device's
thread waits for the GIL while another thread runs Python, a tenth of a period (the
default, 5 ms, is a whole one). A thread that wants the GIL only rarely (this one, 200
times a second) costs the others no more switches than before; each comes sooner."""


class QuickHandoff:
    """Lowers the interpreter's switch interval to SWITCH_INTERVAL_S while any backend is
    open, and puts back the one before when the last closes."""

    _lock = threading.Lock()
    _holders = 0
    _before = 0.0

    @classmethod
    def take(cls) -> None:
        with cls._lock:
            if cls._holders == 0:
                cls._before = sys.getswitchinterval()
                sys.setswitchinterval(min(cls._before, SWITCH_INTERVAL_S))
            cls._holders += 1

    @classmethod
    def give_back(cls) -> None:
        with cls._lock:
            cls._holders -= 1
            if cls._holders == 0:
                sys.setswitchinterval(cls._before)


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
            import miniaudio
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
        self._starting = threading.Lock()  # held while the stream is started or stopped
        self._filled = threading.Event()  # a started stream has filled the device's buffer
        self._streaming = False  # the stream takes from the mixer (else it sounds silence)
        self._quiet_since = 0.0  # when the mixer last ran dry, on time.monotonic()
        self._wake = threading.Event()
        self._closed = False
        self._failure: str | None = None  # the device failed after opening: why
        self._stereo: dict[Sound, bytes] = {}
        QuickHandoff.take()
        # Start once now, so a device that opens but will not play is known before the
        # session starts rather than at its first cue; the keeper stops it when quiet.
        try:
            self._start(at_open=True)
        except miniaudio.MiniaudioError as error:
            self._device.close()
            QuickHandoff.give_back()
            raise AudioUnavailable(_reason(error)) from None
        self._keeper = threading.Thread(target=self._keep, name="breathe sound", daemon=True)
        self._keeper.start()

    def play(self, sound: Sound) -> None:
        """Sound a cue now (kept in stereo for the next time: a session plays few, often)."""
        self._add(self._stereo_of(sound), CHANNELS, speech=False)

    def schedule(self, sound: Sound, at_ms: int) -> Voice | None:
        """Sound a cue from the frame that sounds at `at_ms` (`monotonic_ms`'s clock),
        however late this thread is then; what to `withdraw` it by."""
        if self._failure is not None:
            raise AudioUnavailable(self._failure)
        frames = self._stereo_of(sound)
        with self._lock:
            voice = self._mixer.schedule(frames, at_ms)
            streaming = self._streaming
        if not streaming:
            if at_ms / 1000 - time.monotonic() <= START_AHEAD_S:
                self._start_here(wait=False)  # too near for the keeper to be sure of it
            else:
                self._wake.set()  # the keeper starts the stream START_AHEAD_S before
        return voice

    def withdraw(self, voice: object) -> None:
        """Take back a scheduled cue that has not begun to sound (one that has plays on)."""
        if isinstance(voice, Voice):
            with self._lock:
                self._mixer.withdraw(voice)
        self._wake.set()  # the keeper may stop the stream sooner

    def _stereo_of(self, sound: Sound) -> bytes:
        frames = self._stereo.get(sound)
        if frames is None:
            frames = self._stereo[sound] = as_stereo(sound)
        return frames

    def speak(self, sound: Sound) -> None:
        """Sound a phrase of the voice, ducking the cues under it. Said once, it is not
        kept, and it goes to the mixer as it is (made stereo as it plays: 10 ms for 10 s
        of speech, which would hold up the caller, the event loop, all at once)."""
        self._add(sound.frames, sound.channels, speech=True)

    def _add(self, frames: bytes, channels: int, *, speech: bool) -> None:
        if self._failure is not None:
            raise AudioUnavailable(self._failure)
        with self._lock:
            self._mixer.add(frames, channels=channels, speech=speech)
            streaming = self._streaming
        if not streaming:
            self._start_here(wait=True)

    def _start_here(self, *, wait: bool) -> None:
        """Start the stream on the caller's thread (and, `wait`ing, give the device's
        thread the moment it needs to fill its buffer with what is to sound now)."""
        if not self._starting.acquire(blocking=False):
            self._wake.set()  # the keeper is stopping the stream: it starts it again
            return
        try:
            self._start()
        except self._error_type as error:
            self._failure = _reason(error)
            raise AudioUnavailable(self._failure) from None
        finally:
            self._starting.release()
        self._wake.set()  # the keeper watches for the quiet after it
        if wait:
            self._filled.wait(FILL_WAIT_S)

    def close(self) -> None:
        """Stop every sound at once and release the device."""
        with self._lock:
            closing = not self._closed
            self._closed = True
            self._mixer.clear()
        self._wake.set()
        self._keeper.join(timeout=2)
        self._device.close()
        if closing:
            QuickHandoff.give_back()

    # -- the keeper thread: starts the stream for a cue, stops it when quiet -------------

    def _keep(self) -> None:
        while True:
            with self._lock:
                streaming = self._streaming
                next_ms = self._mixer.next_start_ms()
            timeout = LINGER_S / 2 if streaming else None
            if not streaming and next_ms is not None:  # to start it before a scheduled cue
                timeout = max(0.0, next_ms / 1000 - START_AHEAD_S - time.monotonic())
            self._wake.wait(timeout=timeout)
            self._wake.clear()
            with self._starting:
                with self._lock:
                    if self._closed:
                        return
                    now = time.monotonic()
                    quiet = not self._mixer.sounding and not self._due_soon(now, LINGER_S)
                    stop = self._streaming and quiet and now - self._quiet_since >= LINGER_S
                    if stop:
                        self._streaming = False  # it takes no cue it could not finish
                try:
                    if stop:
                        self._device.stop()
                    self._start()  # if a cue came while it stopped
                except self._error_type as error:  # the device has gone
                    self._failure = _reason(error)  # the next cue says so
                    return

    def _due_soon(self, now: float, within: float = 0.0) -> bool:
        """A scheduled cue is due within START_AHEAD_S (and `within`) of `now` (the lock
        held)."""
        next_ms = self._mixer.next_start_ms()
        return next_ms is not None and next_ms / 1000 - now <= START_AHEAD_S + within

    def _start(self, *, at_open: bool = False) -> None:
        """Start the stream if it is stopped and has a cue to play now or soon (or
        `at_open`)."""
        with self._lock:
            now = time.monotonic()
            wanted = at_open or self._mixer.sounding or self._due_soon(now)
            if self._streaming or not wanted:
                return
            self._streaming = True
            self._quiet_since = now
        self._filled.clear()
        stream = self._stream()
        next(stream)
        try:
            self._device.start(stream)
        except self._error_type:
            with self._lock:
                self._streaming = False
            raise

    def _stream(self) -> Generator[bytes, int, None]:
        """What the device's thread asks for: `frames` frames at a time. Never raises (an
        error here would be printed over the screen by the device's thread)."""
        frames = yield b""
        started_ns = time.monotonic_ns()  # when its first frame sounds, near enough
        started = started_ns / 1e9
        with self._lock:
            self._mixer.set_clock(started_ns)
        sent = 0.0  # seconds of sound handed to the device
        filling = PERIODS * (PERIOD_MS * RATE // 1000)  # frames the device's buffer holds
        while True:
            # The frame about to be taken was due `behind` ago: the device ran dry (a slow
            # thread, the GIL held elsewhere) and plays it as it comes, and those after it
            # as late. A cue scheduled after it keeps its moment, not the lost time.
            behind = time.monotonic() - started - sent
            with self._lock:
                if behind > 0:
                    started += behind
                    self._mixer.shift_clock(round(behind * 1e9))
                taken = None
                if self._streaming:
                    was_sounding = self._mixer.sounding
                    taken = self._mixer.take_parts(frames)
                    if was_sounding and not self._mixer.sounding:
                        self._quiet_since = time.monotonic()
            # Mixed with the lock let go: a cue handed over now does not wait for the sums.
            chunk = bytes(frames * 2 * CHANNELS) if taken is None else taken.mixed()
            filling -= frames
            if filling <= 0:
                self._filled.set()
            ahead = sent + frames / RATE - (time.monotonic() - started)
            if ahead > LEAD_S:  # a device that does not keep time (see the module's doc)
                time.sleep(min(ahead - LEAD_S, PERIOD_MS / 1000))
            # The chunk is handed over now: if taking it was held up past its first frame's
            # moment (the lock, the GIL given to another thread, a collection, waking from
            # the sleep), that frame sounds as it comes, and those after it as late.
            late = time.monotonic() - started - sent
            if late > 0:
                started += late
                with self._lock:
                    self._mixer.shift_clock(round(late * 1e9))
            sent += frames / RATE
            frames = yield chunk
