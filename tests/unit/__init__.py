"""Unit tests: one layer at a time, real files, no app."""
