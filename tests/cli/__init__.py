"""The command line: each command's output and exit status."""
