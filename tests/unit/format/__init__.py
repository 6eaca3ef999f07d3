"""The file formats: every problem at its line and column, schemas."""
