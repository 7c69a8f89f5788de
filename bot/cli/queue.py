"""``jano queue ...``, ``jano execute`` and ``jano worker``: the approval queue from a terminal.

Supervisor actions (approve, reject, edit) authenticate the ``--as`` login with the password from
``JANO_APPROVER_PASSWORD`` or a hidden prompt; a wrong password records nothing. Bad input (unknown
id, item in the wrong state, unknown user) ends with one pt-BR line on stderr and exit code 2.
"""

from __future__ import annotations

import json
import os
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import typer
from rich.console import Console
from rich.markup import escape
from rich.table import Table
from sqlalchemy.orm import Session

from bot.cli.errors import one_line_errors
from bot.config.logging import configure_logging
from bot.config.settings import Settings
from bot.core.errors import BotError, InputError
from bot.queue import approvals, audit, workitems
from bot.queue.db import Database, sqlite_path, system_database_url
from bot.queue.tables import User, WorkItem
from bot.queue.users import authenticate

APPROVER_PASSWORD_ENV = "JANO_APPROVER_PASSWORD"

app = typer.Typer(help="Fila de ações propostas aguardando validação humana.", no_args_is_help=True)


def _out() -> Console:
    # Built per call so the terminal width (COLUMNS) and redirected streams are read when printing.
    return Console()


LOGIN_OPTION = typer.Option(
    ..., "--as", help="login do supervisor que decide (senha: JANO_APPROVER_PASSWORD)"
)


audit_app = typer.Typer(help="Trilha de auditoria (encadeada por hash).", no_args_is_help=True)


def register(root: typer.Typer) -> None:
    """Add top-level commands that belong to the queue (``execute``, ``worker``, ``audit verify``)."""
    root.command("execute")(execute)
    root.command("worker")(worker)
    root.add_typer(audit_app, name="audit")


@audit_app.command("verify")
def audit_verify() -> None:
    """Confere o encadeamento de hashes de toda a trilha de auditoria (exit 1 se adulterada)."""
    with one_line_errors():
        settings = Settings.load()
        db = _database(settings)
        with db.session() as s:
            result = audit.verify(s)
        db.dispose()
        if not result.ok:
            raise BotError(
                f"trilha de auditoria adulterada no registro #{result.first_bad_seq}: {result.problem}"
            )
    _out().print(f"Trilha de auditoria íntegra: {result.records} registro(s).")


def _database(settings: Settings) -> Database:
    return Database.from_settings(settings)


def approver_password(login: str) -> str:
    """The approver's password: ``JANO_APPROVER_PASSWORD``, else a hidden prompt on a terminal."""
    value = os.environ.get(APPROVER_PASSWORD_ENV)
    if value:
        return value
    if not sys.stdin.isatty():
        raise InputError(f"senha do aprovador ausente: defina {APPROVER_PASSWORD_ENV} ou use um terminal")
    return str(typer.prompt(f"Senha de {login}", hide_input=True))


def _authenticated(session: Session, login: str) -> User:
    return authenticate(session, login, approver_password(login))


# --- list / show -------------------------------------------------------------------------------------


@app.command("list")
def list_items(
    zone: int | None = typer.Option(None, "--zone", "-z", help="só itens desta zona"),
    status: str | None = typer.Option(None, "--status", "-s", help="só itens neste estado (ex.: PROPOSED)"),
    as_json: bool = typer.Option(False, "--json", help="um array JSON em vez da tabela"),
) -> None:
    """Lista os itens da fila (por padrão, todos os estados)."""
    with one_line_errors():
        state = workitems.parse_state(status) if status else None
        settings = Settings.load()
        db = _database(settings)
        with db.session() as s:
            rows = [item_dict(s, item) for item in workitems.list_items(s, zone=zone, state=state)]
        db.dispose()
    if as_json:
        sys.stdout.write(json.dumps(rows, ensure_ascii=False) + "\n")
        return
    table = Table(title=f"Fila do jano – {len(rows)} item(ns)")
    for column in ("ID", "Zona", "Rotina", "Processo", "Estado"):
        table.add_column(column, no_wrap=True)
    for column in ("Rótulo", "Confiança", "Sinais", "Motivo"):
        table.add_column(column, overflow="fold")
    for row in rows:
        confidence = "" if row["confidence"] is None else f"{row['confidence']:.2f}"
        table.add_row(
            row["code"],
            str(row["zone"]),
            row["routine"],
            row["process"],
            row["state"],
            row["label"] or "",
            confidence,
            ", ".join(row["flags"]),
            escape(row["reason"] or ""),
        )
    _out().print(table)


