"""End to end: built wheels, real processes, commands pasted as a user would."""
