"""The routine format, version 1, declared once.

`ROUTINE` checks a document and builds the model; `routine_json_schema()` (in `schema`)
describes the same declaration for editors. Limits live here, named, so every message and
the documentation quote the same numbers.
"""

from __future__ import annotations

import re
from typing import Any

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from breathe.durations import MAX_DIGITS, parse_duration
from breathe.format.spec import (
    INVALID,
    Checker,
    Choice,
    Duration,
    DurationLimits,
    Field,
    JsonSchema,
    ListOf,
    Location,
    Record,
    SchemaBuilder,
    Spec,
    Text,
    Whole,
    _Invalid,
    _shorten,
    describe_node,
    did_you_mean,
    scalar_text,
    word_hint,
)
from breathe.model import (
    FORMAT_VERSION,
    BreathingStep,
    BreathPattern,
    IncludeStep,
    PoseStep,
    Progression,
    RepeatBlock,
    RestStep,
    Side,
)

SECOND = 1000
MINUTE = 60 * SECOND
HOUR = 60 * MINUTE

BREATH_LIMITS = DurationLimits("a breath in or out", SECOND // 2, 30 * SECOND)
HOLD_LIMITS = DurationLimits("a breath hold", SECOND // 2, 60 * SECOND, zero_allowed=True)
BREATHING_LIMITS = DurationLimits("a breathing step", 10 * SECOND, 60 * MINUTE)
POSE_HOLD_LIMITS = DurationLimits("a pose hold", 5 * SECOND, 30 * MINUTE)
SWITCH_LIMITS = DurationLimits("a side switch", 2 * SECOND, 60 * SECOND)
REST_LIMITS = DurationLimits("a rest", SECOND, 30 * MINUTE)
MAX_TOTAL_MS = 3 * HOUR
MAX_CYCLES = 500
MAX_REPEAT = 100
DEFAULT_SWITCH_MS = 10 * SECOND

NAME_PATTERN = r"[A-Za-z0-9][A-Za-z0-9 _.-]*"

PHASE_KEYS = ("inhale", "hold", "exhale", "hold-empty")
_PHASE = rf"\d{{1,{MAX_DIGITS}}}(?:\.\d{{1,{MAX_DIGITS}}})?(?:\s*s)?"  # linear to refuse
_COMPACT_RE = re.compile(rf"\s*{_PHASE}\s*(?:-\s*{_PHASE}\s*){{1,3}}", re.ASCII)
COMPACT_HINT = (
    "write seconds joined by dashes: `4-6` (in, out), `4-7-8` (in, hold, out) "
    "or `4-4-4-4` (in, hold, out, hold empty)"
)

_PHASE_SPECS = {
    "inhale": Field(Duration("Breathing in.", BREATH_LIMITS, examples=(4, "4s")), required=True),
    "hold": Field(
        Duration(
            "Holding the breath in, after the inhale. 0 or absent: no hold.",
            HOLD_LIMITS,
            examples=(0, 4),
        )
    ),
    "exhale": Field(Duration("Breathing out.", BREATH_LIMITS, examples=(6, "8s")), required=True),
    "hold-empty": Field(
        Duration(
            "Holding with the lungs empty, after the exhale. 0 or absent: no hold.",
            HOLD_LIMITS,
            examples=(0, 4),
        )
    ),
}


def _pattern_from_phases(values: dict[str, Any], _where: Location) -> BreathPattern:
    return BreathPattern(
        values["inhale"], values.get("hold", 0), values["exhale"], values.get("hold-empty", 0)
    )


PHASES = Record(
    "phases",
    "a breath pattern",
    "The length of each phase of one breath.",
    _PHASE_SPECS,
    build=_pattern_from_phases,
    key_hints={
        "in": "did you mean `inhale`?",
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
                return self.progression_record.check(node, key_path, checker)
            if keys & {"from", "to"}:
                return checker.report(
                    node,
                    key_path,
                    "a pattern cannot change here",
                    "only breathing steps take `from:` and `to:`",
                )
            return PHASES.check(node, key_path, checker)
        if isinstance(node, SequenceNode):
            return checker.report(
                node, key_path, f"must be a breath pattern, not {describe_node(node)}", COMPACT_HINT
            )
        text = scalar_text(node, key_path, checker, "a breath pattern")
        if text is None:
            return INVALID
        if not _COMPACT_RE.fullmatch(text):
            return checker.report(
                node, key_path, f"`{_shorten(text)}` is not a breath pattern", COMPACT_HINT
            )
        phases = [parse_duration(part.strip()) for part in text.split("-")]
        if len(phases) == 2:
            phases = [phases[0], 0, phases[1], 0]
        elif len(phases) == 3:
            phases.append(0)
        results: list[int | _Invalid] = []
        for key, ms in zip(PHASE_KEYS, phases, strict=True):
            assert ms is not None  # the pattern matched, so each part parses
            limits = BREATH_LIMITS if key in ("inhale", "exhale") else HOLD_LIMITS
            results.append(limits.check_ms(ms, node, f"{key_path} ({key})", checker))
        if any(result is INVALID for result in results):
            return INVALID
        inhale, hold, exhale, hold_empty = results
        assert isinstance(inhale, int) and isinstance(hold, int)
        assert isinstance(exhale, int) and isinstance(hold_empty, int)
        return BreathPattern(inhale, hold, exhale, hold_empty)

    def json_schema(self, builder: SchemaBuilder) -> JsonSchema:
        options: list[JsonSchema] = [
            {
                "type": "string",
                "pattern": f"^{_COMPACT_RE.pattern}$",
                "description": "Seconds joined by dashes: `4-6`, `4-7-8`, `4-4-4-4`.",
            },
            PHASES.json_schema(builder),
        ]
        if self.progression_record is not None:
            options.append(self.progression_record.json_schema(builder))
        return {
            "description": self.description,
            "oneOf": options,
            "examples": ["4-6", "4-7-8", {"inhale": 4, "exhale": 6}],
        }


class SidesSpec(Spec):
    """`both` (left, then right), `left`, `right`, or a list giving the order."""

    description = (
        "Hold the pose on each side in turn: `both` (left, then right), one side "
        "(`left` or `right`), or a list giving the order, such as `[right, left]`. "
        "The hold time is for each side."
    )

    def check(self, node: Node, key_path: str, checker: Checker) -> tuple[Side, ...] | _Invalid:
        hint = "write `both`, `left`, `right` or `[right, left]`"
        if isinstance(node, SequenceNode):
            sides: list[Side] = []
            for index, item in enumerate(node.value):
                word = scalar_text(item, f"{key_path}[{index}]", checker, "`left` or `right`")
                if word is None:
                    return INVALID
                if word not in ("left", "right"):
                    return checker.report(
                        item,
                        f"{key_path}[{index}]",
                        f"`{_shorten(word)}` is not a side",
                        word_hint(word, ["left", "right"]) or hint,
                    )
                side = Side(word)
                if side in sides:
                    return checker.report(
                        item, f"{key_path}[{index}]", f"`{word}` is listed twice", hint
                    )
                sides.append(side)
            if not sides:
                return checker.report(node, key_path, "lists no side", hint)
            return tuple(sides)
        word = scalar_text(node, key_path, checker, "`both`, `left` or `right`")
        if word is None:
            return INVALID
        if word == "both":
            return (Side.LEFT, Side.RIGHT)
        if word in ("left", "right"):
            return (Side(word),)
        return checker.report(
            node,
            key_path,
            f"`{_shorten(word)}` is not a choice of sides",
            word_hint(word, ["both", "left", "right"]) or hint,
        )

    def json_schema(self, builder: SchemaBuilder) -> JsonSchema:
        return {
            "description": self.description,
            "oneOf": [
                {"type": "string", "enum": ["both", "left", "right"]},
                {
                    "type": "array",
                    "items": {"type": "string", "enum": ["left", "right"]},
                    "minItems": 1,
                    "maxItems": 2,
                    "uniqueItems": True,
                },
            ],
        }


class FormatVersionSpec(Spec):
    description = (
        f"The version of the routine format this file is written in. This version "
        f"of breathe reads format {FORMAT_VERSION}."
    )

    def check(self, node: Node, key_path: str, checker: Checker) -> int | _Invalid:
        text = scalar_text(node, key_path, checker, "a format number")
        if text is None:
            return INVALID
        if text != str(FORMAT_VERSION):
            return checker.report(
                node,
                key_path,
                f"this file is written in format `{_shorten(text)}`; this breathe reads format "
                f"{FORMAT_VERSION}",
                "a newer breathe may read it: upgrade breathe, or write `format: 1`",
            )
        return FORMAT_VERSION

    def json_schema(self, builder: SchemaBuilder) -> JsonSchema:
        return {"const": FORMAT_VERSION, "description": self.description}


INSTRUCTIONS = Text(
    "What to do and what to feel, short enough to read at a glance.", max_length=1000
)


def _breathing_step(values: dict[str, Any], where: Location) -> BreathingStep:
    return BreathingStep(
        values["breathe"],
        values["pattern"],
        values.get("cycles"),
        values.get("duration"),
        values.get("instructions", ""),
        where,
    )


def _pose_step(values: dict[str, Any], where: Location) -> PoseStep:
    return PoseStep(
        values["pose"],
        values["hold"],
        values.get("sides", ()),
        values.get("switch", DEFAULT_SWITCH_MS),
        values.get("breathing"),
        values.get("instructions", ""),
        where,
    )


def _rest_step(values: dict[str, Any], where: Location) -> RestStep:
    return RestStep(values["rest"], values["duration"], values.get("instructions", ""), where)


def _repeat_block(values: dict[str, Any], where: Location) -> RepeatBlock:
    return RepeatBlock(values["repeat"], values["steps"], where)


def _include_step(values: dict[str, Any], where: Location) -> IncludeStep:
    return IncludeStep(values["include"], where)


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
        words = [f"`{kind}:`" for kind in self.kinds]
        self.listing = ", ".join(words[:-1]) + " or " + words[-1] if len(words) > 1 else words[0]

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
            hint = None
            for key in keys:
                hint = did_you_mean(key.value, list(self.kinds))
                if hint:
                    return checker.report(
                        key, f"{key_path}.{key.value}", f"`{key.value}` is not a kind of step", hint
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


STEP = StepSpec()
STEPS = ListOf("The steps, played in order.", STEP, min_items=1, max_items=200, noun="steps")


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
        },
        build=_breathing_step,
        one_of=(("cycles", "duration"),),
        key_hints={
            **_other_kind_hints("breathing steps"),
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
                    "The pause to change sides (with `sides`); 10s if absent.",
                    SWITCH_LIMITS,
                    examples=("10s",),
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
        },
        build=_pose_step,
        dependent_required={"switch": "sides"},
        key_hints={
            **_other_kind_hints("pose steps"),
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
        },
        build=_rest_step,
        key_hints={
            **_other_kind_hints("rest steps"),
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
        build=_repeat_block,
        key_hints={"times": "the count is the value of `repeat:` itself, as in `repeat: 3`"},
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
                    max_length=80,
                    pattern=NAME_PATTERN,
                    pattern_hint="a routine name is its file name without `.yaml`",
                    examples=("legs-up-the-wall",),
                ),
                required=True,
            ),
        },
        build=_include_step,
    ),
)