def item_dict(session: Session, item: WorkItem) -> dict[str, Any]:
    """The JSON shape of an item (``jano queue list --json`` and the console)."""
    proposal = approvals.current_proposal(session, item)
    return {
        "id": item.id,
        "code": item.code,
        "zone": item.zone,
        "routine": item.routine,
        "process": item.process,
        "state": item.state,
        "label": item.label,
        "confidence": item.confidence,
        "flags": list(item.flags or []),
        "reason": item.reason,
        "run_id": item.run_id,
        "proposal_version": item.proposal_version,
        "payload_hash": proposal.payload_hash if proposal is not None else None,
        "trace_path": item.trace_path,
        "created_at": item.created_at.isoformat() if item.created_at else None,
        "updated_at": item.updated_at.isoformat() if item.updated_at else None,
    }


@app.command("show")
def show(item_id: str = typer.Argument(..., help="id do item (123 ou JN-000123)")) -> None:
    """Mostra um item: minuta, movimentos, comunicações, evidências, hash da proposta e histórico."""
    with one_line_errors():
        settings = Settings.load()
        db = _database(settings)
        with db.session() as s:
            item = workitems.get_item(s, item_id)
            _print_item(s, item)
        db.dispose()


def _print_item(s: Session, item: WorkItem) -> None:
    _out().rule(f"[bold]{item.code}[/bold] – {item.process}")
    _out().print(f"Rotina: {item.routine}   Zona: {item.zone}ª   Estado: [bold]{item.state}[/bold]")
    if item.label:
        confidence = f" ({item.confidence:.2f})" if item.confidence is not None else ""
        _out().print(f"Rótulo: {item.label}{confidence}")
    if item.flags:
        _out().print(f"Sinais: {', '.join(item.flags)}")
    if item.reason:
        _out().print(f"Motivo: {escape(item.reason)}")
    if item.trace_path:
        _out().print(f"Rastro: {item.trace_path}")
    proposal = approvals.current_proposal(s, item)
    action = approvals.current_action(s, item)
    if proposal is None or action is None:
        _out().print("Sem proposta.")
    else:
        _out().print(f"Tarefa: {action.task}   Transição: {action.transition or '—'}")
        _out().print(f"Tags: {', '.join(action.tags) or '—'}")
        if action.draft is not None:
            d = action.draft
            _out().rule(f"Minuta: {d.document_type} – modelo {d.template_id} v{d.template_version}")
            from bot.core.documents import html_to_text  # pypdf with it: only when a draft is shown

            _out().print(escape(html_to_text(d.body) if d.body_format == "html" else d.body), highlight=False)
            if d.ai_footer:
                _out().print(f"[dim]{escape(d.ai_footer)}[/dim]")
        if action.movements:
            table = Table(title="Movimentos")
            for column in ("Código", "Nome", "Complementos"):
                table.add_column(column, overflow="fold")
            for m in action.movements:
                comp = "; ".join(f"{k}={v}" for k, v in m.complementos.items())
                table.add_row(str(m.code), m.name, escape(comp))
            _out().print(table)
        if action.communications:
            table = Table(title="Comunicações")
            for column in ("Meio", "Destinatários", "Prazo (dias)", "Documento"):
                table.add_column(column, overflow="fold")
            for c in action.communications:
                table.add_row(
                    str(c.channel),
                    escape(", ".join(c.addressees)),
                    str(c.deadline_days),
                    c.linked_document or "—",
                )
            _out().print(table)
        _print_evidence(action.meta)
        _out().print(f"Versão da proposta: {proposal.version}")
        _out().print(f"Hash da proposta: [bold]{proposal.payload_hash}[/bold]")
    _print_history(s, item)


def _print_evidence(meta: Any) -> None:
    lines: list[str] = []
    if meta.model is not None:
        lines.append(f"Modelo: {meta.model.name} v{meta.model.version}")
    if meta.threshold is not None:
        lines.append(f"Limiar: {meta.threshold:.2f}")
    if meta.alternatives:
        alts = ", ".join(f"{k} {v:.2f}" for k, v in sorted(meta.alternatives.items(), key=lambda kv: -kv[1]))
        lines.append(f"Alternativas: {alts}")
    for doc in meta.documents:
        lines.append(f"Documento lido: {doc.id} {doc.type} sha256={doc.sha256[:16]}…")
    if meta.extraction is not None and meta.extraction.amount:
        lines.append(f"Valor: {meta.extraction.amount}  Fundamento: {meta.extraction.ground or '—'}")
        if meta.extraction.source_span is not None:
            lines.append(f"  trecho: “{meta.extraction.source_span.text}”")
    lines.extend(f"Evidência: “{e}”" for e in (*meta.explanation, *meta.evidence))
    if lines:
        _out().rule("Evidências")
        for line in lines:
            _out().print(escape(line), highlight=False)


def _print_history(s: Session, item: WorkItem) -> None:
    table = Table(title="Histórico")
    for column in ("#", "Quando", "Quem", "Evento", "Detalhe"):
        table.add_column(column, overflow="fold")
    for record in audit.records_for(s, item.id):
        data = audit.decoded(record)
        detail = f"{data['from']} → {data['to']}" if "from" in data and "to" in data else ""
        if data.get("reason"):
            detail += f" ({data['reason']})"
        table.add_row(
            str(record.seq), record.at[:19].replace("T", " "), record.actor, record.event, escape(detail)
        )
    _out().print(table)


