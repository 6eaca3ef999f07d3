"""The TOML scanner: where each key and value of a document is written, and, in a document
tomllib refuses, the first fault located and named (never tomllib's words read back)."""

from __future__ import annotations

import random
import tomllib

import pytest

from breathe.format.toml_source import scan


def places(text: str) -> list[tuple[str, str, str, str]]:
    """Each entry: its kind, name, key's and value's line:column, and value as written."""
    layout = scan(text, "f.toml")
    assert layout.fault is None
    return [
        (
            f"{entry.kind} {entry.key.key_path}",
            f"{entry.key.line}:{entry.key.column}",
            f"{entry.value.line}:{entry.value.column}",
            entry.written,
        )
        for entry in layout.entries
    ]


def test_every_key_and_value_is_located() -> None:
    text = (
        "# settings\n"
        "  volume   =  80  # loud\n"
        'text = """two\n'
        'lines"""\n'
        "\"quoted \\u0041\" = 'x'\n"
        "a . b = [1,\n"
        "  2]\n"
        "[ audio ]\n"
        "x = {y = 1}\n"
        "[[list]]\n"
    )
    assert places(text) == [
        ("value volume", "2:3", "2:15", "80"),
        ("value text", "3:1", "3:8", '"""two\nlines"""'),
        ("value quoted A", "5:1", "5:19", "'x'"),  # the key as it reads, escapes decoded
        ("value a.b", "6:1", "6:9", "[1,\n  2]"),
        ("table audio", "8:3", "8:3", ""),
        ("value x", "9:1", "9:5", "{y = 1}"),
        ("array list", "10:3", "10:3", ""),
    ]


def test_decimal_whole_numbers_are_listed_as_written() -> None:
    layout = scan("a = [1_000, 0x10, 2.5, -7]\nb = 1e3\nc = 3 # 4\n", "f")
    written = [(n.text, n.digits, n.at.line, n.at.column) for n in layout.integers]
    assert written == [("1_000", 4, 1, 6), ("-7", 1, 1, 24), ("3", 1, 3, 5)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("volume = 3\nsound = bell", "2:9: (syntax): invalid value"),
        ("volume = ", "1:10: (syntax): invalid value"),
        ("volume 3", "1:8: (syntax): expected '=' after a key in a key/value pair"),
        ("volume = 80 90", "1:13: (syntax): expected newline or end of document after a statement"),
        ("= 3", "1:1: (syntax): invalid statement"),
        ("a.= 3", "1:3: (syntax): invalid initial character for a key part"),
        ("[audio\nx = 1", "1:7: (syntax): expected ']' at the end of a table declaration"),
        ("[[audio]\n", "1:8: (syntax): expected ']]' at the end of an array declaration"),
        ("x = [1, 2\ny = 3", "2:1: (syntax): unclosed array"),
        ("x = {a = 1\n}", "1:11: (syntax): unclosed inline table"),
        ('sound = "bell\nx = 1', "1:14: (syntax): unterminated string"),
        ("sound = 'bell", "1:14: (syntax): unterminated string"),
        ('x = 1\nsound = """bell\n\n', "2:9: (syntax): unterminated string"),  # where it opens
        ('sound = "a\\qb"', "1:11: (syntax): unescaped '\\' in a string"),
        ('sound = "\\u12"', "1:10: (syntax): invalid hex value"),
        ('sound = "\\uD800"', "1:10: (syntax): escaped character is not a Unicode scalar value"),
        ('sound = "a\x1bb"', "1:11: (syntax): illegal character U+001B"),
        ("# a \x07 bell\nx = 1", "1:5: (syntax): illegal character U+0007"),
        ("day = 2024-02-30", "1:7: (syntax): invalid date or datetime"),
        # Keys and tables given twice: named as the file writes them.
        ("v = 3\nv = 4", "2:1: v: `v` is written twice; the first is on line 1; keep one of them"),
        (
            "a.b = 1\na.b = 2",
            "2:1: a.b: `a.b` is written twice; the first is on line 1; keep one of them",
        ),
        (
            "x = 1\nx.y = 2",
            "2:1: x: `x` is written twice; the first is on line 1; keep one of them",
        ),
        ("[x]\n[x]", "2:2: x: the table [x] is written twice; the first is on line 1; keep one"),
        ("x = 1\n[x]", "2:2: x: the table [x] repeats `x` of line 1; keep one"),
        ("x = [1]\n[[x]]", "2:3: x: the table [[x]] repeats `x` of line 1; keep one"),
        ("a = 1\n[a.b]", "2:2: a.b: the table [a.b] repeats `a` of line 1; keep one"),
        ("[[x]]\n[x]", "2:3: x: `x` is written twice; keep one"),
        (
            "[a.b]\n[a]\nb.c = 1",
            "3:1: a.b: `b` repeats the table [a.b] of line 1; keep one of them",
        ),
        ("x = {a = 1, a = 2}", "1:18: a: `a` is written twice in one { } table; keep one"),
    ],
)
def test_a_fault_is_located_and_named(text: str, expected: str) -> None:
    with pytest.raises(tomllib.TOMLDecodeError):
        tomllib.loads(text)
    assert str(scan(text, "f.toml").fault) == f"f.toml:{expected}"


VALID = [
    'volume = 80\nsound = "bell"  # x\neyes_closed = true\ntempo = 0.75\n',
    '[a]\nb.c = 1\n"q k" = \'lit\'\n[[arr]]\nx = [1, 2,\n 3, # c\n]\ny = {p = 1, q.r = "s"}\n',
    "s = \"\"\"multi\\\n  line\"\"\"\nt = '''lit\nml''''\nd = 1979-05-27T07:32:00Z\n"
    "lt = 07:32:00\nf = -inf\nh = 0xDEAD_beef\n",
    "[[a]]\nb = 1\n[a.c]\nd = 2\n[[a]]\nb = 2\n[[a.e]]\nf.g = {h = [1], i = {j = 2}}\n"
    "[k.l]\n[k]\nm.n = 1\nm.o = 2\n",
    "p = {q = 1, r.s = 2, r.t = 3}\n[u]\nv = [[1], {w = 1}]\n[u.x]\n[[y]]\n[[y.z]]\n[[y]]\n",
    'x = 1e10\r\ny = +1_000\nz = "\\u00e9\\t"\n[x2.y2]\n[x2]\nk = 1\n',
]


def test_the_scan_finds_a_fault_exactly_where_tomllib_refuses_a_document() -> None:
    """Thousands of small edits of valid documents: the scan says "no fault" of each that
    tomllib reads, and finds one in each that it refuses."""
    pieces = [*"=[]{}\"'#.,\n \\tfx1_-:+eabz", "\x01", '"""', "'''", "\r"]
    chosen = random.Random(13)
    for _ in range(2000):
        text = chosen.choice(VALID)
        for _ in range(chosen.randint(1, 3)):
            at = chosen.randrange(len(text) + 1)
            if chosen.random() < 0.5:
                text = text[:at] + text[at + 1 :]
            else:
                text = text[:at] + chosen.choice(pieces) + text[at:]
        try:
            tomllib.loads(text)
        except tomllib.TOMLDecodeError:
            assert scan(text, "f").fault is not None, text
        else:
            assert scan(text, "f").fault is None, text
