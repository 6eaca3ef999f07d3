"""The Textual app: its screens, widgets and the controllers that drive them."""
