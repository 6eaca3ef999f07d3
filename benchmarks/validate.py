"""How much does validating a routine cost next to merely parsing its YAML?

The issue's goal: checking a routine file the way `breathe validate` does must cost at
most 1.5x a bare `yaml.load` of the same bytes with PyYAML's C loader. This script
generates 1,000 realistic, valid, varied routine files (seeded, so every run sees the
same files) into a temporary folder, checks each one with the real loader, then times:

- bare parse: read the bytes, `yaml.load(data, Loader=yaml.CSafeLoader)`;
- full validation, exactly what `breathe validate` does per file: `load_routine(path)`
  (read, decode, guards, compose with locations, check against the spec, build the model)
  and then `check_timeline(routine)` (cycle counts, progressions, includes, the 3-hour
  limit: every rule the timeline enforces, without building its segments);
- for information, the same followed by building the whole timeline (`compile_timeline`),
  which is what playing a routine needs, not checking it.

Each measurement runs several times, interleaved so that drift on a noisy machine hits
both alike; the best run is the one compared (the median is printed too). A split of the
full validation shows where its time goes: compose only (stock C loader), `read_yaml`
(reading, decoding, the safety guards and composing), the spec check with model building
(on nodes composed beforehand) and the timeline check (on routines built beforehand); the
cost of building every segment is shown on its own line. Each stage
runs alone over all files, so it runs warmer than inside the full validation; "rest" is
what the three stages miss: assembling the `Routine`, and colder caches and more garbage
collection when every stage runs file by file.

Run from the repository root: `python benchmarks/validate.py [--files N] [--repeat N]`.
"""

from __future__ import annotations

import argparse
import gc
import random
import statistics
import sys
import tempfile
import textwrap
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import yaml
from yaml.nodes import Node

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from breathe.core.model import RepeatBlock, Routine, Step
from breathe.core.problems import RoutineFileError
from breathe.core.timeline import check_timeline, compile_timeline
from breathe.format.loader import load_routine
from breathe.format.routine_spec import ROUTINE
from breathe.format.spec import Checker
from breathe.format.yaml_source import read_yaml

GOAL_RATIO = 1.5
SEED = 20240611
MIN_BYTES, MAX_BYTES = 1024, 6 * 1024
MIN_STEPS, MAX_STEPS = 5, 25
MAX_ROUTINE_MS = 45 * 60 * 1000  # like real routines: minutes, not hours

# ---------------------------------------------------------------------------------------
# Generating routine files
# ---------------------------------------------------------------------------------------

SENTENCES = (
    "Let your shoulders drop away from your ears.",
    "Rest one hand on your belly and one on your chest.",
    "Breathe in and out through the nose, the belly rising first.",
    "Keep the in-breath easy and unhurried.",
    "Let the out-breath slow down a little more each time, like a long sigh.",
    "Soft belly, soft jaw, soft eyes.",
    "If you lose count, simply begin again with the next breath.",
    "Notice the cool air at the nostrils as you breathe in.",
    "Notice the warmer air leaving as you breathe out.",
    "There is nothing to achieve here; just follow the count.",
    "Lengthen the spine gently, as if a thread lifted the crown of the head.",
    "Let the weight of the body sink into the floor.",
    "Keep the hold relaxed; the throat stays open and the face stays soft.",
    "If the hold feels like a strain, shorten it or skip it.",
    "Press the feet into the ground and feel the legs working.",
    "Move slowly, and only as far as is comfortable today.",
    "Inhale to grow tall; exhale to turn from the belly, then the chest, then the head.",
    "Bring the knees up to centre on an inhale before changing sides.",
    "Let the arms rest wherever they are comfortable.",
    "Feel the ribs widen to the sides as the lungs fill.",
    "Let each exhale empty you without any force.",
    "Stay with the sensations in the body rather than the thoughts about them.",
    "Relax the hands, the fingers, the space between the eyebrows.",
    "When you are ready, open the eyes and take in the room around you.",
    "Keep a small bend in the knees so the lower back stays easy.",
    "Imagine the breath travelling all the way down to the pelvis.",
    "Breathe a little more quietly than feels natural.",
    "Count silently, at a pace that suits you rather than a clock.",
    "Let the breath return to its own rhythm for a moment.",
    "Hold the pose with about half of your full effort.",
)

