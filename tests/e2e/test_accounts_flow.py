"""Minuta Sentença → approve → execute → the judge signs → Código Julgamento → approve → execute,
against the real mock in real Chromium: every movement and communication lands once."""

from __future__ import annotations

from collections import Counter

import pytest

import routines
from bot.core.documents import html_to_text
from bot.pipeline.executor import Executor
from bot.pipeline.triage import Triage
from bot.queue import approvals, workitems
from bot.queue.db import Database
from bot.queue.workitems import State
from bot.vocabulary.domain import MOVEMENTS
from bot.vocabulary.outcomes import judgment_movement
from tests.doubles import OracleClassifier
from tests.e2e.helpers import (
    add_supervisor,
    approve_all,
    bot_writes,
    busiest_zone,
    items_in,
)

pytestmark = pytest.mark.e2e


def _triage(settings, db, browser, oracle, routine_id: str, zone: int):
    routine = routines.get(routine_id)
    return Triage(settings, routine, zone, db=db, classifier_for=lambda _: oracle, browser=browser).run()


def _learn_drafts(db: Database, oracle: OracleClassifier) -> None:
    """The judge signs the bot's drafts unchanged: the double must know their outcome too."""
    with db.session() as session:
        for item in workitems.list_items(session, state=State.DONE):
            action = approvals.current_action(session, item)
            if action is not None and action.draft is not None and item.label:
                oracle.learn(html_to_text(action.draft.body), item.label)


def test_accounts_flow_should_launch_judgment_movements_and_communications_once(
    settings, db, browser, mock
) -> None:
    zone = busiest_zone(mock, "Minutar sentença")
    add_supervisor(db, zone)
    oracle = OracleClassifier(mock)
    minuta = _triage(settings, db, browser, oracle, "contas-minuta-sentenca", zone)
    drafted = {o.process: o.label for o in minuta.outcomes if o.state == State.PROPOSED.value}
    assert drafted, minuta.outcomes
    approve_all(db)
    assert {r.state for r in Executor(settings, db=db, browser=browser).run()} == {State.DONE.value}

    with mock.admin() as client:
        signed = client.post("/_mock/sign", json={"zone": zone}).raise_for_status().json()
        truth = {row["process"]: row for row in client.get("/_mock/truth").json()}
    signed_processes = {s["process"] for s in signed["signed"]}
    assert set(drafted) <= signed_processes

    _learn_drafts(db, oracle)
    codigo = _triage(settings, db, browser, oracle, "contas-codigo-julgamento", zone)
    proposed = {o.process: o.label for o in codigo.outcomes if o.state == State.PROPOSED.value}
    assert set(drafted) <= set(proposed), "every sentença the bot drafted should now be judged"
    for process, label in proposed.items():
        expected = drafted.get(process) or truth[process]["expected_label"]
        assert label == expected
    approve_all(db)
    results = Executor(settings, db=db, browser=browser).run()
    assert results and {r.state for r in results} == {State.DONE.value}

    writes = [w for w in bot_writes(mock) if w["process"] in proposed]
    for process, label in proposed.items():
        mine = [w for w in writes if w["process"] == process]
        code = MOVEMENTS[judgment_movement(truth[process]["class"], label)].code
        launched = [c for w in mine if w["action"] == "lancar_movimentos" for c in w["movement_codes"]]
        assert launched == [code], process
        channels = Counter(w["detail"]["channel"] for w in mine if w["action"] == "preparar_comunicacao")
        assert channels == Counter({"Diário de Justiça Eletrônico": 1, "Sistema": 1}), process

    before = len(bot_writes(mock))
    assert Executor(settings, db=db, browser=browser).run() == []
    assert len(bot_writes(mock)) == before
    assert not items_in(db, State.FAILED)
