"""The floor of vold's stack: a minimal Typer app that prints a one-row Rich table.

bench/run.py times it next to every vold command. Nothing vold does can start faster than this (Python, Typer,
Click and Rich's console and table), so a command's ratio to it is the cost of vold itself.

    python bench/floor_app.py            # prints the table
"""

from __future__ import annotations

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(add_completion=False)


@app.command()
def main(name: str = typer.Option("floor", help="Text of the table's only row.")) -> None:
    """Print a one-row table."""
    table = Table("case", "value")
    table.add_row(name, "1")
    Console().print(table)


if __name__ == "__main__":
    app()
