"""A small vocabulary for declaring a YAML format once and using it twice.

Each spec checks a YAML node, collecting every problem with its location and building
model values from what is valid, and describes itself as JSON Schema. The routine format
is declared with these pieces in `routine_spec`, so the checker and the schema that
editors use cannot disagree.
"""

from __future__ import annotations

import heapq
import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any, Final, TypeVar

from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from breathe.core.durations import (
    DURATION_EXAMPLES,
    DURATION_FORMS,
    SCHEMA_PATTERN,
    explain_mistake,
    format_duration,
    has_too_many_digits,
    parse_duration,
)
from breathe.core.model import Marks
from breathe.core.problems import MAX_LISTED, Location, Problem, item_path, more_problems
from breathe.core.words import either
from breathe.format.lookalikes import LOOKALIKES, describe, in_curly_quotes, plain
from breathe.format.yaml_source import NULL_TAG, STR_TAG

JsonSchema = dict[str, Any]


class Invalid:
    """Marks a value that failed its check (its problems are already reported)."""

    def __repr__(self) -> str:
        return "INVALID"


INVALID: Final = Invalid()


Hint = str | Callable[[], str | None] | None
"""A problem's advice, or a function making it: `did_you_mean` compares words, so it is
asked only for the problems that are listed (a file may have 60,000 unknown keys)."""


@dataclass(slots=True)
class Checker:
    """Carries the file path and collects problems while specs walk the node tree;
    `folder` is where the file's own files (a routine's sounds) are found.

    A file's problems are listed in reading order, at most MAX_LISTED of them (`problems`);
    past those, a problem is only counted, and its advice never worked out. The work a file
    with thousands of mistakes costs grows with its size, and what is kept does not.
    """

    path: str
    folder: Path | None = None
    # Line, column, key path, message, hint: a Problem once it is listed.
    found: list[tuple[int, int, str, str, Hint]] = field(default_factory=list)
    # The places of the first MAX_LISTED problems in reading order so far, as a heap of
    # negated (line, column): its top is the last of them.
    first: list[tuple[int, int]] = field(default_factory=list)
    # The problems found behind MAX_LISTED others: how many, and the place of the first.
    unlisted: int = 0
    first_unlisted: tuple[int, int] | None = None
    # What is not wrong but likely not meant (`duration: 2` on a rest): a file with these
    # is valid, and `breathe validate` prints them as warnings.
    warnings: list[Problem] = field(default_factory=list)

    def warn(self, node: Node, key_path: str, message: str, hint: str) -> None:
        mark = node.start_mark
        self.warnings.append(
            Problem(self.path, mark.line + 1, mark.column + 1, key_path, message, hint)
        )

    def report(self, node: Node, key_path: str, message: str, hint: Hint = None) -> Invalid:
        mark = node.start_mark
        self._found(mark.line + 1, mark.column + 1, key_path, message, hint)
        return INVALID

    def add(self, problem: Problem) -> None:
        """A problem of this file found another way than at a node."""
        self._found(problem.line, problem.column, problem.key_path, problem.message, problem.hint)

    def _found(self, line: int, column: int, key_path: str, message: str, hint: Hint) -> None:
        place = (line, column)
        if self._behind(place):  # never listed, whatever is found later
            self.unlisted += 1
            if self.first_unlisted is None or place < self.first_unlisted:
                self.first_unlisted = place
            return
        self.found.append((line, column, key_path, message, hint))
        if len(self.first) < MAX_LISTED:
            heapq.heappush(self.first, (-line, -column))
        else:
            heapq.heapreplace(self.first, (-line, -column))

    def _behind(self, place: tuple[int, int]) -> bool:
        if len(self.first) < MAX_LISTED:
            return False
        line, column = self.first[0]
        return (-line, -column) <= place  # a tie goes after: it was found later

    @property
    def count(self) -> int:
        """How many problems were reported so far."""
        return len(self.found) + self.unlisted

    def crowded(self, node: Node) -> bool:
        """Whether a problem at `node` would not be listed: MAX_LISTED are found before it
        (nothing found later undoes that). Advice that decides where a problem is said is
        worked out only when it is not."""
        return self._behind((node.start_mark.line + 1, node.start_mark.column + 1))

    def problems(self) -> list[Problem]:
        """In reading order, the first MAX_LISTED with their advice, then one line saying
        how many more there are, at the first of them."""
        first = heapq.nsmallest(MAX_LISTED + 1, self.found, key=_place)  # stable, as sorted
        listed = [
            Problem(self.path, line, column, key_path, message, hint() if callable(hint) else hint)
            for line, column, key_path, message, hint in first[:MAX_LISTED]
        ]
        places = [place for place in [self.first_unlisted] if place is not None]
        places += [_place(found) for found in first[MAX_LISTED:]]
        if places:
            line, column = min(places)
            listed.append(more_problems(self.path, line, column, self.count - MAX_LISTED))
        return listed

    def location(self, node: Node, key_path: str) -> Location:
        mark = node.start_mark
        return Location(self.path, mark.line + 1, mark.column + 1, key_path)


def _at(problem: Problem) -> tuple[int, int]:
    return problem.line, problem.column


def _place(found: tuple[int, int, str, str, Hint]) -> tuple[int, int]:
    return found[0], found[1]


class SchemaBuilder:
    """Collects named definitions (`$defs`) while a schema is generated."""

    def __init__(self) -> None:
        self.defs: dict[str, JsonSchema] = {}

    def ref(self, name: str, make: Callable[[], JsonSchema]) -> JsonSchema:
        if name not in self.defs:
            self.defs[name] = {}  # placeholder: breaks recursion
            self.defs[name] = make()
        return {"$ref": f"#/$defs/{name}"}


