"""``jano users ...``: supervisor, staff and admin accounts (shared with the console)."""

from __future__ import annotations

import os
import sys

import typer
from rich.console import Console
from rich.table import Table
from sqlalchemy import select

from bot.cli.errors import one_line_errors
from bot.config.settings import Settings
from bot.core.errors import InputError
from bot.queue import users
from bot.queue.db import Database
from bot.queue.tables import User

NEW_USER_PASSWORD_ENV = "JANO_NEW_USER_PASSWORD"

app = typer.Typer(help="Usuários do jano (supervisores, servidores, administradores).", no_args_is_help=True)


def _out() -> Console:
    return Console()


def new_user_password() -> str:
    """``JANO_NEW_USER_PASSWORD``, else asked twice with hidden input on a terminal."""
    value = os.environ.get(NEW_USER_PASSWORD_ENV)
    if value:
        return value
    if not sys.stdin.isatty():
        raise InputError(f"senha ausente: defina {NEW_USER_PASSWORD_ENV} ou use um terminal")
    return str(typer.prompt("Senha", hide_input=True, confirmation_prompt="Repita a senha"))


@app.command("add")
def add(
    login: str = typer.Argument(..., help="login (letras minúsculas, números, '.', '_' ou '-')"),
    role: str = typer.Option(..., "--role", help="supervisor | staff | admin"),
    zones: str = typer.Option("", "--zones", help="zonas separadas por vírgula (ex.: 1,2)"),
) -> None:
    """Cria um usuário; a senha vem de JANO_NEW_USER_PASSWORD ou é pedida duas vezes."""
    with one_line_errors():
        the_role = users.parse_role(role)
        zone_list = users.parse_zones(zones)
        settings = Settings.load()
        password = new_user_password()
        db = Database.from_settings(settings)
        with db.session() as s:
            user = users.add_user(s, login, role=the_role, zones=zone_list, password=password)
            summary = (
                f"Usuário '{user.login}' criado: {user.role}, zonas {', '.join(map(str, user.zones)) or '—'}."
            )
        db.dispose()
    _out().print(summary)


@app.command("list")
def list_users() -> None:
    """Lista os usuários."""
    with one_line_errors():
        settings = Settings.load()
        db = Database.from_settings(settings)
        with db.session() as s:
            rows = [
                (u.login, u.role, ", ".join(map(str, u.zones)), "sim" if u.active else "não")
                for u in s.execute(select(User).order_by(User.login)).scalars()
            ]
        db.dispose()
    table = Table(title="Usuários do jano")
    for column in ("Login", "Papel", "Zonas", "Ativo"):
        table.add_column(column)
    for row in rows:
        table.add_row(*row)
    _out().print(table)
