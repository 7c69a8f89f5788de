"""``jano run ROUTINE --zone Z``: triage one zone with one routine (read, classify, propose)."""

from __future__ import annotations

import sys
from collections.abc import Sequence

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

import routines
from bot.config.logging import configure_logging
from bot.config.settings import Settings
from bot.core.errors import InputError
from bot.pipeline.triage import Triage, TriageSummary, read_zone_tasks
from bot.pje.pages.painel import TaskCount
from bot.queue.db import Database
from bot.queue.runs import new_run_id
from bot.queue.workitems import State

# Wide enough for the summary when the output is a file or a pipe (CI logs, make demo).
console = Console(width=None if sys.stdout.isatty() else 160)


def register(root: typer.Typer) -> None:
    root.command("run")(run)


def run(
    routine: str = typer.Argument(
        ..., help="id da rotina (ex.: contas-minuta-sentenca); veja 'jano routines'"
    ),
    zone: int = typer.Option(..., "--zone", "-z", help="número da zona eleitoral"),
    limit: int | None = typer.Option(None, "--limit", min=1, help="processar no máximo N processos"),
    concurrency: int = typer.Option(1, "--concurrency", min=1, max=16, help="processos em paralelo"),
) -> None:
    """Triagem de uma rotina numa zona: lê, classifica e propõe. Nada é lançado no PJe sem aprovação."""
    if routine not in routines.ROUTINE_IDS:
        raise InputError(f"rotina desconhecida: '{routine}' (válidas: {', '.join(routines.ROUTINE_IDS)})")
    if zone < 1:
        raise InputError(f"zona inválida: {zone}")
    settings = Settings.load()
    settings.require_pje()
    configure_logging(settings, level="WARNING")
    instance = routines.get(routine)
    if instance is None:
        console.print(f"[yellow]rotina '{routine}' ainda não implementada: lendo as tarefas da zona[/yellow]")
        cpf, password = settings.require_pje()
        print_tasks(
            read_zone_tasks(settings, zone=zone, run_id=new_run_id(), cpf=cpf, password=password), zone
        )
        return
    db = Database.from_settings(settings)
    try:
        triage = Triage(settings, instance, zone, db=db)
        with Progress(
            TextColumn("[bold]{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=console, disable=not sys.stderr.isatty() and not console.is_terminal, transient=False,
        ) as progress:  # fmt: skip
            bar = progress.add_task(f"{routine} – {zone}ª ZE", total=None)

            def advance(message: str) -> None:
                progress.update(bar, advance=1, description=message[:60])

            summary = triage.run(limit=limit, concurrency=concurrency, progress=advance)
    finally:
        db.dispose()
    print_summary(summary)


def print_tasks(tasks: Sequence[TaskCount], zone: int) -> None:
    table = Table(title=f"Tarefas pendentes – {zone}ª Zona Eleitoral")
    table.add_column("Tarefa")
    table.add_column("Quantidade", justify="right")
    for task in tasks:
        table.add_row(task.name, str(task.count))
    console.print(table)


def print_summary(summary: TriageSummary) -> None:
    proposed = summary.by_state(State.PROPOSED)
    manual = summary.by_state(State.MANUAL)
    failed = summary.by_state(State.FAILED)
    table = Table(title=f"Execução {summary.run_id} – {summary.routine} – {summary.zone}ª ZE")
    for column in ("item", "processo", "situação", "resultado", "confiança", "motivo"):
        table.add_column(column)
    for o in proposed + manual + failed + summary.skipped:
        conf = f"{o.confidence:.2f}" if o.confidence is not None else ""
        table.add_row(o.item, o.process, o.state, o.label or "", conf, (o.reason or "")[:80])
    console.print(table)
    console.print(
        f"propostos: [green]{len(proposed)}[/green]  manuais: [yellow]{len(manual)}[/yellow]  "
        f"falhas: [red]{len(failed)}[/red]  já na fila: {len(summary.skipped)}"
    )
    if proposed:
        console.print(
            "Aguardando validação humana: [bold]jano queue list[/bold] / "
            "[bold]jano queue approve ID --as LOGIN[/bold]"
        )