class Spec:
    """Base of every spec: `check` a node, or describe it as JSON Schema."""

    description: str = ""
    examples: tuple[Any, ...] = ()

    def check(self, node: Node, key_path: str, checker: Checker) -> Any:
        raise NotImplementedError

    def json_schema(self, builder: SchemaBuilder) -> JsonSchema:
        raise NotImplementedError

    def with_examples(self, schema: JsonSchema) -> JsonSchema:
        """`schema`, with this spec's examples last, if it has any."""
        return {**schema, "examples": list(self.examples)} if self.examples else schema


def describe_node(node: Node) -> str:
    """What the author wrote, in words: used in 'must be X, not Y' messages."""
    if isinstance(node, MappingNode):
        return "a group of `key: value` lines"
    if isinstance(node, SequenceNode):
        return "a list"
    if isinstance(node, ScalarNode):
        if node.tag == NULL_TAG or not str(node.value).strip():
            return "empty"
        return f"`{shortened(node.value)}`"
    return "something else"  # pragma: no cover - yaml has only three kinds of node


def shortened(text: str, limit: int = 40) -> str:
    text = shown(text.replace("\n", " "))
    return text if len(text) <= limit else text[: limit - 1] + "…"


# Characters no text in a file may hold, and that every name breathe prints has escaped:
# C0 controls but tab and line feed, DEL, C1 controls, and the bidirectional embeddings,
# overrides and isolates. A terminal obeys them (ESC recolours, retitles or moves the
# cursor; a bidi override reorders what is read), and routines travel between people by
# import, so a file must not carry them to someone else's screen. A regular-expression
# character range that Python and JSON Schema (ECMA-262) read alike.
CONTROL_CHARACTERS: Final = r"\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069"
NO_CONTROL_PATTERN: Final = rf"[^{CONTROL_CHARACTERS}]*"
_CONTROL_RE = re.compile(f"[{CONTROL_CHARACTERS}]")
_SHOWN_RE = re.compile(f"[{CONTROL_CHARACTERS}\t\n]")
_C0_NAMES = (  # noqa: SIM905 - a table is easier to read as words
    "NUL SOH STX ETX EOT ENQ ACK BEL BS HT LF VT FF CR SO SI "
    "DLE DC1 DC2 DC3 DC4 NAK SYN ETB CAN EM SUB ESC FS GS RS US"
).split()
_SHORT_ESCAPES = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}


def control_character(text: str) -> str | None:
    """The first control character in `text`, named for a message, or None."""
    if text.isprintable():  # a line with none (they are all unprintable): no regex
        return None
    found = _CONTROL_RE.search(text)
    if found is None:
        return None
    code = ord(found.group())
    if code < 0x20:
        return f"{_C0_NAMES[code]}, U+{code:04X}"
    if code == 0x7F:
        return "DEL, U+007F"
    if code < 0xA0:
        return f"U+{code:04X}"
    import unicodedata

    return f"{unicodedata.name(found.group())}, U+{code:04X}"


def refuse_control_character(node: Node, key_path: str, checker: Checker, hint: str) -> Invalid:
    """Report the control character in a scalar's text (there is one: see
    `control_character`); the hint says how to take it out."""
    control = control_character(str(node.value))
    return checker.report(node, key_path, f"contains a control character ({control})", hint)


def shown(text: str) -> str:
    """`text` safe to print: control characters, tabs and line breaks as escapes (`\\x1b`).

    For names and paths echoed in messages; text in files is refused instead.
    """
    if text.isascii() and text.isprintable():  # every key of a valid file: no regex
        return text
    return _SHOWN_RE.sub(_escape, text)


def _escape(found: re.Match[str]) -> str:
    character = found.group()
    code = ord(character)
    if character in _SHORT_ESCAPES:
        return _SHORT_ESCAPES[character]
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def word_hint(word: str, choices: list[str]) -> str | None:
    """Advice for a word that is not one of `choices` (which are lower case)."""
    if word.lower() in choices:
        return f"write it in lower case: `{word.lower()}`"
    return did_you_mean(word, choices)


def later_word_hint(word: str, choices: list[str], otherwise: str | None = None) -> Hint:
    """`word_hint`, or `otherwise`, worked out only if the problem is listed."""
    return lambda: word_hint(word, choices) or otherwise


# Words that mean yes and no: one is never offered for the other, however alike they are
# spelt (`on` for `none`).
_YES_WORDS = frozenset({"on", "yes", "true", "enable", "enabled", "all", "always"})
_NO_WORDS = frozenset({"none", "no", "off", "false", "disable", "disabled", "never", "nothing"})


def did_you_mean(word: str, choices: list[str] | tuple[str, ...]) -> str | None:
    """The choice spelt most like `word`, offered as a question; never its opposite."""
    import difflib  # only when a problem is reported: it is not needed to load valid files

    lower = word.lower()
    close = difflib.get_close_matches(lower, choices, n=1, cutoff=0.6)
    if not close or _opposites(lower, close[0]):
        return None
    return f"did you mean `{close[0]}`?"


def _opposites(word: str, choice: str) -> bool:
    return (word in _YES_WORDS and choice in _NO_WORDS) or (
        word in _NO_WORDS and choice in _YES_WORDS
    )


