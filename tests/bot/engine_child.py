"""Worker process for the engine recovery test: ``python -m tests.bot.engine_child start|resume DB ITEM LOG``.

``start`` launches the engine, starts the item's workflow and blocks until killed; ``resume`` launches
the engine (DBOS recovers the pending workflow) and waits for the workflow to end.
"""

from __future__ import annotations

import sys
import threading

from bot.db import Database
from bot.engine import Engine
from bot.settings import Settings
from tests.bot.engine_fakes import fake_hooks


def main() -> None:
    mode, db_url, item_id, log = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
    settings = Settings.load(db={"url": db_url})
    db = Database.from_settings(settings)
    engine = Engine(settings, fake_hooks(db, log), db=db, polling_interval_s=0.05).launch()
    if mode == "start":
        engine.start_item(item_id)
        threading.Event().wait()  # until SIGKILL
    else:
        sys.stdout.write(engine.result(item_id) + "\n")
        engine.shutdown()


if __name__ == "__main__":
    main()
