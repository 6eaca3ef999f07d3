"""What the tests share: the fake clock, the repository's folders, app helpers."""
