"""The routine format, version 1, declared once.

`ROUTINE` checks a document's values and builds its steps; `loader.ROUTINE_FILE` (a
`document.Document`) turns a file into a `Routine` and describes the same declaration as
JSON Schema for editors. Limits live here, named, so every message and
the documentation quote the same numbers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from breathe.core.durations import (
    NUMBER_PATTERN,
    explain_mistake,
    format_duration,
    parse_duration,
)
from breathe.core.model import (
    CUE_NAMES,
    DEFAULT_SWITCH_MS,
    FORMAT_VERSION,
    BreathingStep,
    BreathPattern,
    Feel,
    IncludeStep,
    Level,
    PoseStep,
    Progression,
    RepeatBlock,
    RestStep,
    Say,
    SayKind,
    Side,
    SoundChoice,
    Sounds,
    SoundSource,
)
from breathe.core.problems import Location, Problem, item_path
from breathe.core.words import either
from breathe.format.document import MAX_TITLE_LENGTH as MAX_TITLE_LENGTH  # for `breathe new`
from breathe.format.document import author_field, title_field, top_level_key_hints
from breathe.format.spec import (
    INVALID,
    NO_CONTROL_PATTERN,
    Checker,
    Choice,
    Duration,
    DurationLimits,
    Field,
    FormatVersion,
    Hint,
    Invalid,
    JsonSchema,
    ListOf,
    MissingExplainer,
    Record,
    SchemaBuilder,
    Spec,
    Text,
    Whole,
    by_keyword,
    control_character,
    describe_node,
    did_you_mean,
    later_word_hint,
    refuse_control_character,
    scalar_text,
    shortened,
    shown,
)
from breathe.format.wav import (
    MAX_CUE_MS,
    MAX_RECORDING_MS,
    SoundFileError,
    WavInfo,
    inspect_wav,
)
from breathe.format.yaml_source import NULL_TAG
from breathe.format.yes_no import YesNo

SECOND = 1000
MINUTE = 60 * SECOND
HOUR = 60 * MINUTE

BREATH_LIMITS = DurationLimits(
    "a breath in or out",
    SECOND // 2,
    30 * SECOND,
    zero_hint="breathe in and out for {range}, such as `4-6`; only the holds may be 0",
)
HOLD_LIMITS = DurationLimits("a breath hold", SECOND // 2, 60 * SECOND, zero_allowed=True)
TOP_UP_LIMITS = DurationLimits("a top-up", SECOND // 2, 10 * SECOND, zero_allowed=True)
BREATHING_LIMITS = DurationLimits(
    "a breathing step",
    10 * SECOND,
    60 * MINUTE,
    zero_hint="give it {range}, such as `3m`, or a number of breaths with `cycles:` instead; "
    "or remove the step",
)
POSE_HOLD_LIMITS = DurationLimits(
    "a pose hold",
    5 * SECOND,
    30 * MINUTE,
    zero_hint="hold it for {range}, such as `1m`; or remove the step",
)
SWITCH_LIMITS = DurationLimits(
    "a side switch",
    2 * SECOND,
    60 * SECOND,
    zero_hint="give it {range}, or leave `switch:` out for the usual "
    f"{format_duration(DEFAULT_SWITCH_MS)}",
)
REST_LIMITS = DurationLimits(
    "a rest",
    SECOND,
    30 * MINUTE,
    warn_bare_below_ms=5 * SECOND,
    zero_hint="give it {range}, such as `30s`; or remove the step",
)
MAX_CYCLES = 500
MAX_REPEAT = 100

NAME_PATTERN = r"[A-Za-z0-9][A-Za-z0-9 _.-]*"
MAX_NAME_LENGTH = 80  # an include's name: a routine's file name

PHASE_KEYS = ("inhale", "hold", "exhale", "hold-empty")
# The short form, declared once: seconds joined by dashes (in, hold, out, hold empty), the
# first of them optionally followed by `+` and a top-up (`4+1-8`: in 4, in a little more 1,
# out 8). A `+` appears nowhere else in a pattern, so it cannot be read another way.
_PHASE = rf"{NUMBER_PATTERN}(?:\s*s)?"  # seconds; linear to refuse
_COMPACT_RE = re.compile(
    rf"\s*{_PHASE}\s*(?:\+\s*{_PHASE}\s*)?(?:-\s*{_PHASE}\s*){{1,3}}", re.ASCII
)
TOP_UP_EXAMPLE = "`4+1-8` (in 4, in a little more 1, out 8)"
COMPACT_HINT = (
    "write seconds joined by dashes: `4-6` (in, out), `4-7-8` (in, hold, out) "
    "or `4-4-4-4` (in, hold, out, hold empty)"
)
PLUS_HINT = COMPACT_HINT + "; a `+` after the inhale adds a top-up: " + TOP_UP_EXAMPLE
"""The forms again, with the top-up, for a pattern written with a `+` (the top-up is not
news to someone who wrote `4/6`)."""
TOP_UP_HINT = "a top-up is a short second breath in, on top of a full one: " + TOP_UP_EXAMPLE


def _breath(description: str, examples: tuple[int | str, ...]) -> Field:
    return Field(Duration(description, BREATH_LIMITS, examples=examples), required=True)


def _hold(description: str) -> Field:
    return Field(Duration(f"{description} 0 or absent: no hold.", HOLD_LIMITS, examples=(0, 4)))


_PHASE_SPECS = {
    "inhale": _breath("Breathing in.", (4, "4s")),
    "top-up": Field(
        Duration(
            "A short second breath in, on top of the inhale (the physiological sigh); "
            "shorter than the inhale. 0 or absent: no top-up.",
            TOP_UP_LIMITS,
            examples=(1, "1.5s"),
        )
    ),
    "hold": _hold("Holding the breath in, after the inhale."),
    "exhale": _breath("Breathing out.", (6, "8s")),
    "hold-empty": _hold("Holding with the lungs empty, after the exhale."),
}


def _pattern_from_phases(values: dict[str, Any], _where: Location) -> BreathPattern:
    return BreathPattern(
        values["inhale"],
        values.get("hold", 0),
        values["exhale"],
        values.get("hold-empty", 0),
        values.get("top-up", 0),
    )


PHASES = Record(
    "phases",
    "a breath pattern",
    "The length of each phase of one breath.",
    _PHASE_SPECS,
    build=_pattern_from_phases,
    key_hints={
        "in": "did you mean `inhale`?",
        "topup": "did you mean `top-up`?",
        "top_up": "did you mean `top-up`?",
        "second-inhale": "the short second breath in is `top-up`",
        "sip": "the short second breath in is `top-up`",
        "out": "did you mean `exhale`?",
        "hold-full": "the hold after the inhale is `hold`",
        "hold-in": "the hold after the inhale is `hold`",
        "hold-out": "the hold after the exhale is `hold-empty`",
        "retain": "the hold after the inhale is `hold`",
    },
)


class PatternSpec(Spec):
    """A breath pattern: `4-7-8`, phase by phase, or (optionally) `from:`/`to:`."""

    def __init__(self, description: str, *, progression: bool) -> None:
        self.description = description
        self.progression = progression
        self.progression_record = (
            Record(
                "progression",
                "a progression",
                "A pattern that changes evenly from `from` (first cycle) to `to` (last cycle).",
                {
                    "from": Field(
                        PatternSpec("The pattern of the first cycle.", progression=False),
                        required=True,
                    ),
                    "to": Field(
                        PatternSpec("The pattern of the last cycle.", progression=False),
                        required=True,
                    ),
                },
                build=lambda values, _where: Progression(values["from"], values["to"]),
            )
            if progression
            else None
        )

    def check(self, node: Node, key_path: str, checker: Checker) -> Any:
        if isinstance(node, MappingNode):
            keys = {key.value for key, _ in node.value if isinstance(key, ScalarNode)}
            if self.progression_record is not None and keys & {"from", "to"}:
                progression = self.progression_record.check(node, key_path, checker)
                if isinstance(progression, Progression) and (
                    bool(progression.start.top_up_ms) != bool(progression.end.top_up_ms)
                ):
                    return checker.report(
                        node,
                        key_path,
                        "`from` and `to` must both have a top-up, or neither",
                        "a top-up that fades in or out would end in sips too short to take; "
                        "give both patterns a top-up, or neither",
                    )
                return progression
            if keys & {"from", "to"}:
                return checker.report(
                    node,
                    key_path,
                    "a pattern cannot change here",
                    "only breathing steps take `from:` and `to:`",
                )
            pattern = PHASES.check(node, key_path, checker)
            if isinstance(pattern, BreathPattern) and not _top_up_fits(pattern):
                top_up = next(v for k, v in node.value if getattr(k, "value", None) == "top-up")
                return _report_long_top_up(pattern, top_up, f"{key_path}.top-up", checker)
            return pattern
        if isinstance(node, SequenceNode):
            return checker.report(
                node, key_path, f"must be a breath pattern, not {describe_node(node)}", COMPACT_HINT
            )
        text = scalar_text(node, key_path, checker, "a breath pattern")
        if text is None:
            return INVALID
        before = checker.count
        if not _COMPACT_RE.fullmatch(text):
            mistake = _top_up_mistake(text)
            if mistake is not None:
                index, message, hint = mistake
                return _report_in_text(node, text, index, key_path, message, hint, checker)
            return checker.report(
                node,
                key_path,
                f"`{shortened(text)}` is not a breath pattern",
                _pattern_meant(text) or (PLUS_HINT if "+" in text else COMPACT_HINT),
            )
        first, *rest = text.split("-")
        inhale_text, plus, top_up_text = first.partition("+")
        parts = _parts_at(text, (inhale_text, *rest))
        if len(parts) == 2:
            parts = [parts[0], ("0", -1), parts[1], ("0", -1)]
        elif len(parts) == 3:
            parts.append(("0", -1))
        if plus:
            parts.append((top_up_text, len(inhale_text) + 1))
        else:
            parts.append(("0", -1))
        phases: list[int] = []
        for key, (part, index) in zip((*PHASE_KEYS, "top-up"), parts, strict=True):
            ms = parse_duration(part.strip())
            assert ms is not None  # the pattern matched, so each part parses
            wrong = _PHASE_LIMITS[key].mistake(ms)
            if wrong is not None:  # at the number that is wrong
                at = index + len(part) - len(part.lstrip())
                _report_in_text(node, text, at, f"{key_path} ({key})", *wrong, checker)
            phases.append(ms)
        if checker.count > before:
            return INVALID
        inhale, hold, exhale, hold_empty, top_up = phases
        pattern = BreathPattern(inhale, hold, exhale, hold_empty, top_up)
        if not _top_up_fits(pattern):
            message = _top_up_too_long(pattern)
            where = f"{key_path} (top-up)"
            return _report_in_text(
                node, text, text.index("+"), where, message, TOP_UP_HINT, checker
            )
        return pattern

    def json_schema(self, builder: SchemaBuilder) -> JsonSchema:
        options: list[JsonSchema] = [
            {
                "type": "string",
                "pattern": f"^{_COMPACT_RE.pattern}$",
                "description": (
                    "Seconds joined by dashes: `4-6`, `4-7-8`, `4-4-4-4`; a `+` after the "
                    "inhale adds a top-up, a short second breath in: `4+1-8`."
                ),
            },
            PHASES.json_schema(builder),
        ]
        if self.progression_record is not None:
            options.append(self.progression_record.json_schema(builder))
        return {
            "description": self.description,
            "oneOf": options,
            "examples": ["4-6", "4-7-8", "4+1-8", {"inhale": 4, "exhale": 6}],
        }


_PATTERN_NUMBER_RE = re.compile(rf"{NUMBER_PATTERN}", re.ASCII)
_PATTERN_WORDS = {"in": "in", "inhale": "in", "hold": "hold", "out": "out", "exhale": "out"}
_PATTERN_GLUE_RE = re.compile(r"[\s:/,|_–—-]+|(?<![a-z])(?:s|secs?|seconds?)\b")  # between numbers


def _pattern_meant(text: str) -> str | None:
    """Advice with the short form `text` was meant to be: `4 4 4 4`, `4:4:4:4` or `4/6`
    (other marks between the seconds), `in 4 out 6` (phases named), five numbers (one too
    many); None when it cannot be told."""
    written = text.strip().lower()
    if "+" in written:  # a top-up: its own advice
        return None
    numbers = _PATTERN_NUMBER_RE.findall(written)
    words = re.findall(r"[a-z]+", _PATTERN_GLUE_RE.sub(" ", written))
    if words and all(word in _PATTERN_WORDS for word in words) and len(words) == len(numbers):
        phases = _named_phases([_PATTERN_WORDS[word] for word in words], numbers)
        if phases is not None:
            return f"write the seconds joined by dashes, in, hold, out, hold empty: `{phases}`"
    if words or not 2 <= len(numbers) <= 5:
        return None
    if len(numbers) == 5:
        return (
            "a pattern has at most four numbers (in, hold, out, hold empty), such as "
            f"`{'-'.join(numbers[:4])}`"
        )
    dashed = re.fullmatch(r"[\d.\s-]*", written) and not re.search(r"\d\s+\d", written)
    if dashed:  # dashes already, one too many: `4--6`, `-4-6`
        return f"one dash between the seconds, none before or after: `{'-'.join(numbers)}`"
    return f"join the seconds with dashes: `{'-'.join(numbers)}`"


def _named_phases(names: list[str], numbers: list[str]) -> str | None:
    """`in 4 hold 7 out 8` as `4-7-8`: the phases in the order they are breathed (a hold
    before the out is held full, after it empty); None for another order."""
    order = ("in", "hold", "out", "hold-empty")
    seconds = dict.fromkeys(order, "0")
    place = 0
    for name, number in zip(names, numbers, strict=True):
        key = "hold-empty" if name == "hold" and place > 2 else name
        if order.index(key) < place or key not in seconds:
            return None
        place = order.index(key) + 1
        seconds[key] = number
    if seconds["in"] == "0" or seconds["out"] == "0":
        return None
    phases = [seconds[key] for key in order]
    if phases[3] == "0":  # no hold empty: in, hold, out; and without a hold: in, out
        phases = phases[:3] if phases[1] != "0" else [phases[0], phases[2]]
    return "-".join(phases)


_PHASE_LIMITS = {
    "inhale": BREATH_LIMITS,
    "hold": HOLD_LIMITS,
    "exhale": BREATH_LIMITS,
    "hold-empty": HOLD_LIMITS,
    "top-up": TOP_UP_LIMITS,
}


def _parts_at(text: str, parts: tuple[str, ...]) -> list[tuple[str, int]]:
    """Each of the dash-separated `parts` of a short-form pattern with where it starts in
    `text` (the first part: the inhale, before any `+`)."""
    found, at = [], 0
    for part in parts:
        found.append((part, at))
        at = text.index("-", at + len(part)) + 1 if "-" in text[at + len(part) :] else len(text)
    return found


def _top_up_fits(pattern: BreathPattern) -> bool:
    """A top-up is shorter than the inhale it tops up (none always fits)."""
    return pattern.top_up_ms < pattern.inhale_ms or not pattern.top_up_ms


def _top_up_too_long(pattern: BreathPattern) -> str:
    return (
        f"the top-up ({format_duration(pattern.top_up_ms)}) must be shorter than "
        f"the inhale ({format_duration(pattern.inhale_ms)})"
    )


def _report_long_top_up(
    pattern: BreathPattern, node: Node, key_path: str, checker: Checker
) -> Invalid:
    return checker.report(node, key_path, _top_up_too_long(pattern), TOP_UP_HINT)


_DOUBLE_PLUS = re.compile(r"\+\s*\+")


def _top_up_mistake(text: str) -> tuple[int, str, str] | None:
    """Where and how a short-form pattern misplaces its `+` (index in `text`, message,
    hint); None if its mistake is another."""
    plus = text.find("+")
    if plus < 0:
        return None
    double = _DOUBLE_PLUS.search(text)
    if double is not None:
        return (double.start(), "`+` is written twice", "one `+` adds a top-up: " + TOP_UP_EXAMPLE)
    if not text[:plus].strip():
        return (
            plus,
            "a top-up needs an inhale before it",
            "write the inhale first, then `+` and the top-up: " + TOP_UP_EXAMPLE,
        )
    if "-" in text[:plus]:
        return (
            plus,
            "a top-up can only follow the inhale",
            "write it right after the first number: " + TOP_UP_EXAMPLE,
        )
    second = text.find("+", plus + 1)
    if second >= 0:
        return (second, "a breath has one top-up", "keep one `+`: " + TOP_UP_EXAMPLE)
    return None


def _report_in_text(
    node: Node, text: str, index: int, key_path: str, message: str, hint: str, checker: Checker
) -> Invalid:
    """Report at character `index` of a one-line scalar `text` (so the column points at the
    `+`); at the scalar itself when it is written over several lines or with escapes."""
    start, end = node.start_mark, node.end_mark
    quotes = 0 if getattr(node, "style", None) in (None, "") else 1
    if start.line != end.line or end.column - start.column != len(text) + 2 * quotes:
        return checker.report(node, key_path, message, hint)
    checker.add(
        Problem(
            checker.path, start.line + 1, start.column + 1 + quotes + index, key_path, message, hint
        )
    )
    return INVALID


_SIDES = [side.value for side in Side]  # left, right
# Ways people say "both": `left and right`, `each side`, `yes`, `2`, `both sides`.
_BOTH_RE = re.compile(
    r"(?:left\s*(?:and|&|,|/|\+)\s*right|right\s*(?:and|&|,|/|\+)\s*left|each(?: side)?|"
    r"both sides|either side|yes|true|2|two|bilateral)"
)
_SIDE_CHOICES = ["both", *_SIDES]


class SidesSpec(Spec):
    """`both` (left, then right), `left`, `right`, or a list giving the order."""

    description = (
        "Hold the pose on each side in turn: `both` (left, then right), one side "
        "(`left` or `right`), or a list giving the order, such as `[right, left]`. "
        "The hold time is for each side."
    )

    def check(self, node: Node, key_path: str, checker: Checker) -> tuple[Side, ...] | Invalid:
        hint = "write `both`, `left`, `right` or `[right, left]`"
        if isinstance(node, SequenceNode):
            sides: list[Side] = []
            for index, item in enumerate(node.value):
                path = item_path(key_path, index)
                word = scalar_text(item, path, checker, "`left` or `right`")
                if word is None:
                    return INVALID
                if word not in _SIDES:
                    return checker.report(
                        item,
                        path,
                        f"`{shortened(word)}` is not a side",
                        later_word_hint(word, _SIDES, hint),
                    )
                side = Side(word)
                if side in sides:
                    return checker.report(item, path, f"`{word}` is listed twice", hint)
                sides.append(side)
            if not sides:
                return checker.report(node, key_path, "lists no side", hint)
            return tuple(sides)
        word = scalar_text(node, key_path, checker, "`both`, `left` or `right`")
        if word is None:
            return INVALID
        if word == "both":
            return (Side.LEFT, Side.RIGHT)
        if word in _SIDES:
            return (Side(word),)
        both = _BOTH_RE.fullmatch(word.strip().lower())
        return checker.report(
            node,
            key_path,
            f"`{shortened(word)}` is not a choice of sides",
            "for each side in turn, left first, write `both`; for the right first, `[right, left]`"
            if both
            else later_word_hint(word, _SIDE_CHOICES, hint),
        )

    def json_schema(self, builder: SchemaBuilder) -> JsonSchema:
        return {
            "description": self.description,
            "oneOf": [
                {"type": "string", "enum": _SIDE_CHOICES},
                {
                    "type": "array",
                    "items": {"type": "string", "enum": _SIDES},
                    "minItems": 1,
                    "maxItems": 2,
                    "uniqueItems": True,
                },
            ],
        }


INSTRUCTIONS = Text(
    "What to do and what to feel, short enough to read at a glance.", max_length=1000
)

INSTRUCTIONS_LOCATED = {"instructions": "instructions_location"}
"""A timed step keeps where its instructions are written: `breathe validate` warns there
when the voice cannot say them in time."""


# -- sounds ----------------------------------------------------------------------------------


SILENCE = "none"
_SILENCE_WORDS = ("off", "silence", "silent", "mute", "no", "false", "nothing", "null")
_ON_WORDS = ("on", "yes", "true", "enabled", "enable", "default", "bundled", "sound")
"""Words for "let it sound", which must never be answered with `none`, their opposite."""
_SOUND_ALIASES = {
    "bell": "the soft bell is `step`; the session's bells are `start` and `end`",
    "bells": "the soft bell is `step`; the session's bells are `start` and `end`",
    "tick": "the quiet tick is `count`",
    "beep": "the quiet tick is `count`",
}
_SOUND_WHAT = "a bundled sound's name, a `.wav` file or `none`"
_SOUND_HINT = (
    f"write a bundled sound ({', '.join(f'`{name}`' for name in CUE_NAMES)}), the path of a "
    "`.wav` file next to the routine (such as `sounds/gong.wav`), or `none` for silence"
)
_WAV_PATTERN = (
    r"^(?![/\\~])(?![A-Za-z]:)(?!(.*[/\\])?\.\.([/\\]|$))"
    rf"{NO_CONTROL_PATTERN}\.[wW][aA][vV]$"
)


def _is_absolute(text: str) -> bool:
    return (
        text.startswith("~")
        or PurePosixPath(text).is_absolute()
        or PureWindowsPath(text).is_absolute()
        or bool(PureWindowsPath(text).drive)
    )


def own_wav(
    text: str, node: Node, key_path: str, checker: Checker, what: str
) -> tuple[Path, WavInfo] | Invalid:
    """The author's own WAV file `text` (a `sound` or a `recording`): inside the routine's
    folder (no absolute path, no `..`, no symbolic link leading out), and a WAV that
    breathe plays, at most a cue's length for a sound. Its path and header, or INVALID
    once the problem is reported."""
    shown = f"`{shortened(text)}`"
    if control_character(str(node.value)) is not None:
        return refuse_control_character(
            node,
            key_path,
            checker,
            f"remove it, and rename the {what} file if its name holds one",
        )
    inside = f"put the {what} in the routine's folder (or a folder in it) and write its path"
    example = "sounds/gong.wav" if what == "sound" else "recordings/settle.wav"
    if _is_absolute(text):
        return checker.report(
            node,
            key_path,
            f"{shown} is an absolute path",
            f"write the path from the routine's folder, such as `{example}`, "
            f"with the {what} inside that folder",
        )
    parts = PurePosixPath(text.replace("\\", "/")).parts
    if ".." in parts:
        return checker.report(node, key_path, f"{shown} leaves the routine's folder", inside)
    if not text.lower().endswith(".wav"):
        return checker.report(
            node,
            key_path,
            f"{shown} is not a `.wav` file",
            "convert it to a 16-bit PCM WAV (44.1 kHz), or write a bundled sound's name",
        )
    folder = (checker.folder or Path(checker.path).parent).resolve()
    path = (folder / Path(*parts)).resolve()
    if not path.is_relative_to(folder):
        return checker.report(
            node,
            key_path,
            f"{shown} leads out of the routine's folder through a symbolic link",
            inside,
        )
    if not path.is_file():

        def nearby() -> str:  # a look around the folder, for a listed problem only
            return nearby_wav(text, path, folder)

        return checker.report(
            node,
            key_path,
            f"{shown} is a folder, not a {what} file"
            if path.is_dir()
            else f"{shown} does not exist",
            nearby,
        )
    try:
        info = inspect_wav(path, MAX_CUE_MS if what == "sound" else MAX_RECORDING_MS)
    except SoundFileError as error:
        return checker.report(node, key_path, f"{shown} {error.message}", error.hint)
    return path, info


def nearby_wav(text: str, path: Path, folder: Path) -> str:
    """Advice for a WAV file `text` that is not at `path`: the file of that name elsewhere
    in the routine's folder (`gong.wav` kept in `sounds/`), else one spelt like it beside
    where it was looked for, as a path from the routine's folder; else where breathe looked."""
    name = PurePosixPath(text.replace("\\", "/")).name
    wavs = sorted(
        found.relative_to(folder).as_posix()
        for found in _wav_files(folder)
        if found.resolve().is_relative_to(folder)
    )
    same = [found for found in wavs if PurePosixPath(found).name.lower() == name.lower()]
    if same:
        where = PurePosixPath(same[0]).parent
        place = f"in `{where}/`" if str(where) != "." else "beside the routine"
        return f"there is a `{PurePosixPath(same[0]).name}` {place}: write `{same[0]}`"
    written_folder = PurePosixPath(text.replace("\\", "/")).parent
    beside = [found for found in wavs if PurePosixPath(found).parent == written_folder]
    close = did_you_mean(name, [PurePosixPath(found).name for found in beside])
    if close is not None:
        meant = close.removeprefix("did you mean `").removesuffix("`?")
        return f"did you mean `{(written_folder / meant).as_posix()}`?"
    wavs_by_name = {PurePosixPath(found).name: found for found in wavs}
    close = did_you_mean(name, list(wavs_by_name))
    if close is not None:  # spelt like a file in another of the routine's folders
        meant = close.removeprefix("did you mean `").removesuffix("`?")
        return f"did you mean `{wavs_by_name[meant]}`?"
    if str(written_folder) == ".":
        return (
            "breathe looked next to the routine file: put the file there, or write its path "
            "from the routine's folder, such as `sounds/gong.wav`"
        )
    return (
        f"breathe looked in `{written_folder}/`, in the routine's folder: put the file "
        "there, or write its path from the routine's folder"
    )


