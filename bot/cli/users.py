"""``jano users ...``: supervisor, staff and admin accounts (shared with the console)."""

from __future__ import annotations

import typer

app = typer.Typer(help="Usuários do jano (supervisores, servidores, administradores).", no_args_is_help=True)
