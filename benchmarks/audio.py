"""How long after its boundary does a cue's first sample sound, for every backend that
plays here (miniaudio always; simpleaudio on Pythons older than 3.12, with the `audio`
extra)?

The issue's goal: from each segment boundary to the first sample of its cue sounding,
p99 at most 10 ms.

What runs is the real thing: the Textual app (headless, but with its session screen, pacer
and event loop all live), the real engine on `monotonic_ms` (`time.monotonic` in whole
milliseconds), the app's real backend opened by the app's own sound worker
(`--sound miniaudio` or `--sound simpleaudio`), the cues preloaded by the real
`CuePlayer`, and the real library handing the samples to libasound. With miniaudio the
session hands each boundary's cues over ahead of it (breathe.audio.ahead), and the
device's thread starts each on the frame of its moment; simpleaudio cannot start a sound
at a moment, so the event loop plays its cues at the boundary.

Two routines, played at tempo 2 (each a breathing step; every boundary sounds the inhale
or exhale cue, the end its bell):
- *back to back*: `0.5-0.5` for 110 breaths, 220 segments of 250 ms.
- *after a quiet moment*: `2-2` for 30 breaths, 60 segments of 1 s (miniaudio's stream
  stops between cues and starts again before the next).

The cues are the routine's own (`sounds:`): a 20 ms click whose first sample is already
loud, so "first sample" means first *non-zero* sample, with no fade-in to subtract; the
start bells are `none` (they sound at mount, not at a boundary).

How the sound is observed. There is no sound card here, so ALSA's `file` plugin (see
shared/NOTES.md) writes everything played to AUDIO_CAPTURE_FILE, which here is a FIFO. A
separate *process* (not a thread: a thread would wait for the GIL, up to the 5 ms switch
interval, before it could read its clock) blocks on the FIFO and stamps
`time.monotonic()` (CLOCK_MONOTONIC, the same clock in both processes) on each read. It
takes the sink for what a sound card is: a device that plays the bytes of a stream one
after another at the sample rate, from when the first arrives; a byte that arrives later
than its turn (the stream starting again, or falling behind) is played as it arrives, and
the bytes after it follow it. So a cue's first sample *sounds* at its turn in the stream,
or when it was written if that is later. Both are printed: "sounds" (the goal's measure)
and "written to the sink" (a stream written ahead of time, as every real device is fed,
writes a cue before it sounds). A cue is the first non-zero byte of a stream
(simpleaudio: one stream per cue), or the first after at least 50 ms of silence
(miniaudio: one stream, of silence between cues). The app's boundary deadlines come from
the engine (`origin + segment.start_ms`, the deadlines the screen schedules itself by).
Lateness = sounds - deadline, matched in order (the n-th onset is the n-th cue).

miniaudio's cues are timed by when each was handed to the device, not by when the sink's
file received it: ALSA's `file` plugin writes a frame to its file only once a buffer's
worth more has come after it (alsa-lib's pcm_file.c, snd_pcm_file_add_frames: it writes
what exceeds the slave's buffer, here 1,100 frames, 25 ms), which no card does. So the file
receives a stream's first frames a whole buffer late when they are handed over no faster
than they play (at the stream's start, with the event loop busy), and after the device's
thread stood still (a collection of the app's objects, a loaded machine) the buffer it
held comes out late although a card would have played it; the reader, which cannot tell,
counts every byte after as late by that much, for the life of the stream. The benchmark
watches miniaudio's stream in the device's thread as each chunk leaves it for libasound,
finds the cues there as the reader does, and applies the reader's rule (in turn from the
first byte, a byte handed over late plays as it comes) to when each was handed over. The
sink's figures are printed beside it: "sounds, by the sink's arrivals" (the reader's rule
on what the file received) and "written to the sink".

What this does and does not include: it includes the event loop's timer lateness and the
screen's work at the boundary where the event loop plays the cue, the CuePlayer and
backend calls, the backend's own threads (simpleaudio's per-cue thread, which opens the
ALSA device; miniaudio's keeper thread starting its stream, and the stream's periods,
which need the GIL), and the write. It does not include a real card's own latency (a
constant of a period or two, set by the driver) nor the pipe to the reader; the voice is
off. The null device behind the file takes samples as fast as they come: simpleaudio's
whole cue arrives at once; miniaudio paces its stream to run at most ~0.12 s ahead of
its clock (LEAD_S): a cue played at once waits behind that, a cue scheduled sits on its
own frame in it.

`--busy` runs a busy process (`while True: pass`) beside it, on the other core. Each
result is compared with BASELINE: what this benchmark measured at commit 4fa57f6, where
the event loop played every cue at its boundary.

Run from the repository root, on a quiet machine: `python benchmarks/audio.py` (every
backend that runs here, both routines: about two minutes a backend), or name backends:
`python benchmarks/audio.py miniaudio --busy`. It needs libasound.
"""