def _wav_files(folder: Path, depth: int = 2) -> list[Path]:
    """The WAV files in `folder` and its folders `depth` levels down (hidden ones aside)."""
    found: list[Path] = []
    for entry in sorted(folder.iterdir()) if folder.is_dir() else []:
        if entry.name.startswith("."):
            continue
        if entry.is_file() and entry.suffix.lower() == ".wav":
            found.append(entry)
        elif entry.is_dir() and depth > 0:
            found.extend(_wav_files(entry, depth - 1))
    return found


class SoundSpec(Spec):
    """One cue's sound: a bundled sound by name, the author's own WAV file, or `none`.

    An own file is checked when the routine loads: it must exist inside the routine's
    folder (no absolute path, no `..`, no symbolic link leading out) and be a WAV that
    breathe plays (see `breathe.format.wav`).
    """

    def __init__(self, description: str) -> None:
        self.description = description

    def check(self, node: Node, key_path: str, checker: Checker) -> SoundChoice | Invalid:
        text = scalar_text(node, key_path, checker, _SOUND_WHAT)
        if text is None:
            return INVALID
        where = checker.location(node, key_path)
        if text == SILENCE:
            return SoundChoice(SoundSource.NONE, text, None, where)
        if "/" in text or "\\" in text or "." in text:
            return self._own_file(text, node, key_path, checker, where)
        if text in CUE_NAMES:  # the audio layer knows where the bundled sounds are
            return SoundChoice(SoundSource.BUNDLED, text, None, where)
        if text.lower() in _SILENCE_WORDS:
            hint: Hint = "for silence, write `none`"
        elif text.lower() in _ON_WORDS:
            cue = key_path.rsplit(".", 1)[-1]
            hint = (
                f"`{cue}` plays its bundled sound without this line: leave it out, or write "
                f"a bundled sound (such as `{cue if cue in CUE_NAMES else 'step'}`), a `.wav` "
                "file, or `none` for silence"
            )
        elif text.lower() in _SOUND_ALIASES:
            hint = _SOUND_ALIASES[text.lower()]
        else:
            hint = later_word_hint(text, [*CUE_NAMES, SILENCE], _SOUND_HINT)
        return checker.report(node, key_path, f"`{shortened(text)}` is not a bundled sound", hint)

    def _own_file(
        self, text: str, node: Node, key_path: str, checker: Checker, where: Location
    ) -> SoundChoice | Invalid:
        found = own_wav(text, node, key_path, checker, "sound")
        if isinstance(found, Invalid):
            return found
        return SoundChoice(SoundSource.FILE, text, found[0], where)

    def json_schema(self, builder: SchemaBuilder) -> JsonSchema:
        return {
            "type": "string",
            "description": (
                f"{self.description} A bundled sound by name, the path of your own WAV file "
                "(16-bit PCM, mono or stereo, 44.1 kHz, at most 10 s) relative to the "
                "routine's folder, or `none` for silence."
            ),
            "anyOf": [{"enum": [*CUE_NAMES, SILENCE]}, {"pattern": _WAV_PATTERN}],
            "examples": ["step", "sounds/gong.wav", SILENCE],
        }


