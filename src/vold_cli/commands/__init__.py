"""The command line: parse options, call the core, hand the result to a renderer. Errors are mapped to
stderr and exit codes in one place (`app.VoldGroup`).

Each command is the module of this folder named as the command (`law.py` is `vold law`), found through the registry
(`registry.py`) and imported only when it is run; common.py, complete.py, registry.py and app.py declare none."""