DESCRIPTION_OPENERS = (
    "A gentle sequence of slow breathing and easy stretches for the end of the day.",
    "A short morning practice that wakes the body up without rushing it.",
    "Slow, even breathing that settles the nervous system before sleep.",
    "A balancing routine that alternates movement with quiet breathing.",
    "Box breathing and soft holds to steady the mind before a busy day.",
    "A calming mix of extended exhales, twists and rest.",
    "A routine for the middle of the working day, done in a chair or standing.",
    "An energising practice with brisk breaths and standing poses.",
)

SAFETY_TEXTS = (
    "Breathe through the nose without straining. If you feel dizzy, short of air or "
    "tingling in the hands or face, return to normal breathing and rest. This is "
    "educational, not medical advice.",
    "Skip the breath holds if you are pregnant or have high blood pressure, heart or "
    "kidney conditions. Stop if you feel unwell. Educational, not medical advice.",
    "Move only as far as is comfortable and never force a stretch. Skip the twists with "
    "a recent back injury unless a professional has advised them.",
)

TAGS = (
    "breathing",
    "pranayama",
    "calm",
    "evening",
    "morning",
    "sleep",
    "yoga",
    "twists",
    "back",
    "hips",
    "focus",
    "energy",
    "desk",
    "stretch",
    "box-breathing",
    "relaxation",
    "balance",
    "short",
)

BREATH_NAMES = (
    "Settle into an even breath",
    "Lengthen the exhale",
    "Box breathing",
    "4-7-8 breathing",
    "Coherent breathing",
    "Slow belly breathing",
    "Twice as long out as in",
    "Triangle breath",
    "Humming exhale",
    "Ocean breath",
    "Counted breath",
    "Resonant breathing",
)

POSE_NAMES = (
    "Seated twist",
    "Reclined twist",
    "Child's pose",
    "Legs up the wall",
    "Cat and cow",
    "Mountain pose",
    "Supported bridge",
    "Low lunge",
    "Seated forward fold",
    "Side stretch",
    "Pigeon pose",
    "Thread the needle",
    "Supine figure four",
    "Neck release",
)

REST_NAMES = (
    "Sit or lie comfortably",
    "Let the breath go",
    "Come down to lie on your back",
    "Hug the knees and rock gently",
    "Come to the wall",
    "Return to sitting",
    "Lie still",
    "Stand tall with the feet apart",
    "Shake out the arms and legs",
    "Notice how you feel",
)

TITLE_WORDS = (
    ("Evening", "Morning", "Midday", "Gentle", "Quiet", "Steady", "Bright", "Slow"),
    ("wind-down", "wake-up", "reset", "breath", "stretch", "balance", "flow", "pause"),
)

COMPACT_PATTERNS = (
    "4-6",
    "4-4",
    "4-8",
    "5-5",
    "4-7-8",
    "4-4-4-4",
    "3-3-3-3",
    "5.5-5.5",
    "4s-6s",
    "4-2-6",
    "6-2-8-2",
    "4 - 6",
)

Phases = tuple[float, float, float, float]
PHASE_PATTERNS: tuple[Phases, ...] = (
    (4, 0, 6, 0),
    (4, 7, 8, 0),
    (4, 4, 4, 4),
    (5, 0, 5, 0),
    (3, 1, 6, 0),
    (4, 2, 6, 2),
    (4.5, 0, 7.5, 0),
)


@dataclass
class Budget:
    """Keeps a generated routine's total length in check (roughly, in milliseconds)."""

    ms: float = 0.0


def _wrap(text: str, indent: int, first_key: str) -> str:
    """`first_key: text` on one line when short, else a folded `>` block."""
    pad = " " * indent
    line = f"{pad}{first_key}: {text}"
    if len(line) <= 88:
        return line + "\n"
    body = textwrap.fill(text, width=88, initial_indent=pad + "  ", subsequent_indent=pad + "  ")
    return f"{pad}{first_key}: >\n{body}\n"


