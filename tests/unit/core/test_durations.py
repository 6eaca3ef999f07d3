"""The duration grammar is written once: the JSON Schema pattern editors use accepts
exactly the texts `parse_duration` reads (numbers within MAX_DIGITS digits), but for a
blank text, which the pattern lets through (a routine file's check says it has no value)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from breathe.core.durations import (
    DURATION_EXAMPLES,
    DURATION_FORMS,
    MAX_DIGITS,
    SCHEMA_PATTERN,
    UNITS,
    DurationMistake,
    explain_mistake,
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


# -- a text that is no duration: what is wrong with it, and what was meant ---------------------

DOCS = Path(__file__).resolve().parents[3] / "docs" / "routines.md"


def why_not_rows() -> list[tuple[str, str]]:
    """docs/routines.md's "Why not" table: each text written, and the value its reason
    gives as corrected (its last `code`), for the rows that give one."""
    lines = DOCS.read_text(encoding="utf-8").splitlines()
    start = next(i for i, line in enumerate(lines) if line.startswith("| You write | Why not"))
    rows = []
    for line in lines[start + 2 :]:
        if not line.startswith("|"):
            break
        written, why, _held = (cell.strip() for cell in line.strip("|").split(" | "))
        corrected = re.findall(r"`([^`]+)`", why)
        if corrected:
            rows.append((written.strip("`"), corrected[-1]))
    return rows


@pytest.mark.parametrize(("written", "corrected"), why_not_rows())
def test_each_mistake_the_docs_list_is_explained_with_the_corrected_value(
    written: str, corrected: str
) -> None:
    assert parse_duration(written) is None
    mistake = explain_mistake(written)
    assert mistake is not None, written
    assert f"`{corrected}`" in mistake.advice
    assert parse_duration(corrected) is not None


@pytest.mark.parametrize(
    ("written", "why", "advice"),
    [
        ("1,5m", "a comma stands for the decimal point", "use a point: `1.5m`"),
        ("6,5s", "a comma stands for the decimal point", "use a point: `6.5s`"),
        ("ten", "`ten` is a word for a number", "write it in digits: `10`"),
        ("five minutes", "`five` is a word for a number", "write it in digits: `5 minutes`"),
        ("a minute", "`a` is a word for one", "write it in digits: `1 minute`"),
        ("1:75", "a clock's seconds go up to 59 (75 seconds is 1:15)", "write `2:15`"),
        ("1:05:75", "a clock's seconds go up to 59 (75 seconds is 1:15)", "write `1:06:15`"),
        ("1 1/2 min", "a fraction is not read as a number", "write it as a decimal: `1.5 min`"),
        ("2½m", "a fraction is not read as a number", "write it as a decimal: `2.5m`"),
        ("5 minuts", "`minuts` is not a unit", "did you mean `5 minutes`?"),
        ("30 secnds", "`secnds` is not a unit", "did you mean `30 seconds`?"),
        ("2M", "units are written in lower case", "write `2m`"),
        ("3 Min", "units are written in lower case", "write `3 min`"),
        (
            "2'30\"",
            "`'` and `\"` are marks for feet and inches",
            "write minutes as `m` and seconds as `s`: `2m30s`",
        ),
        ('45"', '`"` is a mark for inches', "write minutes as `m` and seconds as `s`: `45s`"),
        ("5'", "`'` is a mark for feet", "write minutes as `m` and seconds as `s`: `5m`"),
        ("about 5m", "`about` is not needed", "write `5m`"),
        (
            "2m each side",
            "`each side` is not needed (a pose's hold is for each side)",
            "write `2m`",
        ),
        ("5 min.", "a unit is written without a full stop", "write `5 min`"),
        (
            "1 minute and 30 seconds",
            "the parts are written without `and` or commas",
            "write `1 minute 30 seconds`",
        ),
        ("5-10m", "a duration is one length, not a range", "choose one, such as `5m`"),
        (
            "2 Minuts",
            "units are written in lower case, and `minuts` is not a unit",
            "write `2 minutes`",
        ),
    ],
)
def test_a_mistake_is_named_and_put_right(written: str, why: str, advice: str) -> None:
    assert explain_mistake(written) == DurationMistake(why, advice)


@pytest.mark.parametrize("written", ["abc", "5x", "1e3", "0x10", "2m 3m", "1.5.3", "2 1/3 min"])
def test_a_text_breathe_cannot_read_a_meaning_into_gets_no_explanation(written: str) -> None:
    assert explain_mistake(written) is None


@given(st.text(max_size=20))
def test_a_correction_is_always_a_duration(text: str) -> None:
    mistake = explain_mistake(text)
    if mistake is not None:
        corrected = re.findall(r"`([^`]+)`", mistake.advice)[-1]
        assert parse_duration(corrected) is not None, (text, mistake)
