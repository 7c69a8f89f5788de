from __future__ import annotations

import pytest

from bot.config.settings import Settings
from bot.core.errors import InputError
from bot.queue import runs
from bot.queue.db import Database
from bot.queue.workitems import State, create_item, transition
from tests.bot.factories import ROUTINE, process_number


def test_settings_digest_should_ignore_secrets_and_follow_settings() -> None:
    base = Settings.load()
    with_secret = Settings.load(pje={"password": "outra-senha"}, console={"secret_key": "k"})
    other = Settings.load(pje={"retries": 9})
    assert runs.settings_digest(base) == runs.settings_digest(with_secret)
    assert runs.settings_digest(base) != runs.settings_digest(other)


def test_run_should_record_digest_model_and_counts_by_state(db: Database) -> None:
    settings = Settings.load()
    with db.session() as s:
        run = runs.start_run(s, routine=ROUTINE, zone=16, settings=settings, model_version="contas-1")
        a = create_item(s, routine=ROUTINE, process=process_number(600251), zone=16, run_id=run.id)
        b = create_item(s, routine=ROUTINE, process=process_number(600252), zone=16, run_id=run.id)
        create_item(s, routine=ROUTINE, process=process_number(600253), zone=16)  # another run
        transition(s, a, State.READING, actor="bot")
        transition(s, b, State.READING, actor="bot")
        transition(s, b, State.MANUAL, actor="bot", reason="pareceres divergentes")
        runs.finish_run(s, run)
        run_id = run.id
    with db.session() as s:
        stored = runs.get_run(s, run_id)
        assert stored.counts == {"READING": 1, "MANUAL": 1}
        assert stored.settings_digest == runs.settings_digest(settings)
        assert stored.model_version == "contas-1"
        assert stored.finished_at is not None and stored.finished_at >= stored.started_at
        with pytest.raises(InputError):
            runs.get_run(s, "R-nao-existe")