def _sentences(rng: random.Random, low: int, high: int) -> str:
    return " ".join(rng.sample(SENTENCES, rng.randint(low, high)))


def _seconds(value: float) -> str:
    return f"{value:g}"


def _duration_text(rng: random.Random, ms: int) -> str:
    """`ms` written in one of the many ways people write durations."""
    seconds = ms // 1000
    forms = [f"{seconds}s"]
    if seconds % 60 == 0:
        forms += [f"{seconds // 60}m", f"{seconds // 60} min"]
    elif seconds > 60:
        forms += [f"{seconds // 60}m{seconds % 60}s", f"{seconds // 60}:{seconds % 60:02d}"]
    if seconds <= 120:
        forms.append(str(seconds))
    return rng.choice(forms)


def _phase_mapping(rng: random.Random, phases: Phases) -> str:
    """A flow mapping such as `{inhale: 4s, hold: 7s, exhale: 8s}`."""
    unit = rng.choice(("s", "", "s"))
    parts = [f"inhale: {_seconds(phases[0])}{unit}"]
    if phases[1]:
        parts.append(f"hold: {_seconds(phases[1])}{unit}")
    parts.append(f"exhale: {_seconds(phases[2])}{unit}")
    if phases[3]:
        parts.append(f"hold-empty: {_seconds(phases[3])}{unit}")
    return "{" + ", ".join(parts) + "}"


def _compact_cycle_ms(pattern: str) -> float:
    parts = [float(part.strip().rstrip("s")) for part in pattern.split("-")]
    return sum(parts) * 1000