_CUE_DESCRIPTIONS = {
    "start": "The start of the session (bundled: three rising bells).",
    "step": "A new step begins (bundled: a soft bell).",
    "inhale": "Breathe in (bundled: a rising tone).",
    "hold": "A hold, full or empty (bundled: one soft tone).",
    "exhale": "Breathe out (bundled: a falling tone).",
    "switch": "Change sides in a pose (bundled: two rising notes).",
    "count": "The soft tick at each second of a long phase, when counting for closed eyes is "
    "on (bundled: a quiet tick).",
    "end": "The end of the session (bundled: three falling bells).",
}
_SESSION_ONLY = ("start", "end")


def _sounds(values: dict[str, Any], _where: Location) -> Sounds:
    return Sounds(tuple((name, values[name]) for name in CUE_NAMES if name in values))


ROUTINE_SOUNDS = Record(
    "routine-sounds",
    "the routine's sounds",
    "The sound of each cue for the whole routine; a cue left out keeps its bundled sound. "
    "Steps can choose their own.",
    {name: Field(SoundSpec(_CUE_DESCRIPTIONS[name])) for name in CUE_NAMES},
    build=_sounds,
    key_hints={
        "hold-empty": "`hold` sounds for both holds",
        "bell": "the bell that starts a step is `step`",
        "tick": "the soft count is `count`",
    },
)
STEP_SOUNDS = Record(
    "step-sounds",
    "a step's sounds",
    "The sound of each cue during this step, over the routine's `sounds`.",
    {
        name: Field(SoundSpec(_CUE_DESCRIPTIONS[name]))
        for name in CUE_NAMES
        if name not in _SESSION_ONLY
    },
    build=_sounds,
    key_hints={
        **{
            name: f"`{name}` sounds once a session: choose it in the routine's `sounds:`"
            for name in _SESSION_ONLY
        },
        "hold-empty": "`hold` sounds for both holds",
        "bell": "the bell that starts a step is `step`",
        "tick": "the soft count is `count`",
    },
)
STEP_SOUNDS_FIELD = Field(STEP_SOUNDS)


