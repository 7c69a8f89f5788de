"""``jano queue ...`` and ``jano execute``: the approval queue from a terminal."""

from __future__ import annotations

import typer

app = typer.Typer(help="Fila de ações propostas aguardando validação humana.", no_args_is_help=True)


def register(root: typer.Typer) -> None:
    """Add top-level commands that belong to the queue (``execute``, ``worker``)."""
