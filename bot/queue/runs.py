"""Run records: one per ``jano run`` (routine, zone, settings digest, model version, counts)."""

from __future__ import annotations

import secrets
from collections import Counter
from typing import TYPE_CHECKING, Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core import hashing
from bot.core.errors import InputError
from bot.queue import audit
from bot.queue.tables import Run, WorkItem, utcnow

if TYPE_CHECKING:
    from bot.config.settings import Settings


def settings_digest(settings: Settings) -> str:
    """sha256 of the settings with secrets left out: two runs with the same digest ran the same way."""
    data = settings.model_dump(mode="json", exclude={"pje": {"password"}, "console": {"secret_key"}})
    data.get("logging", {}).pop("pseudonym_key", None)
    return hashing.sha256_hex(hashing.canonical_json(data))


def new_run_id() -> str:
    """``R20250101-123456-ab12``: sortable by start time, unique enough across workers."""
    return f"R{utcnow():%Y%m%d-%H%M%S}-{secrets.token_hex(2)}"


def start_run(
    session: Session,
    *,
    routine: str,
    zone: int,
    settings: Settings,
    model_version: str | None = None,
    params: dict[str, Any] | None = None,
    actor: str = audit.BOT_ACTOR,
) -> Run:
    run = Run(
        id=new_run_id(),
        routine=routine,
        zone=zone,
        settings_digest=settings_digest(settings),
        model_version=model_version,
        counts={},
        params=params or {},
    )
    session.add(run)
    session.flush()
    audit.append(
        session,
        actor=actor,
        event="run_started",
        data={
            "run_id": run.id,
            "routine": routine,
            "zone": zone,
            "settings_digest": run.settings_digest,
            "model_version": model_version,
        },
    )
    return run


def item_counts(session: Session, run_id: str) -> dict[str, int]:
    """Items of the run by state."""
    states = session.execute(select(WorkItem.state).where(WorkItem.run_id == run_id)).scalars()
    return dict(Counter(states))


def finish_run(session: Session, run: Run, *, actor: str = audit.BOT_ACTOR) -> Run:
    """Stamp the end and store the counts of the run's items by state."""
    run.finished_at = utcnow()
    run.counts = item_counts(session, run.id)
    session.flush()
    audit.append(session, actor=actor, event="run_finished", data={"run_id": run.id, "counts": run.counts})
    return run


def get_run(session: Session, run_id: str) -> Run:
    run = session.get(Run, run_id)
    if run is None:
        raise InputError(f"execução não encontrada: {run_id}")
    return run
