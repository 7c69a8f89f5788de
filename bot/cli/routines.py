"""``jano routines``: the routines jano knows, their classes, task and whether they use AI."""

from __future__ import annotations

import json

import typer
from rich.console import Console
from rich.table import Table

import routines

console = Console()


def register(root: typer.Typer) -> None:
    root.command("routines")(list_routines)


def list_routines(as_json: bool = typer.Option(False, "--json", help="saída JSON")) -> None:
    """Lista as rotinas: classes, tarefa do PJe e uso de IA."""
    rows = routines.catalog()
    if as_json:
        typer.echo(json.dumps(rows, ensure_ascii=False))
        return
    table = Table(title="Rotinas do jano")
    for column in ("id", "classes", "tarefa", "IA", "situação"):
        table.add_column(column)
    for row in rows:
        built = bool(row["built"])
        classes = row.get("classes", [])
        table.add_row(
            str(row["id"]),
            ", ".join(str(c) for c in classes) if isinstance(classes, list) else "",
            str(row.get("task", "")),
            ("sim" if row.get("uses_ai") else "não") if built else "",
            "disponível" if built else "planejada",
        )
    console.print(table)
