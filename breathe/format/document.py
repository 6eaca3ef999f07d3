"""One pipeline for every kind of file breathe reads whole: routines and programs.

A `Document` names what differs between them: the declaration of the top level (its
`root` record), the model a checked file becomes, and a check across the whole file.
Loading, checking, building and the JSON Schema for editors are the same code for both,
so a routine file and a program file fail the same way and their schemas are laid out
alike.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Generic, TypeVar

from breathe.core.problems import Location, RoutineFileError
from breathe.format.spec import (
    INVALID,
    Checker,
    Field,
    JsonSchema,
    Record,
    SchemaBuilder,
    Text,
    keywords,
    property_names,
)
from breathe.format.yaml_source import read_source, read_yaml

SCHEMAS = Path(__file__).resolve().parent.parent / "schemas"
"""Where the generated schemas are committed, for editors (`python -m breathe.format.schema`
rewrites them)."""

Model = TypeVar("Model")


def file_name(path: Path) -> str:
    """A routine's or a program's name is its file name without the suffix."""
    return path.stem


@dataclass(frozen=True, slots=True)
class Document(Generic[Model]):
    """A kind of file: `kind` (`routine`, `program`) names its schema file and title.

    The checked values of `root` become `model` by keyword (`renamed` where a key and
    the model's field differ), together with the file's `name`, `path` and `location`:
    a key left out takes the model's default. `check_more` looks across the values of a
    file that is otherwise valid.
    """

    kind: str
    version: int
    root: Record
    model: Callable[..., Model]
    renamed: Mapping[str, str] = field(default_factory=dict)
    check_more: Callable[[dict[str, Any], Checker], None] | None = None

    def load(self, path: Path, display_path: str | None = None) -> Model:
        """Read and check the file at `path`; RoutineFileError lists every problem."""
        shown = display_path or str(path)
        return self.parse(read_source(path, shown), shown, file_name(path), path)

    def parse(self, data: bytes, shown_path: str, name: str, path: Path | None = None) -> Model:
        """Check `data` as a file of this kind; `shown_path` is how problems name the file.

        Whatever bytes it is given, it returns a model or raises RoutineFileError: nothing
        else escapes (hypothesis tests hold it to that).
        """
        path = path if path is not None else Path(shown_path)
        # A file's own files (a routine's sounds) are found next to it.
        values, location = self._check(data, Checker(shown_path, folder=path.parent))
        return self.model(name=name, path=path, location=location, **keywords(values, self.renamed))

    def _check(self, data: bytes, checker: Checker) -> tuple[dict[str, Any], Location]:
        node = read_yaml(data, checker.path, self.key_names)
        values = self.root.check(node, "", checker)
        if self.check_more is not None and values is not INVALID:
            self.check_more(values, checker)
        if checker.count:
            raise RoutineFileError(checker.problems())
        assert values is not INVALID and isinstance(values, dict)
        return values, checker.location(node, "")

    def key_names(self) -> frozenset[str]:
        """Every key a file of this kind may have, at any level (from its schema): a
        line of a file that is no valid YAML, starting with one, is a key."""
        if self.kind not in _KEY_NAMES:
            _KEY_NAMES[self.kind] = frozenset(property_names(self.json_schema()))
        return _KEY_NAMES[self.kind]

    @property
    def schema_path(self) -> Path:
        return SCHEMAS / f"{self.kind}.schema.json"

    @property
    def schema_id(self) -> str:
        return f"https://breathe-tui.github.io/schemas/{self.kind}-v{self.version}.json"

    def json_schema(self) -> JsonSchema:
        """The JSON Schema of this kind of file, from the declaration that checks it."""
        builder = SchemaBuilder()
        root_ref = self.root.json_schema(builder)
        body = builder.defs.pop(self.root.name)
        assert root_ref == {"$ref": f"#/$defs/{self.root.name}"}
        return {
            "$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": self.schema_id,
            "title": f"breathe {self.kind} (format {self.version})",
            **body,
            "$defs": dict(sorted(builder.defs.items())),
        }

    def json_schema_text(self) -> str:
        """The schema as its committed file holds it."""
        return json.dumps(self.json_schema(), indent=2, ensure_ascii=False) + "\n"


_KEY_NAMES: dict[str, frozenset[str]] = {}


# -- what every kind of file has at its top level ----------------------------------------------

MAX_TITLE_LENGTH = 80


def title_field(kind: str, example: str) -> Field:
    return Field(
        Text(
            f"The {kind}'s name as people see it.", max_length=MAX_TITLE_LENGTH, examples=(example,)
        ),
        required=True,
    )


def author_field(kind: str) -> Field:
    return Field(Text(f"Who wrote the {kind}.", max_length=100))


def top_level_key_hints(kind: str) -> dict[str, str]:
    """Advice for keys people write at the top of any file for what breathe calls otherwise."""
    return {
        "name": f"the {kind}'s name is its file name; its display name is `title`",
        "notes": "did you mean `description`?",
        "caution": "did you mean `safety`?",
        "version": "did you mean `format`?",
    }
