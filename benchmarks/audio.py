"""How long after its boundary does a cue's sound reach the sound device?

The issue's goal: from each segment boundary to the first non-silent sample of its cue
arriving at the device, p99 under 10 ms.

What runs is the real thing: the Textual app (headless, but with its session screen, pacer
and event loop all live), the real engine on `monotonic_ms` (`time.monotonic` in whole
milliseconds), the app's real `SimpleaudioBackend` opened by the app's own sound worker,
the cues preloaded by the real `CuePlayer`, and real simpleaudio handing the samples to
libasound. The routine is one breathing step of `0.5-0.5` for 110 breaths played at
tempo 2: 220 segments of 250 ms, each boundary sounding the inhale or exhale cue, then
the end bells (220 boundaries).

How the arrival is observed. There is no sound card here, so ALSA's `file` plugin (see
shared/NOTES.md) writes everything played to AUDIO_CAPTURE_FILE, which here is a FIFO. A
separate *process* (not a thread: a thread would wait for the GIL, up to the 5 ms switch
interval, before it could read its clock) blocks on the FIFO and, for each stream ALSA
opens (one per cue: simpleaudio opens the device for each play), stamps
`time.monotonic()` (CLOCK_MONOTONIC, the same clock in both processes) on the read that
returns the stream's first non-zero byte, that is its first non-silent sample. The
app's boundary deadlines come from the engine (`origin + segment.start_ms`, in ms, the
same deadlines the screen schedules itself by). Lateness = arrival - deadline, matched in
order (the n-th non-silent stream is the n-th cue; the start bells, sounded at mount and
not at a boundary, are left out).

What this does and does not include: it includes the event loop's timer lateness, the
screen's work at the boundary, the CuePlayer and simpleaudio calls, simpleaudio's thread
start, opening and configuring the ALSA device, and the write. It does not include a
real card's own buffering (a period or two, set by the driver) nor the pipe to the
reader, and the null device behind the file takes samples as fast as they come, so the
whole cue arrives at once. The cues fade in, so their first *audible* sample comes a
little after their first non-silent one; that fade is reported separately, since it is
the sound's design, not latency. The screen's own lateness (the moment the cue was handed
to the CuePlayer) is reported too, to tell scheduling from the audio path.

Run from the repository root, on a quiet machine: `python benchmarks/audio.py`. It takes
about a minute. It needs simpleaudio (the `audio` extra) and libasound.
"""

from __future__ import annotations

import asyncio
import os
import statistics
import subprocess
import sys
import tempfile
import textwrap
import time
from array import array
from fractions import Fraction
from pathlib import Path

READER = r"""
import os, sys, time
fifo, out = sys.argv[1], sys.argv[2]
with open(out, "w") as log:
    while True:
        fd = os.open(fifo, os.O_RDONLY)  # waits for ALSA to open the next stream
        first, total = -1.0, 0
        while True:
            chunk = os.read(fd, 1 << 16)
            if not chunk:
                break
            if first < 0 and chunk.strip(b"\0"):
                first = time.monotonic()
            total += len(chunk)
        os.close(fd)
        log.write(f"{first!r} {total}\n")
        log.flush()
"""

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
steps:
  - breathe: Quick breaths
    pattern: 0.5-0.5
    cycles: 110
"""
TEMPO = Fraction(2)


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def leading_silence_ms(name: str) -> float:
    from breathe.format.wav import read_wav
    from breathe.library.locations import bundled_dir

    samples = array("h", read_wav(bundled_dir("sounds") / f"{name}.wav").frames)
    first = next(index for index, value in enumerate(samples) if value)
    return 1000 * first / 44_100


async def play(folder: Path) -> tuple[list[float], list[float], int]:
    """Play the routine in the app; the boundaries' deadlines, the moments the screen
    handed each boundary's cues to the player, and how many cue streams were sounded."""
    from breathe.core.options import PlayOptions
    from breathe.ui.app import make_app
    from breathe.ui.screens.session import SessionScreen

    options = PlayOptions(sound="simpleaudio", tempo=TEMPO)
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
        if player is None or player.backend.name != "simpleaudio":
            raise SystemExit("no simpleaudio backend: is the audio extra installed?")
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
    return boundaries, handed[1:], sounded[0]  # handed[0] is the start bells, at mount


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="breathe-audio-bench-") as name:
        folder = Path(name)
        for variable in ("XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME"):
            os.environ[variable] = str(folder / variable.lower())  # no history of this
        (folder / "bench.yaml").write_text(textwrap.dedent(ROUTINE))
        fifo = folder / "capture.fifo"
        os.mkfifo(fifo)
        (folder / "asound.conf").write_text(SINK)
        os.environ["ALSA_CONFIG_PATH"] = str(folder / "asound.conf")
        os.environ["AUDIO_CAPTURE_FILE"] = str(fifo)
        log = folder / "arrivals.txt"
        reader = subprocess.Popen([sys.executable, "-c", READER, str(fifo), str(log)])
        try:
            boundaries, handed, sounded = asyncio.run(play(folder))
        finally:
            reader.terminate()
            reader.wait(timeout=10)
        streams = [line.split() for line in log.read_text().splitlines()]
    arrivals = [float(first) for first, _ in streams if float(first) >= 0]
    arrivals = arrivals[1:]  # the start bells
    if len(arrivals) != len(boundaries):
        raise SystemExit(
            f"{len(arrivals)} cue streams arrived for {len(boundaries)} boundaries "
            f"({sounded} cues sounded): streams overlapped or were lost; not measured"
        )
    late = [1000 * (arrival - due) for arrival, due in zip(arrivals, boundaries, strict=True)]
    screen = [1000 * (at - due) for at, due in zip(handed, boundaries, strict=True)]
    print(f"boundaries: {len(late)} (segments of {250} ms, real clock, real simpleaudio)")
    for label, values in (
        ("boundary -> first non-silent sample at the sink", late),
        ("boundary -> cue handed to the player (screen)", screen),
    ):
        print(
            f"{label}: p50 {statistics.median(values):.2f} ms, "
            f"p99 {percentile(values, 0.99):.2f} ms, max {max(values):.2f} ms, "
            f"min {min(values):.2f} ms"
        )
    path = [a - s for a, s in zip(late, screen, strict=True)]
    print(
        f"audio path alone (player -> sink): p50 {statistics.median(path):.2f} ms, "
        f"p99 {percentile(path, 0.99):.2f} ms, max {max(path):.2f} ms"
    )
    fades = ", ".join(f"{cue} {leading_silence_ms(cue):.2f} ms" for cue in ("inhale", "exhale"))
    print(f"designed fade-in before the first non-zero sample (not latency): {fades}")
    goal = percentile(late, 0.99) < 10
    print(f"goal p99 < 10 ms: {'met' if goal else 'NOT met'}")


if __name__ == "__main__":
    main()
