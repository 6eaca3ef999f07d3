"""The duration grammar is written once: the JSON Schema pattern editors use accepts
exactly the texts `parse_duration` reads (numbers within MAX_DIGITS digits), but for a
blank text, which the pattern lets through (a routine file's check says it has no value)."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from breathe.core.durations import (
    DURATION_EXAMPLES,
    DURATION_FORMS,
    MAX_DIGITS,
    SCHEMA_PATTERN,
    UNITS,
    parse_duration,
)

# JSON Schema reads `\d` and `\s` as ASCII here, for the texts below, as `re.ASCII` does.
SCHEMA_RE = re.compile(SCHEMA_PATTERN, re.ASCII)

WRITTEN = [
    "90", "1.5", "90s", "2m", "1m30s", "1.5s", "2 min", "1h", "1h30", "1h 15m", "1:30",
    "1:02:03", " 4 ", "1:60", "1.", ".5", "-1s", "1 m 30 s", "1hr2mins3secs", "", "  ",
    "h", "s", "1x", "1:2:3", "1h30m15", f"{'9' * MAX_DIGITS}s", f"{'9' * (MAX_DIGITS + 1)}s",
    "2 hours 1 minute", "1M", "1e3",
]  # fmt: skip


def accepted_by_schema(text: str) -> bool:
    return SCHEMA_RE.search(text) is not None and bool(text.strip())


@pytest.mark.parametrize("text", WRITTEN)
def test_the_schema_accepts_what_parse_duration_reads(text: str) -> None:
    assert accepted_by_schema(text) == (parse_duration(text) is not None), text


PIECES = st.sampled_from(
    [
        "1",
        "15",
        "0.5",
        "2.25",
        ":",
        " ",
        ".",
        "-",
        *[word for _, words, _ in UNITS for word in words],
    ]
)


@given(st.lists(PIECES, max_size=7).map("".join))
def test_the_schema_and_the_parser_agree_on_any_text_of_the_grammar_s_pieces(text: str) -> None:
    assert accepted_by_schema(text) == (parse_duration(text) is not None), text


def test_every_example_of_the_forms_reads_as_a_duration() -> None:
    for example in DURATION_EXAMPLES:
        assert f"`{example}`" in DURATION_FORMS
        assert parse_duration(example) is not None


def test_each_unit_word_means_its_unit() -> None:
    for _, words, unit_ms in UNITS:
        for word in words:
            assert parse_duration(f"2{word}") == 2 * unit_ms, word