from __future__ import annotations

import asyncio
import math
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
import wave
from array import array
from collections.abc import Callable
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path
from typing import Any

READER = r"""
import os, re, sys, time
fifo, out, gap, rate = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
loud = re.compile(rb"[^\0]+")
with open(out, "w") as log:
    while True:
        fd = os.open(fifo, os.O_RDONLY)  # waits for ALSA to open the next stream
        quiet = gap  # zero bytes just before what is read next; a stream starts quiet
        at = 0  # bytes of this stream read so far
        origin = None  # when the device would play the stream's byte 0
        while True:
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                break
            now = time.monotonic()
            # A device plays each byte in turn at `rate`; a byte that comes later than its
            # turn (a stream starting or restarting, or falling behind) plays as it comes.
            if origin is None or now > origin + at / rate:
                origin = now - at / rate
            end = 0
            for run in loud.finditer(chunk):
                if quiet + run.start() - end >= gap:
                    log.write(f"{origin + (at + run.start()) / rate!r} {now!r}\n")
                quiet, end = 0, run.end()
            quiet += len(chunk) - end
            at += len(chunk)
        os.close(fd)
        log.flush()
"""
LOUD = re.compile(rb"[^\0]+")
GAP_BYTES = 2 * 2 * 4410  # 50 ms of stereo silence (100 ms of mono) ends a cue
BYTE_RATES = {"miniaudio": 4 * 44_100, "simpleaudio": 2 * 44_100}  # stereo; the mono click

SINK = """
pcm.!default {
    type file
    slave { pcm { type null } }
    file { @func getenv vars [ AUDIO_CAPTURE_FILE ] default "/tmp/alsa-capture.raw" }
    format "raw"
    truncate true
}
"""

ROUTINE = """
title: Audio benchmark
sounds: {start: none, inhale: click.wav, exhale: click.wav, end: click.wav}
steps:
  - breathe: Breaths
    pattern: PATTERN
    cycles: CYCLES
"""
TEMPO = Fraction(2)


@dataclass(frozen=True)
class Scenario:
    name: str
    pattern: str
    cycles: int


SCENARIOS = (
    Scenario("back to back (segments of 250 ms)", "0.5-0.5", 110),
    Scenario("after a quiet moment (segments of 1 s)", "2-2", 30),
)


