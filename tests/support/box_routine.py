"""The routine the tempo and length tests reshape: its steps, under each test's own header.

15 s + 24 s + 192 s + 30 s = 4:21; the box is the main practice, 16 s a breath."""

BOX_STEPS = """\
steps:
  - rest: Sit tall
    duration: 15s
  - breathe: Even breath
    pattern: 4-4
    cycles: 3
  - breathe: Box breathing
    pattern: 4-4-4-4
    cycles: 12
  - rest: Breathe freely
    duration: 30s
"""