# -- the voice ---------------------------------------------------------------------------------

SAY_KEY = "say"
"""A step's key for what the voice says at its start (docs/routines.md, "What the voice
says"): the author's own words, the path of their own recording, or `none`."""
MAX_SAY_LENGTH = 1000
_AUDIO_FILE_RE = re.compile(r".*\.(wav|mp3|ogg|oga|opus|m4a|aac|flac|aiff?|wma|webm)", re.I | re.S)
_SAY_WHAT = "the words to say, the path of a `.wav` recording, or `none`"
_SAY_HINT = (
    "write the words the voice says as the step starts, the path of your own recording "
    "(such as `recordings/settle.wav`), or `none` to keep the step's start silent"
)
_SAY_SILENCE_WORDS = frozenset(
    {"none", "off", "silence", "silent", "mute", "muted", "quiet", "nothing", "no", "false", "-"}
)


class SaySpec(Spec):
    """What the voice says at a step's start: words, a recording (`.wav`), or `none`.

    A value ending in `.wav` is a recording, checked like an own sound file (see
    `own_wav`) but of any length: the timeline checks that it fits its step. Another
    sound file's name is refused rather than read aloud, and so are the words people
    write for silence (`off`, `None`): only `none` is silence.
    """

    description = (
        "What the voice says as this step starts, instead of its name and instructions: "
        "your own words; the path of your own recording (a `.wav` file relative to the "
        "routine's folder, 16-bit PCM, 44.1 kHz, lasting at most as long as the step), "
        "played instead of synthesised speech; or `none` to keep the step's start silent."
    )

    def check(self, node: Node, key_path: str, checker: Checker) -> Say | Invalid:
        if isinstance(node, MappingNode):
            return checker.report(
                node,
                key_path,
                f"must be {_SAY_WHAT}, not {describe_node(node)}",
                "write a recording's path itself, as in `say: recordings/settle.wav`",
            )
        if isinstance(node, SequenceNode):
            return checker.report(
                node,
                key_path,
                f"must be {_SAY_WHAT}, not {describe_node(node)}",
                "write everything the voice says as one text; a long one can be written "
                "over several lines after `say: >`",
            )
        assert isinstance(node, ScalarNode)
        if node.tag == NULL_TAG:
            return checker.report(
                node,
                key_path,
                "has no value (YAML reads an empty value, `~` and `null` as nothing)",
                _SAY_HINT,
            )
        text = str(node.value).strip()
        where = checker.location(node, key_path)
        if not text:
            return checker.report(node, key_path, "is empty", _SAY_HINT)
        if text == SILENCE:
            return Say(SayKind.NONE, text, location=where)
        if text.lower() in _SAY_SILENCE_WORDS:
            hint = (
                "to keep the step's start silent, write `none` in lower case"
                if text.lower() == SILENCE
                else "to keep the step's start silent, write `none`"
            )
            return checker.report(node, key_path, f"`{shortened(text)}` would be said aloud", hint)
        if control_character(str(node.value)) is not None:
            return refuse_control_character(
                node, key_path, checker, "remove it; your editor may not show it"
            )
        if text.lower().endswith(".wav"):
            found = own_wav(text, node, key_path, checker, "recording")
            if isinstance(found, Invalid):
                return found
            path, info = found
            return Say(SayKind.RECORDING, text, path, info.duration_ms, where)
        if _AUDIO_FILE_RE.fullmatch(text):
            return checker.report(
                node,
                key_path,
                f"`{shortened(text)}` is not a `.wav` recording",
                "breathe plays recordings saved as 16-bit PCM WAV, 44.1 kHz (for example "
                "`sox in.mp3 -b 16 -r 44100 out.wav`)",
            )
        if len(text) > MAX_SAY_LENGTH:
            return checker.report(
                node,
                key_path,
                f"is {len(text):,} characters long, over the limit of {MAX_SAY_LENGTH:,}",
                "shorten it: the voice says it as the step starts",
            )
        return Say(SayKind.WORDS, " ".join(text.split()), location=where)

    def json_schema(self, builder: SchemaBuilder) -> JsonSchema:
        words = rf"^(?![\s\S]*\.[wW][aA][vV]$){NO_CONTROL_PATTERN}$"
        return {
            "type": "string",
            "minLength": 1,
            "maxLength": MAX_SAY_LENGTH,
            "description": self.description,
            "anyOf": [
                {"const": SILENCE, "description": "Nothing is said as the step starts."},
                {
                    "pattern": _WAV_PATTERN,
                    "description": "Your own recording, played instead of speech.",
                },
                {"pattern": words, "description": "Your own words, said by the voice."},
            ],
            "examples": [
                "Lie on your back and let the floor hold you.",
                "recordings/settle.wav",
                SILENCE,
            ],
        }


