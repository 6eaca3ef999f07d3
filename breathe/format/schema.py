"""The JSON Schema of routine files, generated from the same declaration that checks them.

The generated schema is committed at `SCHEMA_PATH` for editors (shipped routines point at
it with a `# yaml-language-server: $schema=` line); a test fails when it drifts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from breathe.core.model import FORMAT_VERSION
from breathe.format.routine_spec import ROUTINE
from breathe.format.spec import document_json_schema, json_schema_text

SCHEMA_PATH = Path(__file__).resolve().parent.parent / "schemas" / "routine.schema.json"
SCHEMA_ID = f"https://breathe-tui.github.io/schemas/routine-v{FORMAT_VERSION}.json"


def routine_json_schema() -> dict[str, Any]:
    return document_json_schema(ROUTINE, SCHEMA_ID, f"breathe routine (format {FORMAT_VERSION})")


def routine_json_schema_text() -> str:
    return json_schema_text(routine_json_schema())


if __name__ == "__main__":  # python -m breathe.format.schema: rewrite the committed files
    from breathe.format import program_spec

    SCHEMA_PATH.write_text(routine_json_schema_text(), encoding="utf-8")
    print(f"wrote {SCHEMA_PATH}")
    program_spec.SCHEMA_PATH.write_text(program_spec.program_json_schema_text(), encoding="utf-8")
    print(f"wrote {program_spec.SCHEMA_PATH}")
