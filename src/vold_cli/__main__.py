"""`python -m vold_cli` and the `vold` console script."""

from __future__ import annotations


def main() -> None:
    from .cli.app import app

    app()


if __name__ == "__main__":
    main()
