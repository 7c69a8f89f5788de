"""The one mapping from the bot's errors to the command line: a pt-BR line on stderr and an exit code.

Every command ends the same way on a :class:`BotError` (or a classifier error, mapped to one by
:func:`bot.pipeline.model_loading.bot_error`): ``erro: <message>`` on stderr and

- exit code 2 (:data:`EXIT_INPUT`): the person's input or the configuration is wrong – a
  :class:`ConfigError`, an :class:`InputError`, or the queue refusing the request (an item in the wrong
  state: ``IllegalTransition``; no live approval: ``NotExecutable``);
- exit code 1 (:data:`EXIT_FAILURE`): anything else (PJe, the browser, a business rule, a tampered
  audit trail).

Commands run inside :func:`one_line_errors`; :func:`bot.cli.main` applies the same mapping to
whatever reaches it. This module imports nothing heavy (``jano mock`` starts without the database
stack): the queue's error classes are looked up only when an error has to be mapped.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager

import typer

from bot.core.errors import BotError, ConfigError, InputError
from bot.pipeline.model_loading import bot_error
from classifiers.errors import ClassifierError

EXIT_FAILURE = 1
EXIT_INPUT = 2


def exit_code_for(err: BotError) -> int:
    """The exit code of a command that ended with ``err``."""
    if isinstance(err, ConfigError | InputError):
        return EXIT_INPUT
    from bot.queue.approvals import NotExecutable
    from bot.queue.workitems import IllegalTransition

    return EXIT_INPUT if isinstance(err, IllegalTransition | NotExecutable) else EXIT_FAILURE


def report(err: BotError | ClassifierError) -> int:
    """Write the error's one line to stderr; returns its exit code (classifier errors mapped first)."""
    if isinstance(err, ClassifierError):
        err = bot_error(err)
    sys.stderr.write(f"erro: {err}\n")
    return exit_code_for(err)


@contextmanager
def one_line_errors() -> Iterator[None]:
    """Turn any BotError raised in the block into its line on stderr and its exit code."""
    try:
        yield
    except (BotError, ClassifierError) as err:
        raise typer.Exit(report(err)) from None