def scalar_text(node: Node, key_path: str, checker: Checker, what: str) -> str | None:
    """The stripped text of a scalar with a value; None once the problem is reported."""
    if not isinstance(node, ScalarNode):
        checker.report(
            node,
            key_path,
            f"must be {what}, not {describe_node(node)}",
            f"write {what} as one value after the colon, not a list"
            if isinstance(node, SequenceNode)
            else f"write {what} after the colon, without `{{ }}`"
            if getattr(node, "flow_style", False)
            else f"write {what} after the colon, and the keys under it as far in as this key",
        )
        return None
    if node.tag == NULL_TAG:
        checker.report(node, key_path, "has no value", f"write {what} after the colon")
        return None
    return str(node.value).strip()


class Text(Spec):
    """A line or paragraph of text. Plain YAML scalars keep the text the author typed."""

    def __init__(
        self,
        description: str,
        *,
        max_length: int,
        pattern: str | None = None,
        pattern_hint: str | None = None,
        examples: tuple[str, ...] = (),
    ) -> None:
        self.description = description
        self.max_length = max_length
        self.pattern = re.compile(pattern) if pattern else None
        self.pattern_hint = pattern_hint
        self.examples = examples

    def check(self, node: Node, key_path: str, checker: Checker) -> str | Invalid:
        text = scalar_text(node, key_path, checker, "text")
        if text is None:
            return INVALID
        if not text:
            return checker.report(node, key_path, "is empty", "write some text, or remove the line")
        if control_character(str(node.value)) is not None:
            return refuse_control_character(
                node,
                key_path,
                checker,
                "remove it; in double quotes, a backslash escape such as `\\e` writes one"
                if getattr(node, "style", None) == '"'
                else "remove it; your editor may not show it",
            )
        if len(text) > self.max_length:
            return checker.report(
                node,
                key_path,
                f"is {len(text):,} characters long, over the limit of {self.max_length:,}",
                "shorten it",
            )
        if self.pattern and not self.pattern.fullmatch(text):
            return checker.report(
                node, key_path, f"`{shortened(text)}` is not allowed here", self.pattern_hint
            )
        return text

    def json_schema(self, builder: SchemaBuilder) -> JsonSchema:
        schema: JsonSchema = {
            "type": "string",
            "minLength": 1,
            "maxLength": self.max_length,
            "description": self.description,
        }
        # A pattern of its own is narrower than "no control characters" (a name's is ASCII).
        pattern = self.pattern.pattern if self.pattern else NO_CONTROL_PATTERN
        schema["pattern"] = f"^{pattern}$"
        return self.with_examples(schema)


_QUOTED_RE = re.compile(r"`([^`]+)`")
_WHOLE_RE = re.compile(r"[+-]?\d+", re.ASCII)
_DECIMAL_RE = re.compile(r"(\d{1,6})[.,]\d{1,6}", re.ASCII)
# A count with a word around it: `3x`, `x3`, `3 times`, `6 breaths`, `10 rounds`.
_COUNTED_RE = re.compile(r"(?:(\d{1,6})\s*(?:x|×|times|breaths?|rounds?|cycles?)|[x×]\s*(\d{1,6}))")
# The same with the number in words: `three times`, `ten breaths`.
_COUNTED_IN_WORDS_RE = re.compile(r"([a-z -]+?)\s+(?:times|breaths?|rounds?|cycles?)")


class Whole(Spec):
    """A whole number within a range, such as a count of cycles."""

    def __init__(
        self,
        description: str,
        *,
        minimum: int,
        maximum: int,
        noun: str,
        examples: tuple[int, ...] = (),
    ) -> None:
        self.description = description
        self.minimum = minimum
        self.maximum = maximum
        self.noun = noun
        self.examples = examples

    def check(self, node: Node, key_path: str, checker: Checker) -> int | Invalid:
        text = scalar_text(node, key_path, checker, "a whole number")
        if text is None:
            return INVALID
        if not _WHOLE_RE.fullmatch(text):
            return checker.report(
                node,
                key_path,
                f"`{shortened(text)}` is not a whole number",
                self._meant(text)
                or f"write a number of {self.noun} from {self.minimum} to {self.maximum}",
            )
        digits = text.lstrip("+-").lstrip("0") or "0"  # int() refuses over 4,300 digits
        if text.startswith("-") or len(digits) > len(str(self.maximum)):
            return checker.report(
                node,
                key_path,
                f"{shortened(text)} {self.noun} is out of range",
                f"the allowed range is {self.minimum} to {self.maximum}",
            )
        value = int(digits)
        if not self.minimum <= value <= self.maximum:
            return checker.report(
                node,
                key_path,
                f"{value} {self.noun} is out of range",
                f"the allowed range is {self.minimum} to {self.maximum}",
            )
        return value

    def _meant(self, text: str) -> str | None:
        """Advice with the number `text` was meant to be: `6.5` (`6` or `7`), `ten`, `3x`,
        `6 breaths`; None when it cannot be told."""
        written = text.strip().lower()
        decimal = _DECIMAL_RE.fullmatch(written)
        if decimal is not None:
            lower = int(decimal[1])
            if not written.rstrip("0").endswith((".", ",")):
                return f"a number of {self.noun} is whole: write `{lower}` or `{lower + 1}`"
            return f"a number of {self.noun} is whole: write `{lower}`"
        counted = _COUNTED_RE.fullmatch(written)
        if counted is not None:
            return f"write the number alone: `{counted[1] or counted[2]}`"
        in_words = _COUNTED_IN_WORDS_RE.fullmatch(written)
        mistake = explain_mistake(in_words[1] if in_words else written)
        if mistake is not None and mistake.fixed.isdigit():  # `ten`: a word for a number
            alone = "the number alone, " if in_words else "it "
            return f"write {alone}in digits: `{mistake.fixed}`"
        return None

    def json_schema(self, builder: SchemaBuilder) -> JsonSchema:
        schema: JsonSchema = {
            "type": "integer",
            "minimum": self.minimum,
            "maximum": self.maximum,
            "description": self.description,
        }
        return self.with_examples(schema)


