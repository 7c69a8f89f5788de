"""``jano run ROUTINE --zone Z``: triage one zone with one routine."""

from __future__ import annotations

import uuid
from collections.abc import Sequence

import typer
from rich.console import Console
from rich.table import Table

from bot.errors import InputError
from bot.logging import configure_logging
from bot.pages.painel import TaskCount
from bot.settings import Settings
from routines import ROUTINE_IDS

console = Console()


def register(root: typer.Typer) -> None:
    root.command("run")(run)


def run(
    routine: str = typer.Argument(..., help="id da rotina (ex.: contas-minuta-sentenca)"),
    zone: int = typer.Option(..., "--zone", "-z", help="número da zona eleitoral"),
    limit: int | None = typer.Option(None, "--limit", help="processar no máximo N processos"),
    concurrency: int = typer.Option(1, "--concurrency", help="processos em paralelo"),
) -> None:
    """Executa a triagem de uma rotina numa zona: lê, classifica e propõe (nada é lançado sem aprovação)."""
    if routine not in ROUTINE_IDS:
        raise InputError(f"rotina desconhecida: '{routine}' (válidas: {', '.join(ROUTINE_IDS)})")
    if zone < 1:
        raise InputError(f"zona inválida: {zone}")
    settings = Settings.load()
    cpf, password = settings.require_pje()
    configure_logging(settings)
    from bot.triage import read_zone_tasks

    run_id = uuid.uuid4().hex[:12]
    tasks = read_zone_tasks(settings, zone=zone, run_id=run_id, cpf=cpf, password=password)
    print_tasks(tasks, zone)


def print_tasks(tasks: Sequence[TaskCount], zone: int) -> None:
    table = Table(title=f"Tarefas pendentes – {zone}ª Zona Eleitoral")
    table.add_column("Tarefa")
    table.add_column("Quantidade", justify="right")
    for task in tasks:
        table.add_row(task.name, str(task.count))
    console.print(table)
