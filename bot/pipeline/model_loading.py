"""The bot's side of the ``classifiers`` package: loading a model and mapping its errors.

``classifiers`` imports nothing from ``bot``, so it raises its own small error types; the bot turns
them into its error tree with the same one-line pt-BR message (input → :class:`InputError`, config →
:class:`ConfigError`, both exit code 2 at the command line).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import classifiers
from bot.core.errors import BotError, ConfigError, InputError
from classifiers.errors import ClassifierConfigError, ClassifierError, ClassifierInputError

if TYPE_CHECKING:
    from bot.config.settings import Settings


def bot_error(err: ClassifierError) -> BotError:
    """The bot error for a classifier error, with the same message."""
    if isinstance(err, ClassifierInputError):
        return InputError(err.message)
    if isinstance(err, ClassifierConfigError):
        return ConfigError(err.message)
    return BotError(err.message)


def load(model_name: str, settings: Settings) -> classifiers.Classifier:
    """:func:`classifiers.load` with the bot's settings; classifier errors raised as bot errors."""
    try:
        return classifiers.load(model_name, settings.classifier)
    except ClassifierError as err:
        raise bot_error(err) from err