@dataclass(frozen=True, slots=True)
class DurationLimits:
    """The range a duration must fall in, with a noun for messages ("a breath hold")."""

    what: str
    minimum_ms: int
    maximum_ms: int
    zero_allowed: bool = False
    # A number alone is seconds: below this it is more likely minutes (`duration: 2` for a
    # rest), and a warning says so; 0: never.
    warn_bare_below_ms: int = 0
    # What to write instead of 0 (`{range}`: the allowed range), such as "or remove the
    # step"; empty: give it a length in the range.
    zero_hint: str = ""

    def check_ms(self, ms: int, node: Node, key_path: str, checker: Checker) -> int | Invalid:
        mistake = self.mistake(ms)
        if mistake is not None:
            return checker.report(node, key_path, *mistake)
        return ms

    def mistake(self, ms: int) -> tuple[str, str] | None:
        """What is wrong with `ms` for this, and what to write instead (message, hint);
        None when it is within the limits."""
        if ms == 0 and self.zero_allowed:
            return None
        if ms <= 0:
            hint = self.zero_hint or "give it a length from {range}"
            return f"{self.what} must last longer than zero", hint.format(range=self.range_text())
        if ms < self.minimum_ms:
            why = f"{format_duration(ms)} is too short for {self.what}"
        elif ms > self.maximum_ms:
            why = f"{format_duration(ms)} is too long for {self.what}"
        else:
            return None
        return why, f"the allowed range is {self.range_text()}"

    def range_text(self) -> str:
        low, high = format_duration(self.minimum_ms), format_duration(self.maximum_ms)
        return f"0 (none) or {low} to {high}" if self.zero_allowed else f"{low} to {high}"


_EXAMPLES = ", ".join(f"`{example}`" for example in DURATION_EXAMPLES)


_BARE_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?", re.ASCII)


class Duration(Spec):
    """A duration written as people write them, checked against `limits`."""

    def __init__(
        self, description: str, limits: DurationLimits, examples: tuple[str | int, ...] = ()
    ) -> None:
        self.description = description
        self.limits = limits
        self.examples = examples

    def check(self, node: Node, key_path: str, checker: Checker) -> int | Invalid:
        text = scalar_text(node, key_path, checker, "a duration")
        if text is None:
            return INVALID
        ms = parse_duration(text)
        if ms is None:
            positive = text[1:].strip()
            if text.startswith("-") and parse_duration(positive):
                return checker.report(
                    node,
                    key_path,
                    f"`{shortened(text)}` is less than zero: a length of time has no minus sign",
                    f"leave the minus out: `{shortened(positive)}`",
                )
            if text.startswith("-") and parse_duration(positive) == 0:
                return self.limits.check_ms(0, node, key_path, checker)
            if has_too_many_digits(text):
                return checker.report(
                    node,
                    key_path,
                    f"`{shortened(text)}` is longer than the limit for {self.limits.what}",
                    f"the allowed range is {self.limits.range_text()}",
                )
            mistake = explain_mistake(text)
            if mistake is not None:
                return checker.report(
                    node,
                    key_path,
                    f"`{shortened(text)}` is not a duration: {mistake.why}",
                    mistake.advice,
                )
            return checker.report(
                node, key_path, f"`{shortened(text)}` is not a duration", DURATION_FORMS
            )
        if _BARE_NUMBER_RE.fullmatch(text) and ms > 0 and self._minutes_fit(ms):
            minutes = f"for {text} minute{'' if text == '1' else 's'}, write `{text}m`"
            if ms < self.limits.minimum_ms:
                return checker.report(
                    node,
                    key_path,
                    f"{format_duration(ms)} is too short for {self.limits.what}",
                    f"a number alone is seconds: {minutes} "
                    f"(the allowed range is {self.limits.range_text()})",
                )
            if ms < self.limits.warn_bare_below_ms:
                checker.warn(
                    node,
                    key_path,
                    f"{self.limits.what} of {format_duration(ms)}: a number alone is seconds",
                    f"{minutes}, or `{text}s` to keep {format_duration(ms)}",
                )
        return self.limits.check_ms(ms, node, key_path, checker)

    def _minutes_fit(self, ms: int) -> bool:
        """Whether `ms`, read as minutes, is within the limits."""
        return self.limits.minimum_ms <= ms * 60 <= self.limits.maximum_ms

    def json_schema(self, builder: SchemaBuilder) -> JsonSchema:
        number: JsonSchema = {"type": "number", "maximum": self.limits.maximum_ms / 1000}
        if self.limits.zero_allowed:
            number["minimum"] = 0
        else:
            number["exclusiveMinimum"] = 0
        schema: JsonSchema = {
            "description": (
                f"{self.description} Seconds as a number, or text such as {_EXAMPLES}; "
                f"from {self.limits.range_text()}."
            ),
            "anyOf": [number, {"type": "string", "pattern": SCHEMA_PATTERN}],
        }
        return self.with_examples(schema)


