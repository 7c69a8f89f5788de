"""Shared pieces of the end-to-end tests: a classifier double, supervisors, ledger reads."""

from __future__ import annotations

from typing import Any

from bot import approvals, users, workitems
from bot.db import Database
from bot.workitems import State
from classifiers import Prediction
from mock_pje.testing import MockHandle

SUPERVISOR_PASSWORD = "senha-do-chefe-123"


class OracleClassifier:
    """An engine-test double that knows the seeded label of each mock document (matched by its text).

    Engine tests (first law, exactly once) must not depend on a model's accuracy; the accuracy of the
    real fine-tuned classifier is measured by its own tests and by the end-to-end accuracy test.
    """

    def __init__(self, mock: MockHandle) -> None:
        self.known = [
            (" ".join(d.text.split())[-200:], d.label)
            for d in mock.state.documents.values()
            if d.label and d.text
        ]

    def learn(self, text: str, label: str) -> None:
        """Also know ``text`` (e.g. a sentença the bot drafted and the judge signed)."""
        self.known.append((" ".join(text.split()), label))

    def predict(self, texts: list[str]) -> list[Prediction]:
        out = []
        for text in texts:
            flat = " ".join(text.split())
            matches = [(len(key), lab) for key, lab in self.known if key and key in flat]
            label = max(matches)[1] if matches else None
            if label is None:
                out.append(Prediction(None, 0.3, True, reason="documento desconhecido"))
            else:
                out.append(
                    Prediction(label, 0.99, False, probabilities={label: 0.99}, evidence=[flat[-120:]])
                )
        return out


def add_supervisor(db: Database, zone: int, login: str = "chefe") -> Any:
    with db.session() as session:
        return users.add_user(session, login, role="supervisor", zones=[zone], password=SUPERVISOR_PASSWORD)


def approve_all(db: Database, login: str = "chefe", *, only: list[int] | None = None) -> list[int]:
    approved = []
    with db.session() as session:
        user = users.authenticate(session, login, SUPERVISOR_PASSWORD)
        for item in workitems.list_items(session, state=State.PROPOSED):
            if only is not None and item.id not in only:
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
