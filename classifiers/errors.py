"""The classifiers' own errors (the package imports nothing from ``bot``).

    ClassifierError
    ├── ClassifierInputError   bad input given by a person: unknown model name, unreadable input file
    └── ClassifierConfigError  nothing usable to run on: no artifact trained, mismatched labels, missing
                               base model or package

Messages are one line of pt-BR, shown as they are. The bot maps them onto its own error tree
(input → ``InputError``, config → ``ConfigError``: exit code 2 at the command line).
"""

from __future__ import annotations


class ClassifierError(Exception):
    """Base of every error the classifiers package raises on purpose."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class ClassifierInputError(ClassifierError):
    """Input given by a person is wrong: an unknown model name, a malformed or missing input file."""


class ClassifierConfigError(ClassifierError):
    """A setting or artifact is missing or unusable (the message says which and how to fix it)."""