class Choice(Spec):
    """One word from a fixed list; each option documented. Options that are members of a
    string enum (`Level.BEGINNER`) are what a check returns, so the model gets the enum."""

    def __init__(
        self,
        description: str,
        options: Mapping[str, str],
        *,
        synonyms: Mapping[str, str] | None = None,
    ) -> None:
        """`synonyms`: words people write for an option (`night` for `evening`), offered
        by meaning before any by spelling."""
        self.description = description
        self.options = dict(options)
        self.synonyms = dict(synonyms or {})
        self._declared = {str(option): option for option in self.options}

    def check(self, node: Node, key_path: str, checker: Checker) -> str | Invalid:
        text = scalar_text(node, key_path, checker, "one of " + self._listing())
        if text is None:
            return INVALID
        if text in self._declared:
            return self._declared[text]
        meant = self.synonyms.get(text.strip().lower())
        return checker.report(
            node,
            key_path,
            f"`{shortened(text)}` is not one of {self._listing()}",
            f"write `{meant}` ({self.options[meant]})"
            if meant is not None
            else later_word_hint(
                text, list(self.options), f"write one of them, such as `{next(iter(self.options))}`"
            ),
        )

    def _listing(self) -> str:
        return either([f"`{option}`" for option in self.options])

    def json_schema(self, builder: SchemaBuilder) -> JsonSchema:
        details = "; ".join(f"`{key}`: {text}" for key, text in self.options.items())
        return {
            "type": "string",
            "enum": list(self.options),
            "description": f"{self.description} {details}.",
            "enumDescriptions": list(self.options.values()),
        }


class ListOf(Spec):
    """A YAML list whose every item is checked by `item`."""

    def __init__(
        self,
        description: str,
        item: Spec,
        *,
        min_items: int,
        max_items: int,
        noun: str,
        unique: bool = False,
    ) -> None:
        self.description = description
        self.item = item
        self.min_items = min_items
        self.max_items = max_items
        self.noun = noun
        self.unique = unique

    def check(self, node: Node, key_path: str, checker: Checker) -> tuple[Any, ...] | Invalid:
        if not isinstance(node, SequenceNode):
            if isinstance(node, ScalarNode) and node.tag == NULL_TAG:
                return checker.report(
                    node,
                    key_path,
                    f"has no {self.noun}",
                    f"list at least {self.min_items} under it, each on a line starting with `- `",
                )
            listed = (
                [item.strip() for item in str(node.value).split(",")]
                if isinstance(node, ScalarNode) and "," in str(node.value)
                else []
            )
            return checker.report(
                node,
                key_path,
                f"must be a list, not {describe_node(node)}",
                f"write the items in brackets, `[{', '.join(listed)}]`, or each on its own line "
                "starting with `- `"
                if len(listed) > 1 and all(listed)
                else "write each item on its own line starting with `- `",
            )
        count = len(node.value)
        if count < self.min_items:
            return checker.report(
                node,
                key_path,
                f"has no {self.noun}"
                if count == 0
                else f"needs at least {self.min_items} {self.noun}, not {count}",
                f"list at least {self.min_items} under it, each on a line starting with `- `",
            )
        if count > self.max_items:
            return checker.report(
                node,
                key_path,
                f"has {count} {self.noun}, over the limit of {self.max_items}",
                f"keep {self.max_items} of them and remove the other {count - self.max_items}",
            )
        before = checker.count
        values = []
        seen: set[Any] = set()
        for index, item_node in enumerate(node.value):
            path = item_path(key_path, index)
            value = check_value(self.item, item_node, path, checker)
            if self.unique and value is not INVALID:
                if value in seen:
                    checker.report(
                        item_node, path, f"`{value}` is listed twice", "remove one of them"
                    )
                seen.add(value)
            values.append(value)
        return INVALID if checker.count > before else tuple(values)

    def json_schema(self, builder: SchemaBuilder) -> JsonSchema:
        schema: JsonSchema = {
            "type": "array",
            "description": self.description,
            "items": self.item.json_schema(builder),
            "minItems": self.min_items,
            "maxItems": self.max_items,
        }
        if self.unique:
            schema["uniqueItems"] = True
        return schema


def check_value(spec: Spec, node: Node, key_path: str, checker: Checker) -> Any:
    """`spec.check(node, ...)`, which first tells a value pasted from a word processor or
    a phone for what it is: one that `spec` refuses as written, that holds look-alike
    characters (`“4-4-4-4”`, `4–6`; see `lookalikes`), is reported for them, at the
    first of them, with the value as it was meant. Text that takes any character (a
    title with curly quotes, an en dash in an instruction) is left as it is.

    A value that is a key glued to its value (`- rest:Lie still`), where `spec` takes
    that key, is said to lack the space after its colon."""
    if not isinstance(node, ScalarNode) or node.tag == NULL_TAG:
        return spec.check(node, key_path, checker)
    # Most values have no colon and are plain ASCII: neither slower check applies.
    if ":" in node.value:
        glued = _glued_key(spec, node, checker)
        if glued is not None:
            return _report_glued(node, glued, key_path, checker)
    if not _has_lookalike(node):
        return spec.check(node, key_path, checker)
    if spec.check(node, key_path, Checker(checker.path, checker.folder)) is not INVALID:
        return spec.check(node, key_path, checker)
    text = str(node.value)
    index, what = describe(text)
    meant = plain(text)
    retyped = ScalarNode(STR_TAG, meant, node.start_mark, node.end_mark, style=node.style)
    trial = Checker(checker.path, checker.folder)
    if spec.check(retyped, key_path, trial) is INVALID:
        problem = trial.problems()[0]
        hint = f"{_retype_hint(text, meant)}; then {problem.message}"
        hint += f": {problem.hint}" if problem.hint else ""
    else:
        hint = f"{_retype_hint(text, meant)}: `{shortened(meant)}`"
    return report_at_character(node, index, key_path, f"`{shortened(text)}` {what}", hint, checker)


