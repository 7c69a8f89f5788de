"""The product's first law, proven against the real mock in real Chromium: nothing is written to PJe
without a recorded human approval of that exact action."""

from __future__ import annotations

from collections import Counter

import pytest

import routines
from bot.pipeline.executor import Executor
from bot.pipeline.triage import Triage
from bot.queue import approvals, users
from bot.queue.workitems import State
from tests.doubles import OracleClassifier
from tests.e2e.helpers import (
    SUPERVISOR_PASSWORD,
    add_supervisor,
    approve_all,
    bot_writes,
    busiest_zone,
    items_in,
)

pytestmark = pytest.mark.e2e


@pytest.fixture
def triaged(settings, mock, db, browser):
    zone = busiest_zone(mock, "Minutar sentença")
    routine = routines.get("contas-minuta-sentenca")
    triage = Triage(
        settings, routine, zone, db=db, classifier_for=lambda _: OracleClassifier(mock), browser=browser
    )
    summary = triage.run(limit=10)  # the oracle sends divergent processes to MANUAL
    add_supervisor(db, zone)
    proposed = [o for o in summary.outcomes if o.state == State.PROPOSED.value]
    assert len(proposed) >= 2, f"the seeded zone should yield proposals: {summary.outcomes}"
    return summary


def _execute(settings, db, browser):
    return Executor(settings, db=db, browser=browser).run()


def test_triage_and_execute_without_approval_should_write_nothing(
    triaged, settings, db, browser, mock
) -> None:
    assert triaged.outcomes
    assert bot_writes(mock) == []
    assert _execute(settings, db, browser) == []
    assert bot_writes(mock) == []


def test_approving_one_item_should_execute_that_item_only(triaged, settings, db, browser, mock) -> None:
    first = items_in(db, State.PROPOSED)[0]
    approve_all(db, only=[first.id])
    results = _execute(settings, db, browser)
    assert [r.item for r in results] == [first.code] and results[0].state == State.DONE.value
    writes = bot_writes(mock)
    assert writes and {w["process"] for w in writes} == {first.process}
    assert Counter(w["action"] for w in writes) == Counter(
        {"salvar_minuta": 1, "etiquetar": 1, "transicao": 1}
    )


def test_an_edit_after_approval_should_execute_nothing_until_approved_again(
    triaged, settings, db, browser, mock
) -> None:
    item = items_in(db, State.PROPOSED)[0]
    approve_all(db, only=[item.id])
    with db.session() as session:
        user = users.authenticate(session, "chefe", SUPERVISOR_PASSWORD)
        action = approvals.current_action(session, session.merge(item))
        assert action is not None and action.draft is not None
        approvals.edit(
            session, item.id, user, action.draft.body.replace("Publique-se.", "Publique-se com urgência.")
        )
    assert _execute(settings, db, browser) == []
    assert bot_writes(mock) == []
    approve_all(db, only=[item.id])
    results = _execute(settings, db, browser)
    assert [r.state for r in results] == [State.DONE.value]
    saved = [w for w in bot_writes(mock) if w["action"] == "salvar_minuta"]
    assert len(saved) == 1
    with mock.admin() as client:
        doc = client.get(f"/_mock/documents/{saved[0]['document_id']}").json()
    assert "Publique-se com urgência." in doc["text"]


def test_a_rejected_item_should_never_be_executed(triaged, settings, db, browser, mock) -> None:
    item = items_in(db, State.PROPOSED)[0]
    with db.session() as session:
        user = users.authenticate(session, "chefe", SUPERVISOR_PASSWORD)
        approvals.reject(session, item.id, user, "minuta não confere com os autos")
    approve_all(db)  # every other item
    _execute(settings, db, browser)
    writes = bot_writes(mock)
    assert writes, "the other approved items should have been executed"
    assert item.process not in {w["process"] for w in writes}
    assert [i.id for i in items_in(db, State.REJECTED)] == [item.id]
