"""Shared pieces of the end-to-end tests: supervisors, ledger reads, a `jano` subprocess's environment
(the classifier double: tests.doubles)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from bot.config.settings import Settings
from bot.queue import approvals, users, workitems
from bot.queue.db import Database
from bot.queue.workitems import State
from mock_pje.launcher import MockHandle

SUPERVISOR_PASSWORD = "senha-do-chefe-123"
REPO = Path(__file__).resolve().parents[2]


def add_supervisor(db: Database, zone: int, login: str = "chefe") -> Any:
    with db.session() as session:
        return users.add_user(session, login, role="supervisor", zones=[zone], password=SUPERVISOR_PASSWORD)


def approve_all(
    db: Database, login: str = "chefe", *, only: list[int] | None = None, zone: int | None = None
) -> list[int]:
    approved = []
    with db.session() as session:
        user = users.authenticate(session, login, SUPERVISOR_PASSWORD)
        for item in workitems.list_items(session, state=State.PROPOSED):
            if only is not None and item.id not in only:
                continue
            if zone is not None and item.zone != zone:
                continue
            proposal = approvals.current_proposal(session, item)
            assert proposal is not None
            approvals.approve(session, item.id, user, proposal.payload_hash)
            approved.append(item.id)
    return approved


def bot_writes(mock: MockHandle) -> list[dict[str, Any]]:
    """Every write the designated servant (the bot) made, from the mock's ledger."""
    with mock.admin() as client:
        ledger = client.get("/_mock/ledger").raise_for_status().json()
    return [entry for entry in ledger if entry["actor_cpf"] == mock.servant_cpf]


def items_in(db: Database, state: State) -> list[Any]:
    with db.session() as session:
        items = workitems.list_items(session, state=state)
        session.expunge_all()
        return items


def busiest_zone(mock: MockHandle, task: str) -> int:
    """The seeded zone with the most processes in ``task`` (tests need some of each kind)."""
    return max(mock.state.zones, key=lambda z: mock.state.task_counts(z).get(task, 0))


def executor_env(settings: Settings, mock: MockHandle) -> dict[str, str]:
    """The environment of a `jano` subprocess (executor, worker) pointed at ``mock`` and the test's
    database and var dir; the developer's JANO_* variables are left out."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("JANO_")}
    env.update(
        JANO_PJE__BASE_URL=mock.base_url,
        JANO_PJE__CPF=mock.servant_cpf,
        JANO_PJE__PASSWORD=mock.servant_password,
        JANO_DB__URL=settings.db.url,
        JANO_VAR_DIR=str(settings.var_dir),
        JANO_LOGGING__DIR=str(settings.logging.dir),
        PYTHONPATH=str(REPO),
    )
    return env
