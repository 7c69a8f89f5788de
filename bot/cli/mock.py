"""``jano mock serve``: the mock PJe (owned by the mock_pje package)."""

from __future__ import annotations

import typer

app = typer.Typer(help="PJe simulado para desenvolvimento e testes.", no_args_is_help=True)
