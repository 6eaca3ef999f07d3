"""How long after its boundary does a cue's sound reach the sound device, for every backend
that plays here (miniaudio always; simpleaudio on Pythons older than 3.12, with the
`audio` extra)?

The issue's goal: from each segment boundary to the first sample of its cue arriving at
the device, p99 at most 10 ms.

What runs is the real thing: the Textual app (headless, but with its session screen, pacer
and event loop all live), the real engine on `monotonic_ms` (`time.monotonic` in whole
milliseconds), the app's real backend opened by the app's own sound worker
(`--sound miniaudio` or `--sound simpleaudio`), the cues preloaded by the real
`CuePlayer`, and the real library handing the samples to libasound.

Two routines, played at tempo 2 (each a breathing step; every boundary sounds the inhale
or exhale cue, the end its bell):
- *back to back*: `0.5-0.5` for 110 breaths, 220 segments of 250 ms.
- *after a quiet moment*: `2-2` for 30 breaths, 60 segments of 1 s.
miniaudio's stream stops LINGER_S (0.1 s) after a cue ends, so in both each cue starts it
again, from play() on the event loop's thread, pre-filling the device with the cue (a
stream kept running was measured slower here: a cue then waits behind what the device
already holds, 28 ms median with a stream kept running through the back-to-back routine).
simpleaudio opens a stream for every cue either way.

The cues are the routine's own (`sounds:`): a 20 ms click whose first sample is already
loud, so "first sample" means first *non-zero* sample, with no fade-in to subtract; the
start bells are `none` (they sound at mount, not at a boundary).

How the arrival is observed. There is no sound card here, so ALSA's `file` plugin (see
shared/NOTES.md) writes everything played to AUDIO_CAPTURE_FILE, which here is a FIFO. A
separate *process* (not a thread: a thread would wait for the GIL, up to the 5 ms switch
interval, before it could read its clock) blocks on the FIFO and stamps
`time.monotonic()` (CLOCK_MONOTONIC, the same clock in both processes) on each read that
returns a cue's first non-zero byte: the first non-zero byte of a stream (simpleaudio: one
stream per cue), or the first after at least 50 ms of silence (miniaudio: one stream, of
silence between cues). The app's boundary deadlines come from the engine
(`origin + segment.start_ms`, the deadlines the screen schedules itself by). Lateness =
arrival - deadline, matched in order (the n-th onset is the n-th cue).

What this does and does not include: it includes the event loop's timer lateness, the
screen's work at the boundary, the CuePlayer and backend calls, the backend's own threads
(simpleaudio's per-cue thread, which opens and configures the ALSA device; miniaudio's
keeper thread starting its stream, and the stream's next period), and the write. It does
not include a real card's own buffering (a period or two, set by the driver; miniaudio
asks for 3 periods of 5 ms) nor the pipe to the reader; the voice is off. The null
device behind the file takes samples as fast as they come: simpleaudio's whole cue
arrives at once, miniaudio paces its stream to run at most ~0.12 s ahead of the clock.
The screen's own lateness (the moment the cue was handed to the CuePlayer) is reported
too, to tell scheduling from the audio path.

Run from the repository root, on a quiet machine: `python benchmarks/audio.py` (every
backend that runs here, both routines: about two minutes a backend), or name backends:
`python benchmarks/audio.py miniaudio`. It needs libasound.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import time
import wave
from array import array
from dataclasses import dataclass
from fractions import Fraction
from pathlib import Path

from breathe.format.wav import Sound

READER = r"""
import os, re, sys, time
fifo, out, gap = sys.argv[1], sys.argv[2], int(sys.argv[3])
loud = re.compile(rb"[^\0]+")
with open(out, "w") as log:
    while True:
        fd = os.open(fifo, os.O_RDONLY)  # waits for ALSA to open the next stream
        quiet = gap  # zero bytes just before what is read next; a stream starts quiet
        while True:
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                break
            now = time.monotonic()
            end = 0
            for run in loud.finditer(chunk):
                if quiet + run.start() - end >= gap:
                    log.write(f"{now!r}\n")
                quiet, end = 0, run.end()
            quiet += len(chunk) - end
        os.close(fd)
        log.flush()
