"""The ``jano`` command line (Typer). Each resource has its own module; this one wires them.

Every command exits non-zero with a one-line pt-BR reason on bad input: :class:`BotError` raised
anywhere below is turned into ``erro: <message>`` on stderr and exit code 2 (config/input) or 1.
"""

from __future__ import annotations

import sys

import typer

from bot.cli import classify as classify_cli
from bot.cli import mock as mock_cli
from bot.cli import queue as queue_cli
from bot.cli import routines as routines_cli
from bot.cli import run as run_cli
from bot.cli import users as users_cli
from bot.errors import BotError, ConfigError, InputError

app = typer.Typer(
    name="jano",
    help="jano: automação de rotinas da Justiça Eleitoral no PJe, com validação humana.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
app.add_typer(mock_cli.app, name="mock")
app.add_typer(queue_cli.app, name="queue")
app.add_typer(users_cli.app, name="users")
run_cli.register(app)
routines_cli.register(app)
classify_cli.register(app)
queue_cli.register(app)


def exit_code_for(err: BotError) -> int:
    return 2 if isinstance(err, ConfigError | InputError) else 1


def main() -> None:
    """Console-script entry point."""
    try:
        app(standalone_mode=True)
    except BotError as err:
        sys.stderr.write(f"erro: {err}\n")
        raise SystemExit(exit_code_for(err)) from None
