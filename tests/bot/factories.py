"""Builders of users, work items and proposed actions shared by the queue, CLI and workflow tests.

They act on real SQLite files under tmp_path (no DB mocks); the ``db`` fixture is in
``tests/bot/queue/conftest.py``.
"""

from __future__ import annotations

from sqlalchemy.orm import Session

from bot.core.cnj import make as make_cnj
from bot.queue import approvals, users, workitems
from bot.queue.tables import User, WorkItem
from bot.vocabulary.actions import (
    AuditMeta,
    CommunicationPlan,
    DocumentRead,
    Draft,
    ModelInfo,
    MovementPlan,
    ProposedAction,
)
from bot.vocabulary.domain import Channel

PASSWORD = "senha-forte-123"
ROUTINE = "contas-minuta-sentenca"


def process_number(seq: int = 600251, zone: int = 16) -> str:
    return make_cnj(seq, 2024, 5, zone)


def sample_action(
    process: str, zone: int = 16, body: str = "<p>JULGO APROVADAS as contas.</p>"
) -> ProposedAction:
    return ProposedAction(
        routine=ROUTINE,
        process=process,
        zone=zone,
        task="Minutar sentença",
        draft=Draft(
            document_type="Sentença",
            template_id="sentenca-aprovacao",
            template_version="3",
            title="Sentença",
            body=body,
            ai_footer="Documento elaborado com auxílio da ferramenta de Inteligência Artificial JANO",
        ),
        movements=(
            MovementPlan(code=60, name="Expedição de documento", complementos={"tipo_de_documento": "118"}),
        ),
        communications=(
            CommunicationPlan(
                channel=Channel.DJE, addressees=("Prestador",), deadline_days=3, linked_document="draft"
            ),
        ),
        tags=("JANO_TRIADO",),
        transition="Assinar",
        meta=AuditMeta(
            documents=(DocumentRead(id="101", type="Parecer Técnico Conclusivo", sha256="a" * 64),),
            model=ModelInfo(name="contas", version="1", weights_hash="b" * 64, data_hash="c" * 64),
            label="APROVACAO",
            confidence=0.97,
            alternatives={"APROVACAO_COM_RESSALVAS": 0.02},
            threshold=0.8,
            explanation=("opina pela aprovação das contas",),
        ),
    )


def add_user(session: Session, login: str, role: str = "supervisor", zones: tuple[int, ...] = (16,)) -> User:
    return users.add_user(session, login, role=role, zones=list(zones), password=PASSWORD)


def proposed_item(session: Session, seq: int = 600251, zone: int = 16, body: str | None = None) -> WorkItem:
    process = process_number(seq, zone)
    item = workitems.create_item(session, routine=ROUTINE, process=process, zone=zone)
    workitems.transition(session, item, workitems.State.READING, actor="bot")
    action = sample_action(process, zone) if body is None else sample_action(process, zone, body)
    approvals.propose(session, item, action)
    return item