def write_click(path: Path) -> None:
    """20 ms of a 1 kHz square wave at a third of full scale, loud from its first sample."""
    period = 44
    samples = array("h", [10_000 if i % period < period // 2 else -10_000 for i in range(882)])
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(44_100)
        out.writeframes(samples.tobytes())


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


@dataclass
class Played:
    boundaries: list[float]  # their deadlines, in seconds on time.monotonic()
    handed_onsets: list[tuple[float, float]]  # miniaudio: (sounds, handed over), in order
    handed: list[float]  # when each boundary's cues were last handed to the player
    calls: list[float]  # how long each call of the backend's play or schedule took, in s
    sounded: int  # how many cues were handed over


class HandedOver:
    """Where each cue starts in miniaudio's streams, and when it sounds on a card that
    plays what it is handed: each stream's bytes in turn from the first, a byte handed
    over later than its turn as it comes (and those after it following it), the rule the
    reader applies to the sink's arrivals. Watched in the device's thread, as each chunk
    leaves the stream for libasound (see the module's doc: the sink's file receives the
    bytes a buffer later)."""

    def __init__(self) -> None:
        self.onsets: list[tuple[float, float]] = []  # (sounds, handed over)

    def watch(self) -> Callable[[], None]:
        """Watch every stream from now; what undoes it."""
        from breathe.audio.miniaudio_backend import MiniaudioBackend

        original = MiniaudioBackend.__dict__["_stream"]
        onsets = self.onsets

        def watched(backend: MiniaudioBackend) -> Any:
            stream = original(backend)
            frames = yield next(stream)
            origin: float | None = None
            at = 0  # bytes of this stream handed over
            quiet = GAP_BYTES  # zero bytes just before the next; a stream starts quiet
            while True:
                chunk = stream.send(frames)
                now = time.monotonic()
                if origin is None or now > origin + at / BYTE_RATES["miniaudio"]:
                    origin = now - at / BYTE_RATES["miniaudio"]
                end = 0
                for run in LOUD.finditer(chunk):
                    if quiet + run.start() - end >= GAP_BYTES:
                        where = at + run.start()
                        onsets.append((origin + where / BYTE_RATES["miniaudio"], now))
                    quiet, end = 0, run.end()
                quiet += len(chunk) - end
                at += len(chunk)
                frames = yield chunk

        setattr(MiniaudioBackend, "_stream", watched)  # noqa: B010 (the benchmark's own)
        return lambda: setattr(MiniaudioBackend, "_stream", original)


async def play(folder: Path, backend: str) -> Played:
    """Play the routine in the app, and note when its cues were handed over: played at the
    boundary (the event loop), or scheduled ahead of it (the device's thread starts them)."""
    from breathe.core.options import PlayOptions

    options = PlayOptions(sound=backend, tempo=TEMPO, voice="off")  # the cues alone
    handed = HandedOver()
    unwatch = handed.watch() if backend == "miniaudio" else None
    try:
        return await play_watched(folder, backend, options, handed)
    finally:
        if unwatch is not None:
            unwatch()


async def play_watched(folder: Path, backend: str, options: Any, watched: HandedOver) -> Played:
    from breathe.core.timeline import with_tempo
    from breathe.ui.app import make_app
    from breathe.ui.screens.session import SessionScreen

    app = make_app(bundled=folder / "none", user=folder, options=options)
    handed: dict[float, float] = {}  # boundary (ms on the clock) -> when handed
    sounded = [0]
    async with app.run_test(size=(100, 30)):
        for _ in range(200):  # the app opens the device in a worker, after its first frame
            if app.cue_player is not None:
                break
            await asyncio.sleep(0.05)
        player = app.cue_player
        if player is None or player.backend.name != backend:
            raise SystemExit(f"no {backend} backend here")
        calls: list[float] = []

        def timed(call: Callable[..., Any]) -> Callable[..., Any]:
            def timed_call(*args: Any) -> Any:
                began = time.perf_counter()
                result = call(*args)
                calls.append(time.perf_counter() - began)
                return result

            return timed_call

        backend_of: Any = player.backend  # timed where the app calls it
        backend_of.play = timed(backend_of.play)
        if hasattr(backend_of, "schedule"):  # the player hands cues over ahead
            backend_of.schedule = timed(backend_of.schedule)
            player_of: Any = player
            player_schedule = player_of.schedule

            def schedule(cues: list[Any], at_ms: int) -> Any:
                handles = player_schedule(cues, at_ms)
                if handles is not None:
                    handed[at_ms] = time.monotonic()
                    sounded[0] += len(cues)
                return handles

            player_of.schedule = schedule
        await asyncio.sleep(1)  # miniaudio's stream, started as it opened, has stopped
        entry = app.catalog.entries["bench"]
        timeline = with_tempo(app.catalog.timeline(entry), TEMPO)  # as the app plays it
        app.sound.load_session_sounds(timeline)

        def play_cues(cues: list) -> None:  # type: ignore[type-arg]
            app.play_cues(cues)
            if cues and screen.session.state.value in ("running", "finished"):
                index = screen.session.current_segment_index()
                ended = screen.session.state.value == "finished"
                if ended or index is None:
                    offset = timeline.total_ms
                else:
                    offset = timeline.segments[index].start_ms
                handed[origin + offset] = time.monotonic()
            sounded[0] += len(cues)

        # The session screen alone (no summary after it: the benchmark leaves as it ends).
        origin = 0
        screen = SessionScreen(
            timeline,
            options=options,
            play_cues=play_cues,
            wait_for_sound=app.when_sound_ready,
            voice=app.sound,
        )
        await app.push_screen(screen)
        while screen.session.state.value == "ready":
            await asyncio.sleep(0.01)
        # The next boundary, whichever it is by now (a slow start may be past the first).
        index = screen.session.current_segment_index()
        deadline = screen.session.next_deadline()
        assert index is not None and deadline is not None
        origin = deadline - timeline.segments[index + 1].start_ms  # ms, on CLOCK_MONOTONIC
        while screen.is_attached and screen.session.state.value == "running":
            await asyncio.sleep(0.2)
        await asyncio.sleep(0.5)  # the last cue's stream
    moments = [origin + segment.start_ms for segment in timeline.segments[1:]]
    moments.append(origin + timeline.total_ms)
    return Played(
        [ms / 1000 for ms in moments],  # seconds, as the reader stamps
        watched.onsets,
        [handed.get(ms, float("nan")) for ms in moments],
        calls,
        sounded[0],
    )


BASELINE = {
    # (backend, scenario, busy): p50 and p99 of boundary -> first sample sounds, in ms, as
    # this benchmark measured them here at commit 4fa57f6 (cues played at the boundary by
    # the event loop), before they were handed over ahead; on 2 cores loaded 12 to 15 by
    # other work besides (inf: more than 1% of the cues lost or merged). simpleaudio is
    # not listed: it plays at the boundary, now as then.
    ("miniaudio", "back to back", False): (26.57, math.inf),
    ("miniaudio", "after a quiet moment", False): (11.11, 51.81),
    ("miniaudio", "back to back", True): (59.31, math.inf),
    ("miniaudio", "after a quiet moment", True): (11.63, 656.50),
}


EARLY_S = 0.05
"""A sound more than this before a boundary is not its cue (none is expected)."""


def match(
    boundaries: list[float], onsets: list[tuple[float, float]]
) -> list[tuple[float, float] | None]:
    """Each boundary's cue: the first onset from just before it and before the next
    boundary; None where there is none (lost, or so late it merged with the next)."""
    matched: list[tuple[float, float] | None] = []
    next_onset = 0
    for number, due in enumerate(boundaries):
        following = boundaries[number + 1] if number + 1 < len(boundaries) else math.inf
        while next_onset < len(onsets) and onsets[next_onset][0] < due - EARLY_S:
            next_onset += 1
        if next_onset < len(onsets) and onsets[next_onset][0] < following:
            matched.append(onsets[next_onset])
            next_onset += 1
        else:
            matched.append(None)
    return matched


def measure(backend: str, scenario: Scenario, busy: bool) -> None:
    with tempfile.TemporaryDirectory(prefix="breathe-audio-bench-") as name:
        folder = Path(name)
        for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
            os.environ[variable] = str(folder / variable.lower())  # no history of this
        routine = ROUTINE.replace("PATTERN", scenario.pattern)
        (folder / "bench.yaml").write_text(routine.replace("CYCLES", str(scenario.cycles)))
        write_click(folder / "click.wav")
        fifo = folder / "capture.fifo"
        os.mkfifo(fifo)
        (folder / "asound.conf").write_text(SINK)
        os.environ["ALSA_CONFIG_PATH"] = str(folder / "asound.conf")
        os.environ["AUDIO_CAPTURE_FILE"] = str(fifo)
        log = folder / "arrivals.txt"
        rate = BYTE_RATES[backend]
        reader = subprocess.Popen(
            [sys.executable, "-c", READER, str(fifo), str(log), str(GAP_BYTES), str(rate)]
        )
        try:
            played = asyncio.run(play(folder, backend))
        finally:
            reader.terminate()
            reader.wait(timeout=10)
        lines = [line.split() for line in log.read_text().splitlines()]
    in_sink = [(float(heard), float(arrived)) for heard, arrived in lines]
    boundaries = played.boundaries
    # miniaudio: as handed to the device (see the module's doc); simpleaudio: as the sink
    # received it (its cues are written whole at once, a stream each).
    matched = match(boundaries, played.handed_onsets or in_sink)
    from_sink = match(boundaries, in_sink)
    load = "with a busy process on the other core" if busy else "no other load"
    print(f"{backend}, {scenario.name}, {load}: {len(boundaries)} boundaries, real clock")
    lost = sum(onset is None for onset in matched)
    if lost:
        print(
            f"  {lost} of {len(boundaries)} cues did not sound before the next boundary "
            f"(lost, or merged with the next: counted as late without end)"
        )
    sounds = [onset[0] if onset else math.inf for onset in matched]
    late = [1000 * (heard - due) for heard, due in zip(sounds, boundaries, strict=True)]

    def after(onsets: list[tuple[float, float] | None], which: int) -> list[float]:
        moments = [onset[which] if onset else math.inf for onset in onsets]
        return [1000 * (at - due) for at, due in zip(moments, boundaries, strict=True)]

    handed = [1000 * (at - due) for at, due in zip(played.handed, boundaries, strict=True)]
    rows = [("boundary -> first sample sounds", late)]
    if played.handed_onsets:
        rows += [
            ("boundary -> first sample handed to the device", after(matched, 1)),
            ("boundary -> first sample sounds, by the sink's arrivals", after(from_sink, 0)),
        ]
    rows += [
        ("boundary -> first sample written to the sink", after(from_sink, 1)),
        ("boundary -> cue handed to the player (< 0: ahead)", handed),
        ("the backend's play()/schedule() call", [1000 * s for s in played.calls]),
    ]
    for label, values in rows:
        values = [value for value in values if not math.isnan(value)]  # not handed ahead
        if not values:
            continue
        print(
            f"  {label}: p50 {statistics.median(values):.2f} ms, "
            f"p99 {percentile(values, 0.99):.2f} ms, max {max(values):.2f} ms, "
            f"min {min(values):.2f} ms"
        )
    p50, p99 = statistics.median(late), percentile(late, 0.99)
    base = BASELINE.get((backend, scenario.name.split(" (")[0], busy))
    if base is not None and not math.isnan(base[1]):
        print(
            f"  against the baseline (cues played by the event loop, p50 {base[0]:.2f} ms, "
            f"p99 {base[1]:.2f} ms): p50 x{p50 / base[0]:.2f}, p99 x{p99 / base[1]:.2f}"
        )
    goal = p99 <= 10
    verdict = "met" if goal else "NOT met"
    if played.handed_onsets:
        by_sink = percentile(after(from_sink, 0), 0.99)
        verdict += f" (by the sink's arrivals: p99 {by_sink:.2f} ms)"
    print(f"  goal p99 <= 10 ms: {verdict}")


def backends_here() -> list[str]:
    from breathe.audio.playback import simpleaudio_runs_here

    found = ["miniaudio"]
    if simpleaudio_runs_here():
        try:
            import simpleaudio  # noqa: F401
        except ImportError:
            print("simpleaudio: not installed (the `audio` extra), not measured")
        else:
            found.append("simpleaudio")
    else:
        print("simpleaudio: crashes this Python (3.12 and newer), not measured")
    return found


def main() -> None:
    arguments = sys.argv[1:]
    busy = "--busy" in arguments
    names = [argument for argument in arguments if argument != "--busy"]
    spinner = subprocess.Popen([sys.executable, "-c", "while True: pass"]) if busy else None
    try:
        for backend in names or backends_here():
            for scenario in SCENARIOS:
                measure(backend, scenario, busy)
    finally:
        if spinner is not None:
            spinner.terminate()
            spinner.wait(timeout=10)


if __name__ == "__main__":
    main()
