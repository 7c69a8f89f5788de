"""The ``jano`` command line (Typer). Each resource has its own module; this one wires them.

Every command exits non-zero with a one-line pt-BR reason on bad input: :class:`BotError` raised
anywhere below is turned into ``erro: <message>`` on stderr and its exit code (:mod:`bot.cli.errors`).

The full app is built on first use (``bot.cli.app``); ``jano mock ...`` takes a fast path that imports
only the mock, so the mock PJe starts without loading the bot's database and browser stacks.

The composition root: may import every package of ``bot`` but ``devtools``, and ``routines``,
``classifiers``, ``fixtures`` (the training corpus it hands to the classifiers) and ``mock_pje``.
"""

from __future__ import annotations

import sys
from functools import cache
from typing import Any

import typer

from bot.cli.errors import report
from bot.core.errors import BotError
from classifiers.errors import ClassifierError

HELP = "jano: automação de rotinas da Justiça Eleitoral no PJe, com validação humana."


@cache
def build_app() -> typer.Typer:
    from bot.cli import classify as classify_cli
    from bot.cli import mock as mock_cli
    from bot.cli import queue as queue_cli
    from bot.cli import routines as routines_cli
    from bot.cli import run as run_cli
    from bot.cli import users as users_cli

    app = typer.Typer(
        name="jano", help=HELP, no_args_is_help=True, add_completion=False, pretty_exceptions_enable=False
    )
    app.add_typer(mock_cli.app, name="mock")
    app.add_typer(queue_cli.app, name="queue")
    app.add_typer(users_cli.app, name="users")
    run_cli.register(app)
    routines_cli.register(app)
    classify_cli.register(app)
    queue_cli.register(app)
    return app


def __getattr__(name: str) -> Any:
    if name == "app":
        return build_app()
    raise AttributeError(name)


def main() -> None:
    """Console-script entry point."""
    try:
        if sys.argv[1:2] == ["mock"]:
            from bot.cli.mock import app as mock_app

            only_mock = typer.Typer(
                name="jano", help=HELP, add_completion=False, pretty_exceptions_enable=False
            )
            only_mock.add_typer(mock_app, name="mock")
            only_mock(standalone_mode=True)
        else:
            build_app()(standalone_mode=True)
    except (BotError, ClassifierError) as err:
        raise SystemExit(report(err)) from None