SAY_FIELD = Field(SaySpec())
_SAY_KEY_HINTS = dict.fromkeys(
    ("speak", "spoken", "voice", "narration", "recording", "audio", "says", "speech"),
    f"what the voice says is `{SAY_KEY}:`",
)


class StepSpec(Spec):
    """A step is a mapping with exactly one kind key: `breathe`, `pose`, `rest`, ..."""

    description = (
        "One step of the routine. One of its keys, written first by custom, says what kind of "
        "step it is: `breathe`, `pose`, `rest`, `repeat` or `include`."
    )

    def __init__(self) -> None:
        self.kinds: dict[str, Record] = {}
        self.listing = ""

    def add(self, kind: str, record: Record) -> None:
        self.kinds[kind] = record
        self.listing = either([f"`{kind}:`" for kind in self.kinds])

    def check(self, node: Node, key_path: str, checker: Checker) -> Any:
        kinds = self.listing
        if not isinstance(node, MappingNode):
            return checker.report(
                node,
                key_path,
                f"a step must start with one of {kinds}, not {describe_node(node)}",
                "begin the step with `- breathe: Name`, `- pose: Name`, ...",
            )
        keys = [key for key, _ in node.value if isinstance(key, ScalarNode)]
        present = [key for key in keys if key.value in self.kinds]
        if not present:
            # The key that looks like a kind is where the problem is said; a problem that
            # will not be listed is not worth the comparing (a file may hold 100,000).
            for key in [] if checker.crowded(node) else keys:
                hint = kind_hint(key.value, node, self.kinds)
                if hint:
                    return checker.report(
                        key,
                        f"{key_path}.{shown(key.value)}",
                        f"`{shortened(key.value)}` is not a kind of step",
                        hint,
                    )
            return checker.report(
                node,
                key_path,
                f"a step needs one of {kinds}",
                "begin the step with `- breathe: Name`, `- pose: Name`, ...",
            )
        if len({key.value for key in present}) > 1:
            names = " and ".join(f"`{key.value}`" for key in present)
            return checker.report(
                present[1],
                f"{key_path}.{present[1].value}",
                f"one step cannot be both {names}",
                "start a new step with `- ` for each",
            )
        return self.kinds[present[0].value].check(node, key_path, checker)

    def json_schema(self, builder: SchemaBuilder) -> JsonSchema:
        return builder.ref(
            "step",
            lambda: {
                "description": self.description,
                "oneOf": [record.json_schema(builder) for record in self.kinds.values()],
            },
        )