def _has_lookalike(node: ScalarNode) -> bool:
    text = node.value
    if text.isascii():  # every look-alike and curly quote is not: most text, at C speed
        return False
    return not LOOKALIKES.keys().isdisjoint(text) or in_curly_quotes(text)


def _retype_hint(text: str, meant: str) -> str:
    if in_curly_quotes(text) and plain(text[1:-1]) == text[1:-1]:
        return "leave the curly quotes out"
    characters = {character for character in text if character in LOOKALIKES}
    if len(characters) > 1:
        return "type those characters again on the keyboard"
    replacement = LOOKALIKES[characters.pop()]
    if not replacement:
        return "delete it"
    if replacement == " ":
        return "type an ordinary space instead"
    return f"type `{replacement}` instead" + (" (the minus key)" if replacement == "-" else "")


def report_at_character(
    node: Node, index: int, key_path: str, message: str, hint: str, checker: Checker
) -> Invalid:
    """Report at character `index` of a scalar's value, so the column points at it (a
    `+` in a pattern, a look-alike); at the scalar itself when it is written over
    several lines or with escapes, where no column of the file is that character."""
    start, end = node.start_mark, node.end_mark
    text = str(node.value)
    quotes = 0 if getattr(node, "style", None) in (None, "") else 1
    if start.line != end.line or end.column - start.column != len(text) + 2 * quotes:
        return checker.report(node, key_path, message, hint)
    column = start.column + 1 + quotes + index
    checker.add(Problem(checker.path, start.line + 1, column, key_path, message, hint))
    return INVALID


Model = TypeVar("Model")


def keywords(values: Mapping[str, Any], renamed: Mapping[str, str]) -> dict[str, Any]:
    """Checked values by the model's names for them: a key's own, or `renamed[key]`."""
    return {renamed.get(key, key): value for key, value in values.items()}


def by_keyword(
    model: Callable[..., Model], renamed: Mapping[str, str] | None = None
) -> Callable[[dict[str, Any], Location], Model]:
    """A `Record`'s build: `model` called with its checked values as keywords (see
    `keywords`) and `location`. A key left out takes the model's default, declared once."""
    names = dict(renamed or {})

    def build(values: dict[str, Any], where: Location) -> Model:
        return model(location=where, **(keywords(values, names) if names else values))

    return build


MissingExplainer = Callable[[MappingNode, str, Sequence[str], "Checker"], bool]
"""Says why a record's required keys (given in order) are missing when another value
shows it (`- rest: 30s`: the time written as the rest's words), reporting that instead of
"needs `duration`"; returns whether it did."""


@dataclass(frozen=True, slots=True)
class Field:
    spec: Spec
    required: bool = False


