"""How deep a YAML text nests, measured by breathe itself before a parser reads it.

Parsers have nesting limits of their own, and they look ahead: libyaml (in PyYAML 6.0.4's
wheels) reads up to 1,024 characters past a possible key, and refuses the 1,000th level of
brackets it meets there, before the parser has handed over the 33rd level that breathe
refuses. So where the 33rd level is, and that it is reported as such, must not depend on
the parser: this scan finds it in the text.

It follows YAML's structure: block collections by indentation, `- ` and `? ` entries and
`key:` lines, compact ones too (`- - a`, `- a: b`) and a list under a key at the key's own
column; flow collections `[` and `{`; and what holds no structure, so that no bracket in it
counts: quoted text (over many lines too), plain text (continued on more indented lines),
`|` and `>` blocks, comments, `%` directives, `---` and `...`. A node's `!tag` or `&anchor`
is where its collection starts, as the parser marks it.

It never counts a level the parser would not: where it cannot follow the text (a mistake
the parser will report, a tab in the indentation) it stops and finds nothing. It counts no
mapping for a key inside square brackets (`[a: b]` is a list holding a mapping): such a
file is measured by the parser's events alone, which yaml_source also counts.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

LINE_BREAK_RE = re.compile("\r\n|[\r\n\x85\u2028\u2029]")  # a line break, as YAML counts lines
_BLANK = " \t"
# A `key:` in block context: the colon before a space, a tab or the end of the line, unless
# a comment (` #`) comes first.
_KEY_COLON_RE = re.compile(r":(?=[ \t]|$)|[ \t]#")
# Where plain text inside brackets ends: at a flow indicator, a `:` before a space, a flow
# indicator or the end of the line, or at a comment.
_FLOW_PLAIN_END_RE = re.compile(r"[,\[\]{}]|:(?=[ \t,\[\]{}]|$)|[ \t]#")
_BLANKS_RE = re.compile(r"[ \t]*")
_TOKEN_END_RE = re.compile(r"[ \t]|$")
_FLOW_TOKEN_END_RE = re.compile(r"[ \t,\[\]{}]|$")
_FLOW_SPECIAL_RE = re.compile(r"['\"#!&?]")  # what makes text in brackets more than brackets
_BRACKET_RE = re.compile(r"[\[\]{}]")
_PLAIN_AT_END_RE = re.compile(r"(?:[^\s,\[\]{}:]|:[^\s,\[\]{}])[ \t]*$")
_DOUBLE_QUOTE_END_RE = re.compile(r'["\\]')
_BLOCK_TEXT_RE = re.compile(r"[|>](?:([1-9])[+-]?|[+-]([1-9])?)?(?=[ \t]|$)")


# Most lines of a routine, read at once: an indentation, `- ` entries, a key of word
# characters, and a plain value without indicators, quotes, brackets or comments.
_KEY = r"[A-Za-z0-9_][\w .-]*?:"
# Words of plain text, one blank apart or more: no ` #` (a comment) and no `: ` (a key) in
# it. Blanks and words never overlap, so a long run of either is read once.
_WORD = r"(?:[^\s:]|:(?=\S))*"
_VALUE = rf"[^\s#&!*|>@%`'\"\[\]{{}},?:-]{_WORD}(?:[ \t]+(?:[^\s#:]|:(?=\S)){_WORD})*"
_SIMPLE_LINE_RE = re.compile(rf"( *)((?:-[ ]+)*)({_KEY})(?:[ ]+({_VALUE}))?[ \t]*")
_COMMENT_LINE_RE = re.compile(r"[ \t]*(?:#|$)")
_KEY_RUNS: dict[int, re.Pattern[str]] = {}


def _key_run(column: int) -> re.Pattern[str]:
    """Lines of `key: value` at `column`, and blank lines: keys of one mapping, which
    change nothing the scan keeps (thousands of them are read in one match)."""
    if column not in _KEY_RUNS:
        line = rf"[ ]{{{column}}}{_KEY}[ ]+{_VALUE}[ \t]*\n"
        _KEY_RUNS[column] = re.compile(rf"{line}(?:{line}|[ \t]*\n)*")
    return _KEY_RUNS[column]


def first_too_deep(text: str, limit: int) -> tuple[int, int] | None:
    """Where the first collection more than `limit` levels deep starts: its 0-based line
    and column, as the parser's start mark of it says; None if there is none (or if the
    scan cannot follow the text that far)."""
    if any(character in text for character in "\r\x85\u2028\u2029"):
        text = LINE_BREAK_RE.sub("\n", text)  # the same lines and columns, one way
    scan = _Scan(limit)
    simple, comment = _SIMPLE_LINE_RE.fullmatch, _COMMENT_LINE_RE.match
    position, number, size = 0, 0, len(text)
    try:
        while position <= size:
            idle = scan.quote is None and scan.block_text is None and not scan.flow
            top = scan.blocks[-1] if scan.blocks else None
            if idle and top is not None and not top.sequence:
                above = scan.plain_above
                run = None if above is not None and above < top.column else _key_run(top.column)
                found = run.match(text, position) if run is not None else None
                if found is not None:
                    number += text.count("\n", position, found.end())
                    position = found.end()
                    scan.plain_above, scan.nested, scan.key_open = top.column, False, None
                    continue
            end = text.find("\n", position)
            end = size if end < 0 else end
            line = text[position:end]
            position, number = end + 1, number + 1
            if scan.quote is None and scan.block_text is None:
                if comment(line):  # a blank line, or a comment: it ends plain text
                    if line.strip(_BLANK):
                        scan.plain_above, scan.flow_plain = None, False
                    continue
                if idle and (simple_line := simple(line)) is not None:
                    above = scan.plain_above
                    if above is None or len(simple_line.group(1)) <= above:
                        scan.simple_line(number - 1, simple_line)
                        continue
            scan.line(number - 1, line)
    except _TooDeep as found_deep:
        return found_deep.where
    except _Lost:
        return None
    return None


class _TooDeep(Exception):
    def __init__(self, where: tuple[int, int]) -> None:
        self.where = where


class _Lost(Exception):
    """The text is not YAML the scan can follow (the parser reports what is wrong)."""


@dataclass(slots=True)
class _Block:
    column: int
    sequence: bool
    under_key: bool = False  # a list at its key's own column (`key:` then `- a`)


def _ends_token(text: str, column: int) -> bool:
    return column >= len(text) or text[column] in _BLANK


def _skip_blanks(text: str, column: int) -> int:
    return _BLANKS_RE.match(text, column).end()  # type: ignore[union-attr]


def quoted_end(text: str, column: int, quote: str) -> int:
    """The column after the quote that closes text started before `column`; -1 when it
    goes on to the next line."""
    if quote == "'":
        while True:
            found = text.find("'", column)
            if found < 0:
                return -1
            if text.startswith("''", found):  # a quote written twice is one quote
                column = found + 2
                continue
            return found + 1
    while True:
        match = _DOUBLE_QUOTE_END_RE.search(text, column)
        if match is None:
            return -1
        if match.group() == "\\":  # an escape: the next character is text
            column = match.end() + 1
            continue
        return match.end()


def _is_key(text: str, column: int) -> bool:
    """Whether a `:` that makes what ends at `column` a key follows (on this line)."""
    column = _skip_blanks(text, column)
    return column < len(text) and text[column] == ":" and _ends_token(text, column + 1)


class _Scan:
    def __init__(self, limit: int) -> None:
        self.limit = limit
        self.reset()

    def reset(self) -> None:
        """The state at the start of a document."""
        self.blocks: list[_Block] = []
        self.flow = 0  # flow collections open
        self.quote: str | None = None  # quoted text goes on to the next line
        self.block_text: int | None = None  # lines indented this much are `|` text...
        self.block_text_above = -1  # ...or, while block_text is -1, more than this
        self.plain_above: int | None = None  # plain text goes on on lines indented more
        self.key_open: int | None = None  # a key at this column has its value below
        self.nested = True  # the last line left a node to come below (`key:`, `- `)
        self.props: tuple[int, int] | None = None  # a `!tag` or `&anchor` of the next node
        self.flow_plain = False  # plain text in brackets goes on to the next line

    # -- levels -----------------------------------------------------------------------

    def open(self, number: int, column: int) -> None:
        """A collection starts here, one level below those open."""
        where, self.props = self.props or (number, column), None
        if len(self.blocks) + self.flow + 1 > self.limit:
            raise _TooDeep(where)

    def entry(
        self, number: int, column: int, *, sequence: bool, key_open: int | None, nested: bool
    ) -> None:
        """A `- ` (sequence) or `? ` (mapping) entry at `column`; `nested` if it may start
        a collection inside those open."""
        top = self.blocks[-1] if self.blocks else None
        if top is not None and top.column == column and top.sequence == sequence:
            self.props = None
            return
        if (top is None or top.column < column) and nested:
            self.open(number, column)
            self.blocks.append(_Block(column, sequence))
        elif top is not None and sequence and top.column == column and key_open == column:
            self.open(number, column)
            self.blocks.append(_Block(column, sequence, under_key=True))
        else:
            raise _Lost

    def key(self, number: int, column: int, *, nested: bool) -> None:
        """A `key:` starting at `column` (at its properties, if it has any); `nested` if it
        may start a mapping inside the collections open."""
        top = self.blocks[-1] if self.blocks else None
        if top is not None and top.column == column and not top.sequence:
            self.props = None
            return
        if (top is None or top.column < column) and nested:
            self.open(number, column)
            self.blocks.append(_Block(column, sequence=False))
            return
        raise _Lost

    # -- lines --------------------------------------------------------------------------

    def simple_line(self, number: int, found: re.Match[str]) -> None:
        """A line `_SIMPLE_LINE_RE` reads: what `line` makes of it, only sooner."""
        indent = len(found.group(1))
        self.plain_above = None
        while self.blocks and self.blocks[-1].column > indent:
            self.blocks.pop()
        dashes = found.group(2)
        top = self.blocks[-1] if self.blocks else None
        if top is not None and top.under_key and top.column == indent and not dashes:
            self.blocks.pop()
        nested, key_open = self.nested, self.key_open
        column = indent
        for dash in re.finditer("-", dashes) if dashes else ():
            column = indent + dash.start()
            self.entry(number, column, sequence=True, key_open=key_open, nested=nested)
            nested = True
        column = found.start(3)
        self.key(number, column, nested=nested)
        if found.group(4) is None:  # the value comes below
            self.nested, self.key_open = True, column
        else:
            self.nested, self.key_open = False, None
            self.plain_above = self.blocks[-1].column

    def line(self, number: int, text: str) -> None:
        column = 0
        if self.quote is not None:
            column = quoted_end(text, 0, self.quote)
            if column < 0:
                return
            self.quote = None
            if not self.flow:
                return  # after text quoted over lines: a comment, or a mistake
        if self.flow:
            self.flow_from(number, text, column)
            return
        content = text.lstrip(" ")
        indent = len(text) - len(content)
        blank = not content.strip(_BLANK)
        if self.block_text is not None:
            if blank:
                return
            if self.block_text < 0 and indent >= max(self.block_text_above + 1, 1):
                self.block_text = indent  # the first line of text sets the indentation
            if indent >= self.block_text >= 0:
                return
            self.block_text = None
        if blank:
            return
        if content[0] == "#":
            self.plain_above = None  # a comment ends plain text
            return
        if self.plain_above is not None:
            if indent > self.plain_above:  # more of the plain text above
                ending = _KEY_COLON_RE.search(text, indent)
                if ending is not None and ending.group() == ":":
                    raise _Lost  # `key: text` then `  more: x`: the parser refuses it
                if ending is not None:
                    self.plain_above = None
                return
            self.plain_above = None
        if indent == 0 and text[:3] in ("---", "...") and _ends_token(text, 3):
            self.reset()  # a new document, its node on this line or below
            rest = text[3:].lstrip(_BLANK)
            if text[:3] == "---" and rest and rest[0] != "#":
                self.content(number, text, 3, key_open=None, keys=False, nested=True)
            return
        if indent == 0 and content[0] == "%" and not self.blocks:
            return  # a directive
        if content[0] == "\t":
            raise _Lost  # a tab in the indentation
        while self.blocks and self.blocks[-1].column > indent:
            self.blocks.pop()
        top = self.blocks[-1] if self.blocks else None
        if (
            top is not None
            and top.under_key
            and top.column == indent
            and not (content[0] == "-" and _ends_token(content, 1))
        ):
            self.blocks.pop()  # no `- ` at the key's column: the list under it has ended
        self.content(number, text, indent, key_open=self.key_open, keys=True, nested=self.nested)

    def content(
        self,
        number: int,
        text: str,
        column: int,
        *,
        key_open: int | None,
        keys: bool,
        nested: bool,
    ) -> None:
        """The rest of a line in block context, from `column`. A collection may start where
        the line starts only if the line above left a node to come (`nested`); after a
        `- ` or `? ` on the line, one may (`- - a`, `- a: b`)."""
        self.nested, self.key_open = False, None
        entries = keys  # `- ` and `? ` may start a line, or follow `- ` and `? `
        key_at: int | None = None  # where a key on this line left its value for below
        node_below = False  # the line ends with an indicator: the node comes below
        while True:
            column = _skip_blanks(text, column)
            if column >= len(text) or text[column] == "#":
                self.nested = node_below
                self.key_open = key_at if node_below else None
                return
            character = text[column]
            if character in "-?" and _ends_token(text, column + 1):
                if not entries:
                    raise _Lost  # `key: - a`
                self.entry(
                    number, column, sequence=character == "-", key_open=key_open, nested=nested
                )
                column += 1
                nested = node_below = True
                key_at = None
                continue
            if character == ":" and _ends_token(text, column + 1):
                # The value of a `? key` above, or of an empty key: a mapping either way.
                self.key(number, column, nested=nested)
                column += 1
                entries, keys, key_at, node_below, nested = False, False, column - 1, True, True
                continue
            if character in "!&":
                self.props = self.props or (number, column)
                column = _TOKEN_END_RE.search(text, column).start()  # type: ignore[union-attr]
                node_below = True
                continue
            start = self.props[1] if self.props and self.props[0] == number else column
            if character in "|>":
                found = _BLOCK_TEXT_RE.match(text, column)
                if found is None:
                    raise _Lost
                above = self.blocks[-1].column if self.blocks else -1
                increment = found.group(1) or found.group(2)
                self.block_text = max(above + 1, 1) + int(increment) - 1 if increment else -1
                self.block_text_above = above
                self.props = None
                return
            if character in "[{":
                # A key is on one line, and at most 1,024 characters long.
                end = self.flow_from(number, text[: column + 1024], column, dry=True)
                if end >= 0 and keys and _is_key(text, end):
                    self.key(number, start, nested=nested)
                    self.flow_from(number, text, column)
                    column = text.index(":", end) + 1
                    entries, keys, key_at, node_below, nested = False, False, start, True, True
                    continue
                if not nested:
                    raise _Lost  # brackets that are no key, where no node was to come
                self.flow_from(number, text, column)
                return
            if character in "\"'":
                end = quoted_end(text, column + 1, character)
                if end < 0:
                    self.quote = character
                    return
                if keys and _is_key(text, end):
                    self.key(number, start, nested=nested)
                    column = text.index(":", end) + 1
                    entries, keys, key_at, node_below, nested = False, False, start, True, True
                    continue
                self.props = None
                return
            ending = _KEY_COLON_RE.search(text, column)
            if keys and ending is not None and ending.group() == ":":
                self.key(number, start, nested=nested)
                column = ending.end()
                entries, keys, key_at, node_below, nested = False, False, start, True, True
                continue
            self.props = None  # plain text, which may go on on the lines below
            self.plain_above = self.blocks[-1].column if self.blocks else -1
            return

    def brackets_from(self, number: int, text: str, column: int, depth: int, *, dry: bool) -> int:
        """`flow_from` for text in brackets without quotes, comments, properties or `?`:
        only the brackets count, and plain text cannot hold any."""
        for bracket in _BRACKET_RE.finditer(text, column):
            if bracket.group() in "[{":
                if not dry:
                    self.open(number, bracket.start())
                    self.flow += 1
                depth += 1
                continue
            depth -= 1
            if not dry:
                self.flow = max(depth, 0)
            if depth <= 0:
                return bracket.end()
        if not dry:
            self.props = None
            self.flow_plain = _PLAIN_AT_END_RE.search(text, column) is not None
        return -1

    def flow_from(self, number: int, text: str, column: int, *, dry: bool = False) -> int:
        """Brackets from `column` on: the column after the one that closes the outermost,
        or -1 at the end of the line. `dry` only looks for that column on this line."""
        depth = 0 if dry else self.flow
        if not self.flow_plain and not _FLOW_SPECIAL_RE.search(text, column):
            return self.brackets_from(number, text, column, depth, dry=dry)
        if not dry and self.flow_plain:  # more of the plain text: `&`, `!` and `'` are text
            column = _skip_blanks(text, column)
            self.flow_plain = column >= len(text)  # a blank line: it goes on below
            if column < len(text) and text[column] not in "#,[]{}?:":
                found = _FLOW_PLAIN_END_RE.search(text, column + 1)
                if found is None:
                    self.flow_plain = True
                    return -1
                column = found.start()
        while column < len(text):
            character = text[column]
            if character in _BLANK:
                column = _skip_blanks(text, column)
                continue
            if character == "#":
                return -1
            if character in "[{":
                if not dry:
                    self.open(number, column)
                    self.flow += 1
                depth += 1
                column += 1
                continue
            if character in "]}":
                depth -= 1
                column += 1
                if not dry:
                    self.flow = max(depth, 0)
                if depth <= 0:
                    return column
                continue
            if character in "!&":
                if not dry:
                    self.props = self.props or (number, column)
                column = _FLOW_TOKEN_END_RE.search(text, column + 1).start()  # type: ignore[union-attr]
                continue
            if character in "?:" and (column + 1 >= len(text) or text[column + 1] in " \t,[]{}"):
                column += 1
                continue
            if character == "?":
                raise _Lost  # `?x`: a key to PyYAML, text to libyaml
            if not dry:
                self.props = None  # a node: its properties are used
            if character == ",":
                column += 1
            elif character in "\"'":
                end = quoted_end(text, column + 1, character)
                if end < 0:
                    if not dry:
                        self.quote = character
                    return -1
                column = end
            else:  # plain text, up to a flow indicator, a `: ` or a comment
                found = _FLOW_PLAIN_END_RE.search(text, column + 1)
                if found is None:
                    self.flow_plain = not dry
                    return -1
                column = found.start()
        return -1
