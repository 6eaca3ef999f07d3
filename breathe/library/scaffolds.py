"""Starting points for new routines: commented, valid files an author fills in.

`breathe new` writes one of these (or a copy of an existing routine under a new title).
Every file starts with the editor's schema line. The schema it names sits next to the
routine as `routine.schema.json` (breathe writes it there and refreshes it when breathe
changes), so the relative reference works in any folder, in an exported bundle and after
the folder is copied elsewhere; only the repository's own `routines/` folder points at the
committed schema instead.
"""

from __future__ import annotations

import json
import os
import re
import shlex
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, ScalarNode

from breathe.core.model import Feel, Level
from breathe.core.words import either
from breathe.format.loader import ROUTINE_SUFFIXES
from breathe.format.nesting import LINE_BREAK_RE
from breathe.format.routine_spec import (
    MAX_NAME_LENGTH,
    MAX_TITLE_LENGTH,
    NAME_PATTERN,
    SAY_KEY,
)
from breathe.format.spec import shown
from breathe.format.yaml_source import read_yaml

KINDS = ("mixed", "breathing", "poses")
SCHEMA_FILE_NAME = "routine.schema.json"
SCHEMA_LINE_PREFIX = "# yaml-language-server: $schema="
_PLAIN_TITLE_RE = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ,.'()_/-]*")


def name_problem(name: str) -> str | None:
    """Why `name` cannot name a routine file, or None when it can."""
    if not name:
        return "a routine needs a name"
    if len(name) > MAX_NAME_LENGTH:
        return (
            f"`{shown(name)}` is {len(name)} characters long; a name has at most {MAX_NAME_LENGTH}"
        )
    if not re.fullmatch(NAME_PATTERN, name) or name != name.strip():
        return (
            f"`{shown(name)}` cannot be a routine's name: use letters (without accents), digits, "
            "spaces, `-`, `_` and `.`, starting with a letter or a digit"
        )
    return None


def split_name(given: str) -> str:
    """`evening.yaml` and `evening` both name the routine `evening`."""
    for suffix in ROUTINE_SUFFIXES:
        if given.endswith(suffix) and len(given) > len(suffix):
            return given.removesuffix(suffix)
    return given


def title_from_name(name: str) -> str:
    """`evening-wind_down` reads as `Evening wind down`."""
    words = re.sub(r"[-_]+", " ", name).strip()
    words = re.sub(r"\s+", " ", words)
    return (words[:1].upper() + words[1:])[:MAX_TITLE_LENGTH] or name


def yaml_text(value: str) -> str:
    """`value` as a YAML scalar that reads back as exactly that text.

    breathe reads every value as text, but editors and other YAML tools read `yes` or
    `1:30` as a boolean or a number: those are quoted too.
    """
    if _PLAIN_TITLE_RE.fullmatch(value) and value == value.strip():
        try:
            if yaml.safe_load(value) == value:
                return value
        except yaml.YAMLError:
            pass
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a YAML double-quoted one


def schema_reference(folder: Path) -> str:
    """What a routine in `folder` writes after `$schema=`."""
    from breathe.format.schema import SCHEMA_PATH  # not for `breathe --help` or the app

    committed = SCHEMA_PATH.parent.parent.parent / "routines"
    if folder.resolve() == committed.resolve() and SCHEMA_PATH.is_file():
        return os.path.relpath(SCHEMA_PATH, folder.resolve()).replace(os.sep, "/")
    return SCHEMA_FILE_NAME


def schema_file_to_write(folder: Path) -> Path | None:
    """The schema copy a routine in `folder` relies on, when it is missing or out of date."""
    if schema_reference(folder) != SCHEMA_FILE_NAME:
        return None
    from breathe.format.schema import routine_json_schema_text

    target = folder / SCHEMA_FILE_NAME
    try:
        if target.read_text(encoding="utf-8") == routine_json_schema_text():
            return None
    except (OSError, UnicodeDecodeError):
        pass
    return target


def with_schema_line(text: str, reference: str) -> str:
    """`text` whose first line is the schema line for `reference` (replaced or added)."""
    line = f"{SCHEMA_LINE_PREFIX}{reference}"
    first, newline, rest = text.partition("\n")
    if first.rstrip("\r").startswith("# yaml-language-server:"):
        return line + newline + rest
    return f"{line}\n{text}"


def retitled(data: bytes, shown_path: str, title: str) -> str:
    """The routine file `data`, comments and all, with its top-level `title` set to `title`.

    Raises RoutineFileError when `data` is not YAML breathe reads.
    """
    node = read_yaml(data, shown_path)
    text = data.decode("utf-8").removeprefix("\ufeff")
    if not isinstance(node, MappingNode):
        raise ValueError("a routine file holds a mapping")
    for key, value in node.value:
        if isinstance(key, ScalarNode) and key.value == "title":
            starts = [0] + [match.end() for match in LINE_BREAK_RE.finditer(text)]
            start = starts[value.start_mark.line] + value.start_mark.column
            end = starts[value.end_mark.line] + value.end_mark.column
            new = yaml_text(title)
            if isinstance(value, ScalarNode) and value.style in (">", "|"):
                new += "\n"  # a block scalar took its line break with it
            return text[:start] + new + text[end:]
    raise ValueError("the routine has no title")  # a routine that loaded has one


