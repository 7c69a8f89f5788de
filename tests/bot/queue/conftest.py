"""Fixtures of the queue tests: a fresh project database (a real SQLite file under tmp_path)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.queue.db import Database


@pytest.fixture(name="db")
def db_fixture(tmp_path: Path) -> Iterator[Database]:
    database = Database(f"sqlite:///{tmp_path / 'var' / 'jano.db'}")
    database.create_all()
    yield database
    database.dispose()