def _breathe_step(rng: random.Random, indent: int, budget: Budget) -> str:
    pad = " " * indent
    out = f"{pad}- breathe: {rng.choice(BREATH_NAMES)}\n"
    inner = indent + 2
    ipad = " " * inner
    shape = rng.random()
    if shape < 0.5:
        pattern = rng.choice(COMPACT_PATTERNS)
        out += f"{ipad}pattern: {pattern}\n"
        cycle_ms = _compact_cycle_ms(pattern)
    elif shape < 0.75:
        phases = rng.choice(PHASE_PATTERNS)
        cycle_ms = sum(phases) * 1000
        if rng.random() < 0.6:
            out += f"{ipad}pattern: {_phase_mapping(rng, phases)}\n"
        else:
            out += f"{ipad}pattern:\n"
            for key, value in zip(("inhale", "hold", "exhale", "hold-empty"), phases, strict=True):
                if value or key in ("inhale", "exhale"):
                    out += f"{ipad}  {key}: {_seconds(value)}s\n"
    else:
        start = rng.choice(PHASE_PATTERNS)
        inhale, hold, exhale, hold_empty = start
        longer = rng.choice((1, 2, 3))
        end = (inhale, hold + longer if hold else hold, exhale + longer, hold_empty)
        cycle_ms = (sum(start) + sum(end)) * 500
        out += f"{ipad}pattern:\n"
        out += f"{ipad}  from: {_phase_mapping(rng, start)}\n"
        out += f"{ipad}  to: {_phase_mapping(rng, end)}\n"
    if rng.random() < 0.5:
        cycles = rng.randint(3, 20)
        out += f"{ipad}cycles: {cycles}\n"
        budget.ms += cycles * cycle_ms
    else:
        ms = rng.choice((30, 45, 60, 60, 90, 120, 180)) * 1000
        ms = max(ms, int(cycle_ms * 3 // 1000 + 1) * 1000)
        out += f"{ipad}duration: {_duration_text(rng, ms)}\n"
        budget.ms += ms + cycle_ms
    if rng.random() < 0.85:
        out += _wrap(_sentences(rng, 1, 4), inner, "instructions")
    return out


def _pose_step(rng: random.Random, indent: int, budget: Budget) -> str:
    pad = " " * indent
    ipad = " " * (indent + 2)
    hold_ms = rng.choice((20, 30, 30, 45, 60, 90, 120)) * 1000
    out = f"{pad}- pose: {rng.choice(POSE_NAMES)}\n"
    out += f"{ipad}hold: {_duration_text(rng, hold_ms)}\n"
    sides = 1
    if rng.random() < 0.6:
        choice = rng.choice(("both", "both", "left", "right", "[right, left]", "[left, right]"))
        out += f"{ipad}sides: {choice}\n"
        sides = 2 if choice.startswith(("both", "[")) else 1
        if sides == 2 and rng.random() < 0.6:
            switch_ms = rng.choice((5, 10, 15, 20)) * 1000
            out += f"{ipad}switch: {_duration_text(rng, switch_ms)}\n"
            budget.ms += switch_ms
        elif sides == 2:
            budget.ms += 10_000
    if rng.random() < 0.5:
        pattern = rng.choice(("4-6", "4-4", "5-5", "4-7-8", "4-4-4-4", "4s-6s"))
        if rng.random() < 0.3:
            out += f"{ipad}breathing: {{inhale: 4s, exhale: 6s}}\n"
        else:
            out += f"{ipad}breathing: {pattern}\n"
        budget.ms += sides * (hold_ms + 20_000)
    else:
        budget.ms += sides * hold_ms
    if rng.random() < 0.9:
        out += _wrap(_sentences(rng, 1, 5), indent + 2, "instructions")
    return out


def _rest_step(rng: random.Random, indent: int, budget: Budget) -> str:
    pad = " " * indent
    ipad = " " * (indent + 2)
    ms = rng.choice((5, 10, 15, 20, 30, 45, 60, 90)) * 1000
    budget.ms += ms
    out = f"{pad}- rest: {rng.choice(REST_NAMES)}\n{ipad}duration: {_duration_text(rng, ms)}\n"
    if rng.random() < 0.6:
        out += _wrap(_sentences(rng, 1, 3), indent + 2, "instructions")
    return out


def _simple_step(rng: random.Random, indent: int, budget: Budget) -> str:
    kind = rng.random()
    if kind < 0.4:
        return _breathe_step(rng, indent, budget)
    if kind < 0.75:
        return _pose_step(rng, indent, budget)
    return _rest_step(rng, indent, budget)


def _steps(rng: random.Random, count: int, indent: int, budget: Budget) -> str:
    """`count` steps, some of them grouped in `repeat` blocks (each counts its steps)."""
    out = ""
    left = count
    while left > 0:
        if left >= 3 and rng.random() < 0.15:
            inner_count = rng.randint(2, min(4, left - 1))
            times = rng.randint(2, 3)
            inner_budget = Budget()
            body = _steps(rng, inner_count, indent + 4, inner_budget)
            budget.ms += times * inner_budget.ms
            out += f"{' ' * indent}- repeat: {times}\n{' ' * (indent + 2)}steps:\n{body}"
            left -= inner_count + 1
        else:
            out += _simple_step(rng, indent, budget)
            left -= 1
        if rng.random() < 0.5:
            out += "\n"
    return out


def routine_text(rng: random.Random) -> str:
    """One routine file: a header with metadata, then 5 to 25 steps."""
    title = f"{rng.choice(TITLE_WORDS[0])} {rng.choice(TITLE_WORDS[1])}"
    if rng.random() < 0.2:
        title = f'"{title}"'
    out = ""
    if rng.random() < 0.5:
        out += "# yaml-language-server: $schema=../breathe/schemas/routine.schema.json\n"
    out += "format: 1\n" if rng.random() < 0.8 else ""
    out += f"title: {title}\n"
    description = rng.choice(DESCRIPTION_OPENERS) + " " + _sentences(rng, 1, 4)
    out += _wrap(description, 0, "description")
    tags = rng.sample(TAGS, rng.randint(1, 6))
    if rng.random() < 0.7:
        out += f"tags: [{', '.join(tags)}]\n"
    else:
        out += "tags:\n" + "".join(f"  - {tag}\n" for tag in tags)
    if rng.random() < 0.8:
        out += f"level: {rng.choice(('beginner', 'intermediate', 'advanced', 'all levels'))}\n"
    if rng.random() < 0.8:
        out += f"feel: {rng.choice(('calming', 'balancing', 'energising'))}\n"
    if rng.random() < 0.6:
        out += f"author: {rng.choice(('breathe', 'Ana Pereira', 'M. Okafor', 'the team'))}\n"
    if rng.random() < 0.7:
        out += _wrap(rng.choice(SAFETY_TEXTS), 0, "safety")
    budget = Budget()
    out += "\nsteps:\n" + _steps(rng, rng.randint(MIN_STEPS, MAX_STEPS), 2, budget)
    if budget.ms > MAX_ROUTINE_MS:
        raise _TooLong
    return out


class _TooLong(Exception):
    """A draft routine came out too long; the generator draws another."""


def generate(folder: Path, count: int, seed: int = SEED) -> list[Path]:
    """Write `count` routine files into `folder`; the same seed gives the same files."""
    rng = random.Random(seed)
    paths: list[Path] = []
    while len(paths) < count:
        try:
            text = routine_text(rng)
        except _TooLong:
            continue
        if not MIN_BYTES <= len(text.encode()) <= MAX_BYTES:
            continue
        path = folder / f"routine-{len(paths):04d}.yaml"
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def verify(paths: list[Path]) -> tuple[list[Routine], int, int]:
    """Every file must pass the real loader and timeline.

    Returns the routines, their total number of timeline segments and their total length.
    """
    routines: list[Routine] = []
    segments = total_ms = 0
    for path in paths:
        try:
            routine = load_routine(path)
            timeline = compile_timeline(routine)
        except RoutineFileError as error:
            sys.exit(f"generated file is not valid:\n{error}\n--- {path}\n{path.read_text()}")
        segments += len(timeline.segments)
        total_ms += timeline.total_ms
        routines.append(routine)
    return routines, segments, total_ms


def count_steps(steps: tuple[Step, ...]) -> int:
    """Steps as written: a repeat block counts once, plus each step inside it."""
    return sum(
        1 + (count_steps(step.steps) if isinstance(step, RepeatBlock) else 0) for step in steps
    )


# ---------------------------------------------------------------------------------------
# Measuring
# ---------------------------------------------------------------------------------------


def bare_parse(paths: list[Path]) -> None:
    loader = yaml.CSafeLoader
    for path in paths:
        with path.open("rb") as file:
            data = file.read()
        yaml.load(data, Loader=loader)


def full_validation(paths: list[Path]) -> None:
    for path in paths:
        check_timeline(load_routine(path))


def validation_and_timeline(paths: list[Path]) -> None:
    for path in paths:
        compile_timeline(load_routine(path))


def compose_only(texts: list[str]) -> None:
    loader = yaml.CSafeLoader
    for text in texts:
        yaml.compose(text, Loader=loader)


def read_yaml_only(paths: list[Path]) -> None:
    for path in paths:
        with path.open("rb") as file:
            data = file.read()
        read_yaml(data, str(path))


def check_and_build(nodes: list[tuple[Node, str]]) -> None:
    for node, shown in nodes:
        checker = Checker(shown)
        ROUTINE.check(node, "", checker)
        if checker.problems():
            raise RuntimeError(f"{shown} has problems: {checker.problems()}")


def timeline_check_only(routines: list[Routine]) -> None:
    for routine in routines:
        check_timeline(routine)


def timeline_build_only(routines: list[Routine]) -> None:
    for routine in routines:
        compile_timeline(routine)


@dataclass
class Timing:
    label: str
    run: Callable[[], None]
    seconds: list[float]

    @property
    def best(self) -> float:
        return min(self.seconds)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


def measure(timings: list[Timing], repeat: int) -> None:
    """Run every timing `repeat` times, interleaved, rotating the order each round."""
    for timing in timings:  # warm up: imports, regex caches, the page cache
        timing.run()
    for round_number in range(repeat):
        shift = round_number % len(timings)
        for timing in timings[shift:] + timings[:shift]:
            gc.collect()
            start = time.perf_counter()
            timing.run()
            timing.seconds.append(time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--files", type=int, default=1000, help="routine files to generate")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs of each measurement")
    parser.add_argument("--seed", type=int, default=SEED, help="seed for the generated files")
    args = parser.parse_args(argv)
    if args.files < 1 or args.repeat < 1:
        parser.error("--files and --repeat must be at least 1")
    if not yaml.__with_libyaml__:
        parser.exit(1, "PyYAML was built without libyaml: there is no C loader to compare with\n")

    with tempfile.TemporaryDirectory(prefix="breathe-bench-") as folder:
        paths = generate(Path(folder), args.files, args.seed)
        routines, segments, total_ms = verify(paths)
        datas = [path.read_bytes() for path in paths]
        texts = [data.decode("utf-8-sig") for data in datas]
        nodes = [
            (read_yaml(data, str(path)), str(path)) for data, path in zip(datas, paths, strict=True)
        ]
        total_bytes = sum(len(data) for data in datas)
        step_count = sum(count_steps(routine.steps) for routine in routines)

        bare = Timing("bare parse (read + yaml.load, CSafeLoader)", lambda: bare_parse(paths), [])
        full = Timing(
            "full validation (load_routine + check_timeline)",
            lambda: full_validation(paths),
            [],
        )
        playing = Timing(
            "validation + whole timeline (compile_timeline)",
            lambda: validation_and_timeline(paths),
            [],
        )
        parts = [
            Timing("  compose only (yaml.compose, CSafeLoader)", lambda: compose_only(texts), []),
            Timing(
                "  read_yaml (read, decode, guards, compose)", lambda: read_yaml_only(paths), []
            ),
            Timing("  check + build (ROUTINE.check)", lambda: check_and_build(nodes), []),
            Timing("  timeline check (check_timeline)", lambda: timeline_check_only(routines), []),
        ]
        building = Timing(
            "building every segment (compile_timeline)", lambda: timeline_build_only(routines), []
        )
        measure([bare, full, *parts, playing, building], args.repeat)

    count = len(paths)
    print(f"Python {sys.version.split()[0]}, PyYAML {yaml.__version__} with libyaml")
    print(
        f"files: {count:,}, {total_bytes:,} bytes in all "
        f"({min(map(len, datas)):,} to {max(map(len, datas)):,} bytes, "
        f"mean {total_bytes / count:,.0f})"
    )
    print(
        f"per routine on average: {step_count / count:.1f} steps, "
        f"{segments / count:.0f} timeline segments, {total_ms / count / 60_000:.1f} min"
    )
    print(f"runs: {args.repeat} of each, interleaved; best run, median in brackets")
    print()
    width = max(len(timing.label) for timing in [bare, full, *parts, playing, building])
    print(f"{'':<{width}}  {'total':>9}  {'(median)':>10}  {'per file':>11}  {'of full':>7}")
    for timing in [bare, full, *parts]:
        print(
            f"{timing.label:<{width}}  {timing.best * 1e3:6.1f} ms  ({timing.median * 1e3:6.1f} ms)"
            f"  {timing.best / count * 1e6:6.1f} µs  {timing.best / full.best:7.0%}"
        )
    staged = sum(timing.best for timing in parts[1:])
    rest = full.best - staged
    print(
        f"{'  rest (full minus the last three)':<{width}}  {rest * 1e3:6.1f} ms  {'':>12}"
        f"  {rest / count * 1e6:6.1f} µs  {rest / full.best:7.0%}"
    )
    print()
    for timing in (playing, building):
        print(
            f"{timing.label:<{width}}  {timing.best * 1e3:6.1f} ms  ({timing.median * 1e3:6.1f} ms)"
            f"  {timing.best / count * 1e6:6.1f} µs  {timing.best / bare.best:6.2f}x bare"
        )
    ratio = full.best / bare.best
    median_ratio = full.median / bare.median
    print()
    print(f"ratio full / bare: {ratio:.2f}x (median {median_ratio:.2f}x)")
    verdict = "MET" if ratio <= GOAL_RATIO else "NOT MET"
    print(f"goal <= {GOAL_RATIO}x: {verdict}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
