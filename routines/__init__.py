"""Routines: one module per routine of DOMAIN.md §5, registered declaratively."""

from __future__ import annotations

# Stable routine ids (DESIGN.md): used by the CLI, the console and the audit.
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