"""
GAP_BYTES = 2 * 2 * 4410  # 50 ms of stereo silence (100 ms of mono) ends a cue

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
    handed: list[float]  # when the screen had handed each boundary's cues to the player
    calls: list[float]  # how long each call of the backend's play took, in seconds
    sounded: int  # how many cues were handed over


async def play(folder: Path, backend: str) -> Played:
    """Play the routine in the app, and note when its cues were handed over."""
    from breathe.core.options import PlayOptions
    from breathe.ui.app import make_app
    from breathe.ui.screens.session import SessionScreen

    options = PlayOptions(sound=backend, tempo=TEMPO, voice="off")  # the cues alone
    app = make_app(bundled=folder / "none", user=folder, options=options)
    handed: list[float] = []
    sounded = [0]
    original = app.play_cues

    def play_cues(cues: list) -> None:  # type: ignore[type-arg]
        original(cues)
        handed.append(time.monotonic())
        sounded[0] += len(cues)

    app.play_cues = play_cues  # type: ignore[method-assign]
    async with app.run_test(size=(100, 30)) as pilot:
        for _ in range(200):  # the app opens the device in a worker, after its first frame
            if app.cue_player is not None:
                break
            await asyncio.sleep(0.05)
        player = app.cue_player
        if player is None or player.backend.name != backend:
            raise SystemExit(f"no {backend} backend here")
        calls: list[float] = []
        backend_play = player.backend.play

        def timed_play(sound: Sound) -> None:
            began = time.perf_counter()
            backend_play(sound)
            calls.append(time.perf_counter() - began)

        player.backend.play = timed_play  # type: ignore[method-assign]
        await asyncio.sleep(1)  # miniaudio's stream, started as it opened, has stopped
        entry = app.catalog.entries["bench"]
        app.start_session(entry, app.catalog.timeline(entry))
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SessionScreen)
        timeline = screen.timeline
        # The next boundary, whichever it is by now (a slow start may be past the first).
        index = screen.session.current_segment_index()
        deadline = screen.session.next_deadline()
        assert index is not None and deadline is not None
        origin = deadline - timeline.segments[index + 1].start_ms  # ms, on CLOCK_MONOTONIC
        while screen.is_attached and screen.session.state.value == "running":
            await asyncio.sleep(0.2)
        await asyncio.sleep(0.5)  # the last cue's stream
    boundaries = [(origin + segment.start_ms) / 1000 for segment in timeline.segments[1:]]
    boundaries.append((origin + timeline.total_ms) / 1000)  # seconds, as the reader stamps
    return Played(boundaries, handed[1:], calls, sounded[0])  # handed[0]: the start, at mount


def measure(backend: str, scenario: Scenario) -> None:
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
        reader = subprocess.Popen(
            [sys.executable, "-c", READER, str(fifo), str(log), str(GAP_BYTES)]
        )
        try:
            played = asyncio.run(play(folder, backend))
        finally:
            reader.terminate()
            reader.wait(timeout=10)
        arrivals = [float(line) for line in log.read_text().split()]
    boundaries = played.boundaries
    print(f"{backend}, {scenario.name}: {len(boundaries)} boundaries, real clock")
    if len(arrivals) != len(boundaries):
        print(
            f"  {len(arrivals)} cues arrived for {len(boundaries)} boundaries "
            f"({played.sounded} cues handed over): cues merged or were lost; not measured"
        )
        return
    late = [1000 * (arrival - due) for arrival, due in zip(arrivals, boundaries, strict=True)]
    screen = [1000 * (at - due) for at, due in zip(played.handed, boundaries, strict=True)]
    path = [a - s for a, s in zip(late, screen, strict=True)]
    for label, values in (
        ("boundary -> first sample at the sink", late),
        ("boundary -> cue handed to the player", screen),
        ("player -> sink (the audio path alone)", path),
        ("the backend's play() call, on the event loop", [1000 * s for s in played.calls]),
    ):
        print(
            f"  {label}: p50 {statistics.median(values):.2f} ms, "
            f"p99 {percentile(values, 0.99):.2f} ms, max {max(values):.2f} ms, "
            f"min {min(values):.2f} ms"
        )
    goal = percentile(late, 0.99) <= 10
    print(f"  goal p99 <= 10 ms: {'met' if goal else 'NOT met'}")


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
    for backend in sys.argv[1:] or backends_here():
        for scenario in SCENARIOS:
            measure(backend, scenario)


if __name__ == "__main__":
    main()