# --- decisions ---------------------------------------------------------------------------------------


def _decide(item_id: str, login: str, act: Callable[[Session, WorkItem, User], str]) -> None:
    settings = Settings.load()
    db = _database(settings)
    with db.session() as s:
        user = _authenticated(s, login)
        item = workitems.get_item(s, item_id)
        message = act(s, item, user)
        number = item.id
    db.dispose()
    _out().print(message)
    # Wake the item's workflow if DBOS ever ran here (importing DBOS costs seconds otherwise).
    system_db = sqlite_path(system_database_url(settings))
    if system_db is None or system_db.exists():
        from bot.workflow.durable import notify_approval

        notify_approval(settings, number)


@app.command("approve")
def approve(
    item_id: str = typer.Argument(..., help="id do item (123 ou JN-000123)"),
    login: str = LOGIN_OPTION,
    payload_hash: str | None = typer.Option(
        None, "--hash", help="hash exibido por 'jano queue show' (prefixo de 8+ caracteres); recusa se mudou"
    ),
) -> None:
    """Aprova a proposta atual do item (vinculada ao hash do que será executado)."""

    def act(s: Session, item: WorkItem, user: User) -> str:
        proposal = approvals.current_proposal(s, item)
        if proposal is None:
            raise InputError(f"item {item.code} não tem proposta")
        bound = proposal.payload_hash
        if payload_hash is not None:
            if len(payload_hash) < 8 or not bound.startswith(payload_hash.lower()):
                raise approvals.StaleApproval(
                    f"o hash informado não é o da proposta atual do item {item.code}; "
                    "revise-a com 'jano queue show'"
                )
        approvals.approve(s, item.id, user, bound)
        return f"Item {item.code} aprovado por {user.login} (hash {bound[:12]}…)."

    with one_line_errors():
        _decide(item_id, login, act)


@app.command("reject")
def reject(
    item_id: str = typer.Argument(..., help="id do item (123 ou JN-000123)"),
    reason: str = typer.Option(..., "--reason", "-r", help="motivo da rejeição"),
    login: str = LOGIN_OPTION,
) -> None:
    """Rejeita a proposta do item com um motivo; o item nunca será executado."""

    def act(s: Session, item: WorkItem, user: User) -> str:
        approvals.reject(s, item.id, user, reason)
        return f"Item {item.code} rejeitado por {user.login}."

    with one_line_errors():
        _decide(item_id, login, act)


@app.command("edit")
def edit(
    item_id: str = typer.Argument(..., help="id do item (123 ou JN-000123)"),
    file: Path = typer.Option(..., "--file", "-f", help="arquivo com o novo texto da minuta"),
    login: str = LOGIN_OPTION,
) -> None:
    """Substitui o texto da minuta; qualquer aprovação anterior deixa de valer."""

    def act(s: Session, item: WorkItem, user: User) -> str:
        try:
            text = file.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise InputError(f"não foi possível ler {file}: {err.__class__.__name__}") from None
        new = approvals.edit(s, item.id, user, text)
        return f"Minuta do item {item.code} editada (versão {new.version}); aprove de novo para executar."

    with one_line_errors():
        _decide(item_id, login, act)


# --- execution ---------------------------------------------------------------------------------------


def execute(
    zone: int | None = typer.Option(None, "--zone", "-z", help="só itens aprovados desta zona"),
    concurrency: int = typer.Option(1, "--concurrency", min=1, max=16, help="itens em paralelo"),
) -> None:
    """Executa no PJe as ações aprovadas (uma vez cada, verificando o estado do PJe antes de gravar)."""
    with one_line_errors():
        settings = Settings.load()
        settings.require_pje()
        configure_logging(settings, level="WARNING")
        from bot.pipeline.executor import execute_approved  # imports Playwright: only when executing

        results = execute_approved(settings, zone=zone, concurrency=concurrency)
    if not results:
        _out().print("nenhuma ação aprovada aguardando execução")
        return
    table = Table(title="Execução das ações aprovadas")
    for column in ("item", "processo", "situação", "passos", "motivo"):
        table.add_column(column)
    for r in results:
        table.add_row(r.item, r.process, r.state, ", ".join(r.steps), (r.reason or "")[:80])
    _out().print(table)


def worker(
    interval: float = typer.Option(2.0, "--interval", min=0.2, help="segundos entre buscas de itens novos"),
) -> None:
    """Processo trabalhador DBOS: retoma workflows pendentes e executa aprovações até Ctrl-C."""
    with one_line_errors():
        settings = Settings.load()
        settings.require_pje()
        configure_logging(settings)
        from bot.workflow.hooks import serve

        stop = threading.Event()
        _out().print("worker ativo; Ctrl-C para parar")
        try:
            serve(settings, stop=stop, interval_s=interval)
        except KeyboardInterrupt:
            stop.set()
