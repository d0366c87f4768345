"""The command line: parse options, call the core, hand the result to a renderer. Errors are mapped to
stderr and exit codes in one place (`app.VoldGroup.main`)."""

#: The command line `vold` runs (set by __main__ before it imports cli.app, which then registers only the module of
#: that command); None when the app is imported otherwise, e.g. by tests: every command is registered.
RUNNING: list[str] | None = None