BREATH_HOLD_HINT = (
    "a breath hold is part of the pattern, its middle number: `pattern: 4-7-8` breathes in "
    "for 4, holds for 7 and out for 8 (`hold:` is how long a pose is held)"
)
POSE_BREATHS_HINT = (
    "a pose is held for a time, not a number of breaths: write `hold:` (such as `hold: 1m`), "
    "with `breathing: 4-6` to pace the breath, and the hold becomes whole breaths"
)


_DASHES_RE = re.compile("[-\u2010-\u2015\u2212]")


def _time_written_as_name(
    name_key: str, time_key: str, takes: str, example: str
) -> MissingExplainer:
    """A step whose time is missing because it is written as its name (`- rest: 30s`,
    `- pose: 1,5m`): said at that value, with the time to write on its own line (put
    right, when it is no duration as written)."""

    def explain(node: MappingNode, key_path: str, missing: Sequence[str], checker: Checker) -> bool:
        if time_key not in missing:
            return False
        value = next((v for k, v in node.value if getattr(k, "value", None) == name_key), None)
        if not isinstance(value, ScalarNode) or value.tag == NULL_TAG:
            return False
        text = str(value.value).strip()
        meant, why = text, ""
        if _DASHES_RE.search(text):  # a range, or a pattern: not meant as a step's time
            return False
        if not parse_duration(text):
            mistake = explain_mistake(text)
            if mistake is None or not mistake.fixed:
                return False
            meant, why = (
                mistake.fixed,
                f"; as written, `{shortened(text)}` is no duration: {mistake.why}",
            )
        checker.report(
            value,
            f"{key_path}.{name_key}",
            f"`{shortened(text)}` is a length of time, but `{name_key}:` takes {takes}: the "
            f"time is `{time_key}:`",
            f"write `{name_key}: {example}` (your words) and under it `{time_key}: {meant}`{why}",
        )
        return True

    return explain


STEP = StepSpec()
STEPS = ListOf("The steps, played in order.", STEP, min_items=1, max_items=200, noun="steps")


