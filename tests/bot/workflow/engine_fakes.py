"""Fake routine and executor hooks for the durable-workflow tests: they act on the real project tables."""

from __future__ import annotations

from pathlib import Path

from bot.queue import approvals
from bot.queue.db import Database
from bot.queue.workitems import State, get_item, transition
from bot.workflow.durable import Hooks
from tests.bot.factories import sample_action


def fake_hooks(
    db: Database,
    log: str | Path,
    *,
    fail_read: Exception | None = None,
    fail_execute: Exception | None = None,
) -> Hooks:
    """read_propose proposes the sample action; execute appends '<item> <payload hash>' to ``log``."""

    def read_propose(item_id: int) -> None:
        with db.session() as s:
            item = get_item(s, item_id)
            transition(s, item, State.READING, actor="bot")
        if fail_read is not None:
            raise fail_read
        with db.session() as s:
            item = get_item(s, item_id)
            approvals.propose(s, item, sample_action(item.process, item.zone))

    def execute(item_id: int) -> None:
        with db.session() as s:
            action = approvals.assert_executable(s, get_item(s, item_id))
        if fail_execute is not None:
            raise fail_execute
        with open(log, "a", encoding="utf-8") as out:
            out.write(f"{item_id} {action.payload_hash()}\n")

    return Hooks(read_propose=read_propose, execute=execute)
