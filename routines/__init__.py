"""Routines: one module per routine of docs/domain.md#routines, registered declaratively.

Each module ``routines/<name>.py`` defines exactly one public :class:`routines.base.Routine`
subclass; :data:`REGISTRY` maps routine ids to them. :data:`ROUTINE_IDS` is the stable list of
docs/domain.md#routines (CLI, console, audit); ids not yet in the registry are planned routines.

A routine decides on a :class:`bot.vocabulary.snapshot.ProcessSnapshot`; it may import
``bot.vocabulary``, ``bot.acts``, ``bot.config``, ``bot.core`` and ``classifiers``, and never reaches
Playwright, the database or DBOS, directly or through what it imports (``bot.pje``, ``bot.queue``,
``bot.pipeline``, ``bot.workflow``) – an import-linter contract in pyproject checks it.
"""

from __future__ import annotations

import importlib
import inspect
from types import ModuleType

from routines.base import Routine

# Stable routine ids (docs/domain.md#routines): used by the CLI, the console and the audit.
ROUTINE_IDS: tuple[str, ...] = (
    "pce-inicial-edital",
    "pca-inicial-edital",
    "pca-inicial-despacho",
    "contas-minuta-sentenca",
    "contas-codigo-julgamento",
    "rcand-certidoes",
    "rcand-minuta-sentenca",
    "rcand-codigo-julgamento",
    "transito-em-julgado",
    "regulariza",
)

MODULES: tuple[str, ...] = (
    "routines.pce_inicial_edital",
    "routines.pca_inicial_edital",
    "routines.pca_inicial_despacho",
    "routines.contas_minuta_sentenca",
    "routines.contas_codigo_julgamento",
)


def routines_in(module: ModuleType) -> list[type[Routine]]:
    """The Routine subclasses a module defines (not the ones it imports)."""
    return [
        obj
        for obj in vars(module).values()
        if inspect.isclass(obj)
        and issubclass(obj, Routine)
        and obj is not Routine
        and obj.__module__ == module.__name__
    ]


def _build() -> dict[str, type[Routine]]:
    registry: dict[str, type[Routine]] = {}
    for name in MODULES:
        for routine in routines_in(importlib.import_module(name)):
            if routine.name in registry or routine.name not in ROUTINE_IDS:
                raise RuntimeError(f"routine id {routine.name!r} is duplicated or not in ROUTINE_IDS")
            registry[routine.name] = routine
    return registry


REGISTRY: dict[str, type[Routine]] = _build()


def get(routine_id: str) -> Routine | None:
    """An instance of the routine, or None when the id is planned but not built yet."""
    cls = REGISTRY.get(routine_id)
    return cls() if cls else None


def catalog() -> list[dict[str, object]]:
    """Every routine id with its declaration (``jano routines --json``)."""
    rows: list[dict[str, object]] = []
    for rid in ROUTINE_IDS:
        cls = REGISTRY.get(rid)
        rows.append({**cls.describe(), "built": True} if cls else {"id": rid, "built": False})
    return rows
