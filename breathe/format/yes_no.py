"""A key that is on or off (`part: true`), written as YAML writes it for every editor:
`true` or `false`. Other words people use for yes and no are told what to write instead."""

from __future__ import annotations

from yaml.nodes import Node

from breathe.format.spec import (
    INVALID,
    Checker,
    Invalid,
    JsonSchema,
    SchemaBuilder,
    Spec,
    scalar_text,
)

TRUE, FALSE = "true", "false"
# What people write for on and off: each told the word breathe reads.
_MEANT = {
    "yes": TRUE,
    "y": TRUE,
    "on": TRUE,
    "1": TRUE,
    "no": FALSE,
    "n": FALSE,
    "off": FALSE,
    "0": FALSE,
}


class YesNo(Spec):
    """`true` or `false` (any case, as YAML reads them), checked to a bool."""

    def __init__(self, description: str, key: str) -> None:
        self.description = description
        self.key = key

    def check(self, node: Node, key_path: str, checker: Checker) -> bool | Invalid:
        text = scalar_text(node, key_path, checker, "`true` or `false`")
        if text is None:
            return INVALID
        word = text.casefold()
        if word in (TRUE, FALSE):
            return word == TRUE
        meant = _MEANT.get(word)
        return checker.report(
            node,
            key_path,
            f"`{text}` is not `true` or `false`",
            f"write `{self.key}: {meant}`"
            if meant
            else f"write `{self.key}: true`, or remove the line",
        )

    def json_schema(self, builder: SchemaBuilder) -> JsonSchema:
        return {"type": "boolean", "description": self.description}
