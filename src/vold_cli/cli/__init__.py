"""The command line: parse options, call the core, hand the result to a renderer. Errors are mapped to
stderr and exit codes in one place (`app.VoldGroup.main`)."""
