"""``jano train|eval|classify``: the classifier lifecycle (owned by the classifiers package)."""

from __future__ import annotations

import typer


def register(root: typer.Typer) -> None:
    """Add ``train``, ``eval`` and ``classify`` to the root app."""
