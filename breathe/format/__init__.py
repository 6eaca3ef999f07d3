"""The routine file format: reading YAML with locations, checking it, and its JSON Schema."""