class Record(Spec):
    """A group of `key: value` lines with known keys.

    Unknown keys are errors with a did-you-mean hint; `key_hints` adds advice for keys that
    belong elsewhere. `one_of` lists groups of keys of which exactly one must be present;
    `dependent_required` maps a key to another key it is meaningless without.
    `build` turns the checked values into a model object; `located` maps a key to a
    further value given to it: the Location where that key's value is written; a `marked`
    record gives its model `marks`, where each of its keys' values is written (`Marks`);
    a `warned` one, a file's top level, its `warnings` (`Checker.warnings`).
    """

    def __init__(
        self,
        name: str,
        noun: str,
        description: str,
        fields: Mapping[str, Field],
        *,
        build: Callable[[dict[str, Any], Location], Any] | None = None,
        one_of: tuple[tuple[str, ...], ...] = (),
        dependent_required: Mapping[str, str] | None = None,
        key_hints: Mapping[str, str] | None = None,
        located: Mapping[str, str] | None = None,
        marked: bool = False,
        warned: bool = False,
        explain_missing: MissingExplainer | None = None,
    ) -> None:
        self.name = name
        self.noun = noun
        self.description = description
        self.fields = dict(fields)
        self.keys = tuple(self.fields)
        self.required = tuple(key for key, spec_field in self.fields.items() if spec_field.required)
        self.build = build
        self.one_of = one_of
        self.dependent_required = dict(dependent_required or {})
        self.key_hints = dict(key_hints or {})
        self.located = dict(located or {})
        self.marked = marked
        self.warned = warned
        self.explain_missing = explain_missing

    def check(self, node: Node, key_path: str, checker: Checker) -> Any:
        glued = _GLUED_KEY_RE.match(str(node.value)) if isinstance(node, ScalarNode) else None
        if glued is not None and glued.group(1) in self.fields:  # `step:none`, one word to YAML
            return _report_glued(node, glued, key_path, checker)
        if not isinstance(node, MappingNode):
            first = next((key for key, field in self.fields.items() if field.required), "title")
            return checker.report(
                node,
                key_path or "(document)",
                f"must be {self.noun} written as `key: value` lines, not {describe_node(node)}",
                f"write each key on its own line, such as `{first}: ...`",
            )
        before = checker.count
        values: dict[str, Any] = {}
        marks: list[tuple[str, Location]] = []
        seen_at: dict[str, int] = {}
        prefix = f"{key_path}." if key_path else ""
        strays = _StrayKeys(self, node, checker)
        for key_node, value_node in node.value:
            if (
                not isinstance(key_node, ScalarNode)
                or key_node.tag == NULL_TAG
                or not key_node.value.strip()
            ):
                checker.report(
                    key_node,
                    key_path or "(document)",
                    f"{describe_node(key_node)} cannot be a key",
                    "keys are plain words such as `title`",
                )
                continue
            key = key_node.value
            child_path = prefix + shown(key)
            if key in seen_at:
                checker.report(
                    key_node,
                    child_path,
                    f"`{shortened(key)}` is written twice; the first is on line {seen_at[key]}",
                    "keep one of them",
                )
                continue
            seen_at[key] = key_node.start_mark.line + 1
            spec_field = self.fields.get(key)
            if spec_field is None and (owner := strays.owner(key_node)) is not None:
                checker.report(
                    key_node,
                    child_path,
                    f"`{shortened(key)}` is a key of the `{owner.key}` above, but it is not "
                    f"indented under `{owner.key}`",
                    f"indent it under `{owner.key}`: start it in column {owner.column}, "
                    f"like `{owner.first_key}`",
                )
                continue
            if spec_field is None:
                checker.report(
                    key_node,
                    child_path,
                    f"`{shortened(key)}` is not a key of {self.noun}",
                    partial(self._unknown_key_hint, key),
                )
                continue
            if strays.extended:
                value_node = strays.with_strays(value_node)
            values[key] = check_value(spec_field.spec, value_node, child_path, checker)
            if key in self.located or self.marked:
                where = checker.location(value_node, child_path)
                if key in self.located:
                    values[self.located[key]] = where
                if self.marked:
                    marks.append((key, where))
        # Keys written with look-alike characters, as meant (`tіtle` with a Cyrillic і):
        # said at the key they stand for. Worked out once per mapping, not once per field
        # (that was a fifth of validating a routine); a key of the spec is plain already.
        pasted_keys = (
            {plain(written) for written in seen_at if written not in self.fields}
            if strays.unknown
            else set()
        )
        missing = [
            key for key in self.required if key not in seen_at and key not in pasted_keys
        ] + [key for group in self.one_of if seen_at.keys().isdisjoint(group) for key in group]
        explain = self.explain_missing
        explained = (
            bool(missing) and explain is not None and explain(node, key_path, missing, checker)
        )
        for key in self.required:
            pasted = key in pasted_keys  # said at its key
            if key not in seen_at and not pasted and not explained:
                checker.report(
                    node,
                    key_path or "(document)",
                    f"{self.noun} needs `{key}`",
                    f"add `{key}:` ({_lower_first(self.fields[key].spec.description.rstrip('.'))})",
                )
        for group in self.one_of:
            present = [key for key in group if key in seen_at]
            if len(present) != 1 and not (explained and not present):
                listing = " or ".join(f"`{key}`" for key in group)
                if not present:
                    message, hint = f"{self.noun} needs {listing}", self._one_of_hint(group)
                    checker.report(node, key_path or "(document)", message, hint)
                    continue
                later = max(present, key=lambda key: seen_at[key])  # at the key written last
                others = " and ".join(f"`{key}:`" for key in present if key != later)
                checker.report(
                    next(k for k, _ in node.value if getattr(k, "value", None) == later),
                    prefix + later,
                    f"{self.noun} takes {listing}, not both",
                    f"keep one of them: remove `{later}:` or {others}",
                )
        for key, needed in self.dependent_required.items():
            if key in seen_at and needed not in seen_at:
                key_node = next(k for k, _ in node.value if getattr(k, "value", None) == key)
                checker.report(
                    key_node,
                    prefix + key,
                    f"`{key}` only applies together with `{needed}`",
                    f"add `{needed}:`, or remove `{key}:`",
                )
        if checker.count > before:
            return INVALID
        if self.marked:
            values["marks"] = Marks(tuple(marks))
        if self.warned:  # the whole document's: this is its top level
            values["warnings"] = tuple(sorted(checker.warnings, key=_at))
        if self.build is None:
            return values
        return self.build(values, checker.location(node, key_path))

    def _one_of_hint(self, group: tuple[str, ...]) -> str:
        """`add one of them`, each key with an example and what it means: `cycles: 10`
        (how many breaths) or `duration: 3m` (about how long to breathe). The example is
        the spec's own, else the first one its description quotes."""
        shown = []
        for key in group:
            spec = self.fields[key].spec
            described = spec.description
            quoted = _QUOTED_RE.search(described)
            example = spec.examples[0] if spec.examples else quoted[1] if quoted else None
            meaning = _lower_first(re.split(r"[;:]", described)[0].rstrip("."))
            written = f"`{key}: {example}`" if example is not None else f"`{key}:`"
            shown.append(f"{written} ({meaning})")
        return "add one of them: " + " or ".join(shown)

    def _unknown_key_hint(self, key: str) -> str:
        meant = plain(key)
        if meant != key and meant in self.fields:  # `hold–empty`, pasted with an en dash
            return f"it {describe(key)[1]}: write `{meant}`"
        return (
            self.key_hints.get(key)
            or did_you_mean(key, self.keys)
            or f"the keys are {', '.join(f'`{k}`' for k in self.keys)}"
        )

    def json_schema(self, builder: SchemaBuilder) -> JsonSchema:
        return builder.ref(self.name, lambda: self.schema_body(builder))

    def schema_body(self, builder: SchemaBuilder) -> JsonSchema:
        schema: JsonSchema = {
            "type": "object",
            "description": self.description,
            "properties": {
                key: spec_field.spec.json_schema(builder) for key, spec_field in self.fields.items()
            },
            "additionalProperties": False,
        }
        required = [key for key, spec_field in self.fields.items() if spec_field.required]
        if required:
            schema["required"] = required
        if self.dependent_required:
            schema["dependentRequired"] = {
                key: [needed] for key, needed in self.dependent_required.items()
            }
        if self.one_of:
            schema["allOf"] = [
                {"oneOf": [{"required": [key]} for key in group]} for group in self.one_of
            ]
        return schema