_HEAD = """\
{schema_line}
# A breathe routine: plain text, one `key: value` per line. Everything after a `#` is a
# comment for people; breathe skips it. Indent with spaces, never tabs.
# Check it:  breathe validate {file_name}
# Try it:    breathe play {file_name} --watch   (reloads each time you save)
# Every key and limit: breathe docs routines; a tutorial: breathe docs writing-routines
format: 1
title: {title}
description: >                  # what it is for and how it feels; mention its length
  {description}
tags: [{tags}]
level: beginner                 # {levels}
feel: {feel}# {feels}
# author: Your name             # remove the `#` at the start to use this line
safety: >                       # shown before it starts: who should take care, when to stop
  {safety}

steps:                          # in order; each step starts with `- ` and its kind
"""

_STEPS = {
    "mixed": """\
  - rest: Sit comfortably         # a rest: a few words, shown for a while
    duration: 20s                 # 20s, 1m, 1m30s, 1:30...
    instructions: Let the shoulders drop and the breath find its own pace.

  - breathe: Slow breathing       # a breathing step, and the name shown for it
    pattern: 4-6                  # in 4 seconds, out 6 (4-7-8 adds a hold)
    duration: 2m                  # rounded to whole breaths: 12 of 10s here
    instructions: In through the nose, out softly through the nose or mouth.

  - pose: Seated twist            # a pose, and its name
    hold: 30s                     # on each side
    sides: both                   # left, a 10s switch, then right
    breathing: 4-6                # the breath to follow while holding
    instructions: Grow tall as you breathe in; turn a little as you breathe out.

  - rest: Lie still
    duration: 1m
""",
    "breathing": """\
  - rest: Sit comfortably         # a rest: a few words, shown for a while
    duration: 20s                 # 20s, 1m, 1m30s, 1:30...

  - breathe: Even breath          # a breathing step, and the name shown for it
    pattern: 4-4                  # in 4 seconds, out 4
    cycles: 6                     # exactly 6 breaths (or `duration:`, not both)
    instructions: In and out through the nose, without effort.

  - breathe: Lengthen the exhale
    pattern:
      from: 4-4                   # the first breath...
      to: 4-6                     # ...to the last, changing evenly
    duration: 2m                  # rounded to whole breaths

  - breathe: Rest at the bottom
    pattern:                      # phase by phase: inhale, hold, exhale, hold-empty
      inhale: 4
      exhale: 6
      hold-empty: 2               # a short, easy pause with empty lungs
    cycles: 5

  - rest: Breathe freely
    duration: 30s
""",
    "poses": """\
  - rest: Come to your mat        # a rest: a few words, shown for a while
    duration: 20s                 # 20s, 1m, 1m30s, 1:30...

  - pose: Low lunge               # a pose, and its name
    hold: 45s                     # on each side
    sides: both                   # left, then right (or [right, left], left, right)
    switch: 15s                   # time to change sides (10s if left out)
    instructions: Back knee down; let the hips sink forward.

  - pose: Child's pose
    hold: 1m                      # no sides: held once
    breathing: 4-6                # a breath to follow: the hold becomes whole breaths
    instructions: Knees wide, forehead down, arms resting.

  - rest: Lie still
    duration: 1m
""",
}

_FACTS = {
    "mixed": (
        "breathing, yoga",
        Feel.CALMING,
        "A few quiet minutes of breathing and a gentle twist.",
    ),
    "breathing": ("breathing", Feel.CALMING, "Slow, even breathing that lengthens the out-breath."),
    "poses": ("yoga", Feel.BALANCING, "A lunge on each side and a resting pose."),
}


def _say_line() -> str:
    """The first step's commented `say:` line: remove the `#` and the step starts silent."""
    line = f"    # {SAY_KEY}: none"
    return f"{line:<34}# the voice's words as it starts: your own, a .wav file, or none\n"


def scaffold(kind: str, title: str, *, schema_ref: str, file_name: str) -> str:
    """A valid, commented routine of `kind` (`mixed`, `breathing` or `poses`)."""
    tags, feel, description = _FACTS[kind]
    head = _HEAD.format(
        schema_line=f"{SCHEMA_LINE_PREFIX}{schema_ref}",
        file_name=shlex.quote(file_name),  # the commands paste whole: `'Morning Flow.yaml'`
        title=yaml_text(title),
        description=f"{description}\n  (Replace this with your own words.)",
        tags=tags,
        feel=f"{feel:<26}",
        levels=either(list(Level)),
        feels=either(list(Feel)),
        safety="Breathe without straining. If you feel dizzy or unwell, stop and breathe normally.",
    )
    first, others = _STEPS[kind].split("\n\n", 1)
    return f"{head}{first}\n{_say_line()}\n{others}"