ROUTINE = Record(
    "routine",
    "a routine",
    "A breathing or yoga routine for breathe.",
    {
        "format": Field(FormatVersionSpec()),
        "title": Field(
            Text(
                "The routine's name as people see it.",
                max_length=80,
                examples=("Evening wind-down",),
            ),
            required=True,
        ),
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
                    "beginner": "anyone, including people new to the practice",
                    "intermediate": "people with some regular practice",
                    "advanced": "experienced practitioners",
                    "all levels": "anyone; it offers easier and harder ways",
                },
            )
        ),
        "feel": Field(
            Choice(
                "How the routine is expected to feel.",
                {
                    "calming": "slows down and settles",
                    "balancing": "steadies without making sleepy",
                    "energising": "wakes up and brightens",
                },
            )
        ),
        "author": Field(Text("Who wrote the routine.", max_length=100)),
        "safety": Field(
            Text(
                "Shown before the routine starts: who should be careful and when to stop.",
                max_length=1000,
            )
        ),
        "steps": Field(STEPS, required=True),
    },
    key_hints={
        "name": "the routine's name is its file name; its display name is `title`",
        "notes": "did you mean `description`?",
        "caution": "did you mean `safety`?",
        "warning": "did you mean `safety`?",
        "version": "did you mean `format`?",
    },
)