KIND_SYNONYMS = {
    **dict.fromkeys(
        ("pause", "break", "relax", "relaxation", "wait", "transition", "interval", "stillness"),
        "rest",
    ),
    **dict.fromkeys(("breath", "breathing", "breathwork", "pranayama", "technique"), "breathe"),
    **dict.fromkeys(("asana", "posture", "position", "stretch", "yoga"), "pose"),
    **dict.fromkeys(("loop", "rounds", "round", "times", "sets", "repetitions"), "repeat"),
    **dict.fromkeys(("import", "use", "routine", "insert"), "include"),
}
"""Words people write for a kind of step, by what they mean here: a pause is a `rest`
(not a `pose`, which it is spelt like)."""

# A step's other keys say what kind it is meant to be: the first kind whose keys it has.
_KIND_BY_KEYS = (
    ("repeat", ("steps",)),
    ("breathe", ("pattern", "cycles")),
    ("pose", ("hold", "breathing", "sides", "switch")),
    ("rest", ("duration",)),
)


def kind_hint(word: str, step: MappingNode, records: dict[str, Record]) -> str | None:
    """Advice for `word`, written where a step's kind goes: by meaning first (a synonym,
    then what the step's other keys make it), by spelling only when neither says. None
    for a key that steps have (`duration:` in a step that lacks its kind)."""
    kinds = list(records)
    if word not in KIND_SYNONYMS and any(word in record.keys for record in records.values()):
        return None
    value = next((v.value for k, v in step.value if getattr(k, "value", None) == word), "Name")
    named = shown(value) if isinstance(value, str) and value.strip() else "Name"
    kind = KIND_SYNONYMS.get(word.lower())
    if kind is not None:
        return f"`{word}` means a `{kind}` step here: write `- {kind}: {shortened(named)}`"
    if word.lower() in kinds:
        return f"write it in lower case: `{word.lower()}`"
    others = {getattr(k, "value", None) for k, _ in step.value} - {word}
    by_keys = next((kind for kind, keys in _KIND_BY_KEYS if others & set(keys)), None)
    spelt = did_you_mean(word, kinds)
    if by_keys is not None and (spelt is None or f"`{by_keys}`" not in spelt):
        said = " and ".join(f"`{key}:`" for key in _KIND_BY_KEYS_OF[by_keys] if key in others)
        return f"a step with {said} is a `{by_keys}` step: write `- {by_keys}: {shortened(named)}`"
    return spelt


_KIND_BY_KEYS_OF = dict(_KIND_BY_KEYS)


def _other_kind_hints(own: str) -> dict[str, str]:
    owners = {
        "pattern": "breathing steps",
        "cycles": "breathing steps",
        "hold": "pose steps",
        "sides": "pose steps",
        "switch": "pose steps",
        "breathing": "pose steps",
        "times": "repeat blocks",
        "steps": "repeat blocks",
        "duration": "breathing and rest steps",
    }
    hints = {key: f"`{key}` belongs to {owner}, not {own}" for key, owner in owners.items()}
    hints["time"] = "did you mean `duration`?"
    return hints


STEP.add(
    "breathe",
    Record(
        "breathing-step",
        "a breathing step",
        "A breathing technique, paced by `pattern`, for a number of `cycles` or for a `duration` "
        "(rounded to the nearest whole number of cycles, at least one).",
        {
            "breathe": Field(
                Text(
                    "The technique's name, shown while it plays.",
                    max_length=80,
                    examples=("Slow belly breathing",),
                ),
                required=True,
            ),
            "pattern": Field(
                PatternSpec(
                    "The breath: `4-6`, `4-7-8`, phase by phase (`inhale`, `hold`, `exhale`, "
                    "`hold-empty`), or `from:` one pattern `to:` another, changing evenly "
                    "across the step.",
                    progression=True,
                ),
                required=True,
            ),
            "cycles": Field(
                Whole(
                    "How many breaths.",
                    minimum=1,
                    maximum=MAX_CYCLES,
                    noun="cycles",
                    examples=(10,),
                )
            ),
            "duration": Field(
                Duration(
                    "About how long to breathe; rounded to whole breaths.",
                    BREATHING_LIMITS,
                    examples=("3m",),
                )
            ),
            "instructions": Field(INSTRUCTIONS),
            SAY_KEY: SAY_FIELD,
            "sounds": STEP_SOUNDS_FIELD,
        },
        build=by_keyword(
            BreathingStep, {"breathe": "title", "pattern": "pace", "duration": "duration_ms"}
        ),
        marked=True,
        one_of=(("cycles", "duration"),),
        explain_missing=_time_written_as_name(
            "breathe", "duration", "the technique's name", "Slow breathing"
        ),
        located=INSTRUCTIONS_LOCATED,
        key_hints={
            **_other_kind_hints("breathing steps"),
            **_SAY_KEY_HINTS,
            **dict.fromkeys(("hold", "retention", "retain", "hold-in"), BREATH_HOLD_HINT),
            "hold-empty": "a hold with the lungs empty is the pattern's fourth number: "
            "`pattern: 4-4-4-4` (in, hold, out, hold empty)",
            "sides": "a breathing step has no sides; for alternate-nostril breathing, say which "
            "nostril in `instructions:`",
            "breathing": "a breathing step's breath is its `pattern:`, such as `pattern: 4-6`",
            "for": "did you mean `duration`?",
            "breaths": "did you mean `cycles`?",
            "rounds": "did you mean `cycles`?",
        },
    ),
)

STEP.add(
    "pose",
    Record(
        "pose-step",
        "a pose step",
        "A pose held for a time, optionally on each side and with a breath pattern to follow.",
        {
            "pose": Field(
                Text("The pose's name.", max_length=80, examples=("Legs up the wall",)),
                required=True,
            ),
            "hold": Field(
                Duration(
                    "How long to hold the pose (on each side, with `sides`).",
                    POSE_HOLD_LIMITS,
                    examples=("1m", "5m"),
                ),
                required=True,
            ),
            "sides": Field(SidesSpec()),
            "switch": Field(
                Duration(
                    "The pause to change sides (with `sides`); "
                    f"{format_duration(DEFAULT_SWITCH_MS)} if absent.",
                    SWITCH_LIMITS,
                    examples=(format_duration(DEFAULT_SWITCH_MS),),
                )
            ),
            "breathing": Field(
                PatternSpec(
                    "A breath pattern to follow while holding, such as `4-6`; the hold is then "
                    "rounded to whole breaths.",
                    progression=False,
                )
            ),
            "instructions": Field(INSTRUCTIONS),
            SAY_KEY: SAY_FIELD,
            "sounds": STEP_SOUNDS_FIELD,
        },
        build=by_keyword(PoseStep, {"pose": "title", "hold": "hold_ms", "switch": "switch_ms"}),
        marked=True,
        dependent_required={"switch": "sides"},
        explain_missing=_time_written_as_name("pose", "hold", "the pose's name", "Child's pose"),
        located=INSTRUCTIONS_LOCATED,
        key_hints={
            **_other_kind_hints("pose steps"),
            **_SAY_KEY_HINTS,
            **dict.fromkeys(("cycles", "breaths", "rounds"), POSE_BREATHS_HINT),
            "pattern": "a pose paces the breath with `breathing:`",
            "duration": "a pose's time is `hold:`",
            "side": "did you mean `sides`?",
        },
    ),
)