_GLUED_KEY_RE = re.compile(r"([A-Za-z][\w-]*):([^\s/].*)", re.DOTALL)


def _glued_key(spec: Spec, node: Node, checker: Checker) -> re.Match[str] | None:
    """`rest:Lie still` where `spec` takes a `rest` key and refuses the text: one word
    to YAML, a key and its value to the person who typed it."""
    if not isinstance(node, ScalarNode) or node.tag == NULL_TAG or isinstance(spec, Record):
        return None
    glued = _GLUED_KEY_RE.match(str(node.value))
    if glued is None or spec.check(node, "", Checker(checker.path, checker.folder)) is not INVALID:
        return None
    builder = SchemaBuilder()
    schema = [spec.json_schema(builder), builder.defs]
    return glued if glued.group(1) in set(property_names(schema)) else None


def property_names(schema: object) -> Iterator[str]:
    """Every key a JSON Schema names in its `properties`, at any depth."""
    if isinstance(schema, dict):
        properties = schema.get("properties")
        if isinstance(properties, dict):
            yield from properties
        for value in schema.values():
            yield from property_names(value)
    elif isinstance(schema, list):
        for value in schema:
            yield from property_names(value)


def _report_glued(node: Node, glued: re.Match[str], key_path: str, checker: Checker) -> Invalid:
    key, value = glued.groups()
    return report_at_character(
        node,
        len(key) + 1,
        f"{key_path}.{key}" if key_path else key,
        f"`{shortened(glued.group())}` has no space after its colon, so YAML reads it as one "
        "word, not as a key and its value",
        f"put a space after the colon: `{key}: {value}`",
        checker,
    )


@dataclass(frozen=True, slots=True)
class _Owner:
    """A key whose value is a group of `key: value` lines (`pattern:` and its phases)."""

    key: str
    value: MappingNode
    spec: Spec

    @property
    def column(self) -> int:
        return int(self.value.value[0][0].start_mark.column) + 1

    @property
    def first_key(self) -> str:
        return str(self.value.value[0][0].value)


class _StrayKeys:
    """Keys of a group written one level too far left: a pattern's `exhale:` lined up
    with `pattern:` instead of under it. A key this group does not have, that the group
    of a key above it takes (it checks no worse with the key added), belongs there: it
    is said so, and the group is checked with it, so that it is not also said to miss it.
    Worked out only for a group with a key it does not have."""

    def __init__(self, record: Record, node: MappingNode, checker: Checker) -> None:
        self.owners: dict[int, _Owner] = {}  # by the id of a stray key's node
        self.extended: dict[int, MappingNode] = {}  # by the id of an owner's value node
        # Whether any key is not one of the record's (or no plain word): only then is
        # anything here, or a key written with look-alike characters, worth looking for.
        self.unknown = False
        for key_node, _ in node.value:  # a loop, not all(): one per mapping of every file
            if not isinstance(key_node, ScalarNode) or key_node.value not in record.fields:
                self.unknown = True
                break
        if not self.unknown:
            return
        owners: list[_Owner] = []
        for key_node, value_node in node.value:
            key = getattr(key_node, "value", None)
            if not isinstance(key, str) or not isinstance(key_node, ScalarNode):
                continue
            spec_field = record.fields.get(key)
            if spec_field is not None:
                if isinstance(value_node, MappingNode) and value_node.value:
                    owners.append(_Owner(key, value_node, spec_field.spec))
                continue
            for owner in reversed(owners):
                group = self.extended.get(id(owner.value), owner.value)
                if any(getattr(k, "value", None) == key for k, _ in group.value):
                    continue
                wider = MappingNode(
                    group.tag, [*group.value, (key_node, value_node)], group.start_mark
                )
                if _trial(owner.spec, wider, checker) <= _trial(owner.spec, group, checker):
                    self.owners[id(key_node)] = owner
                    self.extended[id(owner.value)] = wider
                    break

    def owner(self, key_node: Node) -> _Owner | None:
        return self.owners.get(id(key_node))

    def with_strays(self, value_node: Node) -> Node:
        return self.extended.get(id(value_node), value_node)


def _trial(spec: Spec, node: Node, checker: Checker) -> int:
    """How many problems `spec` finds in `node`, found aside (none is reported)."""
    trial = Checker(checker.path, checker.folder)
    spec.check(node, "", trial)
    return trial.count


class FormatVersion(Spec):
    """The `format:` number of a file: exactly `version`, or a problem saying which format
    this breathe reads. `document` names the kind of file (routine, program)."""

    def __init__(self, version: int, document: str, *, named: bool = False) -> None:
        self.version = version
        # "reads program format 1" names the kind; routines say just "reads format 1".
        self.reads = f"{document} format" if named else "format"
        self.description = (
            f"The version of the {document} format this file is written in. This version "
            f"of breathe reads format {version}."
        )

    def check(self, node: Node, key_path: str, checker: Checker) -> int | Invalid:
        text = scalar_text(node, key_path, checker, "a format number")
        if text is None:
            return INVALID
        if text != str(self.version):
            return checker.report(
                node,
                key_path,
                f"this file is written in format `{shortened(text)}`; this breathe reads "
                f"{self.reads} {self.version}",
                f"a newer breathe may read it: upgrade breathe, or write `format: {self.version}`",
            )
        return self.version

    def json_schema(self, builder: SchemaBuilder) -> JsonSchema:
        return {"const": self.version, "description": self.description}
