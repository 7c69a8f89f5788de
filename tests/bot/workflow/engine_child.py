"""Worker process for the workflow recovery tests:
``python -m tests.bot.workflow.engine_child MODE DB ITEM LOG``.

``start`` launches ItemWorkflows, starts the item's workflow and blocks until killed; ``start-hang`` does
the same but its execute hook writes ``begin`` to LOG and hangs (killed mid-execution); ``resume``
launches DBOS again (it recovers the pending workflow) and waits for the workflow to end.
"""

from __future__ import annotations

import sys
import threading

from bot.config.settings import Settings
from bot.queue.db import Database
from bot.workflow.durable import Hooks, ItemWorkflows
from tests.bot.workflow.engine_fakes import fake_hooks


def main() -> None:
    mode, db_url, item_id, log = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    settings = Settings.load(db={"url": db_url})
    db = Database.from_settings(settings)
    hooks = fake_hooks(db, log)
    if mode == "start-hang":
        hooks = Hooks(read_propose=hooks.read_propose, execute=lambda _item_id: _hang(log))
    workflows = ItemWorkflows(settings, hooks, db=db, polling_interval_s=0.05).launch()
    if mode.startswith("start"):
        workflows.start_item(item_id)
        threading.Event().wait()  # until SIGKILL
    else:
        sys.stdout.write(workflows.result(item_id) + "\n")
        workflows.shutdown()


def _hang(log: str) -> None:
    with open(log, "a", encoding="utf-8") as out:
        out.write("begin\n")
    threading.Event().wait()  # until SIGKILL


if __name__ == "__main__":
    main()
