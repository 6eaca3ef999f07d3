"""The JSON Schema of routine files, generated from the same declaration that checks them.

The generated schemas are committed (`Document.schema_path`) for editors (shipped routines
point at theirs with a `# yaml-language-server: $schema=` line); a test fails when one
drifts. `python -m breathe.format.schema` rewrites them.
"""

from __future__ import annotations

from breathe.format.loader import ROUTINE_FILE

SCHEMA_PATH = ROUTINE_FILE.schema_path
SCHEMA_ID = ROUTINE_FILE.schema_id
routine_json_schema = ROUTINE_FILE.json_schema
routine_json_schema_text = ROUTINE_FILE.json_schema_text


if __name__ == "__main__":  # python -m breathe.format.schema: rewrite the committed files
    from breathe.format.program_spec import PROGRAM_FILE

    for document in (ROUTINE_FILE, PROGRAM_FILE):
        document.schema_path.write_text(document.json_schema_text(), encoding="utf-8")
        print(f"wrote {document.schema_path}")
