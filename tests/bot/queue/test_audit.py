from __future__ import annotations

import sqlite3
import threading

from bot.core import hashing
from bot.queue import audit
from bot.queue.db import Database
from bot.queue.db import sqlite_path as db_file
from tests.bot.factories import proposed_item


def _fill(database: Database) -> None:
    with database.session() as s:
        proposed_item(s, 600251)
        proposed_item(s, 600252)
        audit.append(s, actor="bot", event="note", data={"x": 1, "texto": "ação"})


def test_verify_should_accept_an_untouched_chain(db: Database) -> None:
    _fill(db)
    with db.session() as s:
        result = audit.verify(s)
        assert result.ok
        assert result.records == audit.count(s) >= 7


def test_verify_should_detect_a_row_edited_through_sql(db: Database) -> None:
    _fill(db)
    path = db_file(db.url)
    assert path is not None
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE audit SET data = ? WHERE seq = 3", ('{"from":"READING","to":"MANUAL"}',))
    with db.session() as s:
        result = audit.verify(s)
    assert not result.ok
    assert result.first_bad_seq == 3


def test_verify_should_detect_a_deleted_row_and_a_recomputed_hash(db: Database) -> None:
    _fill(db)
    path = db_file(db.url)
    assert path is not None
    with sqlite3.connect(path) as conn:
        conn.execute("DELETE FROM audit WHERE seq = 2")
    with db.session() as s:
        assert audit.verify(s).first_bad_seq == 3
    with sqlite3.connect(path) as conn:
        conn.execute(
            "INSERT INTO audit SELECT 2, at, actor, item_id, event, data, prev_hash, hash "
            "FROM audit WHERE seq=1"
        )
    with db.session() as s:
        # a forged copy of row 1 at seq 2 does not link: its prev_hash is the genesis, not row 1's hash
        assert audit.verify(s).first_bad_seq == 2


def test_pseudonymize_should_be_keyed_stable_and_hide_the_cpf() -> None:
    cpf = "52998224725"
    first = hashing.pseudonymize(cpf, "key-a")
    assert first == hashing.pseudonymize(cpf, "key-a")
    assert first != hashing.pseudonymize(cpf, "key-b")
    assert cpf not in first
    assert first.startswith("pseud:")


def test_canonical_json_should_not_depend_on_key_order() -> None:
    assert hashing.canonical_json({"b": 1, "a": [1, "é"]}) == hashing.canonical_json({"a": [1, "é"], "b": 1})


def test_append_should_keep_one_chain_under_concurrent_writers(db: Database) -> None:
    def writer(n: int) -> None:
        for i in range(15):
            with db.session() as s:
                audit.append(s, actor="bot", event="note", data={"writer": n, "i": i})

    threads = [threading.Thread(target=writer, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with db.session() as s:
        result = audit.verify(s)
        assert result.ok, result
        assert result.records == 60