STEP.add(
    "rest",
    Record(
        "rest-step",
        "a rest step",
        "A rest or a transition: a short text (the value of `rest`) shown for a duration.",
        {
            "rest": Field(
                Text(
                    "What to do now, in a few words: `Lie still`, `Come to the wall`.",
                    max_length=80,
                ),
                required=True,
            ),
            "duration": Field(
                Duration("How long the rest lasts.", REST_LIMITS, examples=("30s",)), required=True
            ),
            "instructions": Field(INSTRUCTIONS),
            SAY_KEY: SAY_FIELD,
            "sounds": STEP_SOUNDS_FIELD,
        },
        build=by_keyword(RestStep, {"rest": "title", "duration": "duration_ms"}),
        marked=True,
        explain_missing=_time_written_as_name("rest", "duration", "a few words", "Lie still"),
        located=INSTRUCTIONS_LOCATED,
        key_hints={
            **_other_kind_hints("rest steps"),
            **_SAY_KEY_HINTS,
            **dict.fromkeys(
                ("cycles", "breaths", "pattern"),
                "a rest is timed by `duration:` (such as `duration: 30s`); to pace the "
                "breath, make it a `- breathe:` step",
            ),
            "hold": "a rest's time is `duration:`",
            "for": "did you mean `duration`?",
        },
    ),
)

STEP.add(
    "repeat",
    Record(
        "repeat-block",
        "a repeat block",
        "Plays its `steps` a number of times.",
        {
            "repeat": Field(
                Whole(
                    "How many times to play the steps.",
                    minimum=1,
                    maximum=MAX_REPEAT,
                    noun="times",
                    examples=(3,),
                ),
                required=True,
            ),
            "steps": Field(STEPS, required=True),
        },
        build=by_keyword(RepeatBlock, {"repeat": "times"}),
        marked=True,
        key_hints={
            "times": "the count is the value of `repeat:` itself, as in `repeat: 3`",
            **dict.fromkeys(
                ("hold", "duration", "cycles", "pattern"),
                "a repeat block plays its `steps:` a number of times; write this key on a "
                "step inside it",
            ),
            "sounds": "choose sounds on the steps inside, or for the whole routine",
            SAY_KEY: f"give each step inside its own `{SAY_KEY}:`",
        },
    ),
)

STEP.add(
    "include",
    Record(
        "include-step",
        "an include",
        "Plays another routine, by its name (its file name without `.yaml`), in place.",
        {
            "include": Field(
                Text(
                    "The routine's name: its file name without `.yaml`.",
                    max_length=MAX_NAME_LENGTH,
                    pattern=NAME_PATTERN,
                    pattern_hint="a routine name is its file name without `.yaml`",
                    examples=("legs-up-the-wall",),
                ),
                required=True,
            ),
        },
        build=by_keyword(IncludeStep, {"include": "name"}),
        marked=True,
        key_hints={
            "sounds": "an included routine keeps its own sounds; choose them there",
            SAY_KEY: f"an included routine's steps keep their own `{SAY_KEY}:`; write it there",
        },
    ),
)


ROUTINE = Record(
    "routine",
    "a routine",
    "A breathing or yoga routine for breathe.",
    {
        "format": Field(FormatVersion(FORMAT_VERSION, "routine")),
        "title": title_field("routine", "Evening wind-down"),
        "description": Field(
            Text(
                "What the routine is for and what it feels like; mention its length.",
                max_length=2000,
            )
        ),
        "tags": Field(
            ListOf(
                "Words to find it by, such as `evening` or `sleep`.",
                Text("A tag.", max_length=30),
                min_items=1,
                max_items=12,
                noun="tags",
                unique=True,
            )
        ),
        "level": Field(
            Choice(
                "Who the routine is for.",
                {
                    Level.BEGINNER: "anyone, including people new to the practice",
                    Level.INTERMEDIATE: "people with some regular practice",
                    Level.ADVANCED: "experienced practitioners",
                    Level.ALL: "anyone; it offers easier and harder ways",
                },
                synonyms={
                    **dict.fromkeys(
                        ("beginners", "novice", "easy", "gentle", "new"), Level.BEGINNER
                    ),
                    **dict.fromkeys(("medium", "moderate", "improver"), Level.INTERMEDIATE),
                    **dict.fromkeys(("expert", "experienced", "hard", "advance"), Level.ADVANCED),
                    **dict.fromkeys(("all", "any", "everyone", "mixed", "all-levels"), Level.ALL),
                },
            )
        ),
        "feel": Field(
            Choice(
                "How the routine is expected to feel.",
                {
                    Feel.CALMING: "slows down and settles",
                    Feel.BALANCING: "steadies without making sleepy",
                    Feel.ENERGISING: "wakes up and brightens",
                },
                synonyms={
                    **dict.fromkeys(
                        ("calm", "relaxing", "soothing", "restful", "sleepy", "relax"), Feel.CALMING
                    ),
                    **dict.fromkeys(
                        ("balanced", "grounding", "steadying", "neutral"), Feel.BALANCING
                    ),
                    **dict.fromkeys(
                        ("energizing", "energetic", "energy", "uplifting", "awakening"),
                        Feel.ENERGISING,
                    ),
                },
            )
        ),
        "author": author_field("routine"),
        "part": Field(
            YesNo(
                "`true` for a routine written to be included in others (an opening, a "
                "closing): it is not listed on its own in the library or `breathe list`, "
                "and it stays a part when imported; `breathe play` still plays it.",
                "part",
            )
        ),
        "safety": Field(
            Text(
                "Shown before the routine starts: who should be careful and when to stop.",
                max_length=1000,
            )
        ),
        "sounds": Field(ROUTINE_SOUNDS),
        "steps": Field(STEPS, required=True),
    },
    key_hints={
        **top_level_key_hints("routine"),
        "warning": "did you mean `safety`?",
        **dict.fromkeys(
            ("duration", "length", "total", "time"),
            "a routine lasts as long as its steps: give each step its time (`duration:` or "
            "`hold:`), and say the length in `description:` if you like",
        ),
    },
    warned=True,
)
