"""`python -m vold_cli` and the `vold` console script."""

import gc
import sys


def main() -> None:
    gc.disable()  # a short-lived process: the cyclic collector only re-walks what the imports and the data create
    from .cli.app import app, keep_only

    keep_only(sys.argv[1:])
    app()


if __name__ == "__main__":
    main()
