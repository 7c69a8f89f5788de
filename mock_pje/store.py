"""SQLite persistence of the mock's state (a file, or ``:memory:``): one JSON row per object.

The live objects stay in memory (``MockState``); every write goes through here too, so a mock
started again on the same file finds the processes, documents, ledger and clock where it left them.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from dataclasses import asdict
from pathlib import Path
from typing import Any

from fixtures.world import Document, Process, Truth, User, World

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS users (cpf TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS processes (id INTEGER PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS documents (id INTEGER PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS truth (process TEXT PRIMARY KEY, data TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS ledger (seq INTEGER PRIMARY KEY, data TEXT NOT NULL);
"""


class Store:
    def __init__(self, path: Path | None) -> None:
        target = str(path) if path is not None else ":memory:"
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
        self._lock = threading.RLock()
        self._db = sqlite3.connect(target, check_same_thread=False, isolation_level=None)
        self._db.execute("PRAGMA journal_mode=WAL" if path is not None else "PRAGMA journal_mode=MEMORY")
        self._db.execute("PRAGMA synchronous=NORMAL")
        self._db.executescript(_SCHEMA)

    def close(self) -> None:
        with self._lock:
            self._db.close()

    # -- meta ---------------------------------------------------------------------------------------------
    def get_meta(self, key: str) -> Any:
        row = self._db.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return json.loads(row[0]) if row else None

    def set_meta(self, key: str, value: Any) -> None:
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (key, json.dumps(value)))

    # -- world --------------------------------------------------------------------------------------------
    def save_world(self, world: World, meta: dict[str, Any]) -> None:
        with self._lock:
            self._db.execute("BEGIN")
            for table in ("meta", "users", "processes", "documents", "truth", "ledger"):
                self._db.execute(f"DELETE FROM {table}")  # noqa: S608 - fixed table names
            self._db.executemany(
                "INSERT INTO meta VALUES (?, ?)", [(k, json.dumps(v)) for k, v in meta.items()]
            )
            self._db.executemany("INSERT INTO users VALUES (?, ?)", [(u.cpf, _dump(u)) for u in world.users])
            self._db.executemany(
                "INSERT INTO processes VALUES (?, ?)", [(p.id, _dump(p)) for p in world.processes]
            )
            self._db.executemany(
                "INSERT INTO documents VALUES (?, ?)", [(d.id, _dump(d)) for d in world.documents]
            )
            self._db.executemany(
                "INSERT INTO truth VALUES (?, ?)", [(t.process, _dump(t)) for t in world.truth]
            )
            self._db.execute("COMMIT")

    def load_world(self) -> World | None:
        meta = self.get_meta("world")
        if meta is None:
            return None
        rows = {
            t: [json.loads(r[0]) for r in self._db.execute(f"SELECT data FROM {t}")]  # noqa: S608
            for t in ("users", "processes", "documents", "truth")
        }
        return World(
            seed=meta["seed"],
            tribunal=meta["tribunal"],
            zones=meta["zones"],
            users=[User(**r) for r in rows["users"]],
            processes=sorted((Process(**r) for r in rows["processes"]), key=lambda p: p.id),
            documents=sorted((Document(**r) for r in rows["documents"]), key=lambda d: d.id),
            truth=[Truth(**r) for r in rows["truth"]],
        )

    def save_process(self, process: Process) -> None:
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO processes VALUES (?, ?)", (process.id, _dump(process)))

    def save_document(self, document: Document) -> None:
        with self._lock:
            self._db.execute("INSERT OR REPLACE INTO documents VALUES (?, ?)", (document.id, _dump(document)))

    # -- ledger -------------------------------------------------------------------------------------------
    def append_ledger(self, seq: int, entry: dict[str, Any]) -> None:
        with self._lock:
            self._db.execute("INSERT INTO ledger VALUES (?, ?)", (seq, json.dumps(entry, ensure_ascii=False)))

    def load_ledger(self) -> list[dict[str, Any]]:
        return [json.loads(r[0]) for r in self._db.execute("SELECT data FROM ledger ORDER BY seq")]


def _dump(obj: Any) -> str:
    return json.dumps(asdict(obj), ensure_ascii=False)
