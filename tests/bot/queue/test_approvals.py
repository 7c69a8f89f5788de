from __future__ import annotations

import pytest
from sqlalchemy import update
from sqlalchemy.orm import Session

from bot.core.errors import InputError
from bot.queue import approvals, audit
from bot.queue.approvals import NotAuthorized, NotExecutable, StaleApproval, transition
from bot.queue.db import Database
from bot.queue.tables import ProposalVersion, WorkItem
from bot.queue.workitems import IllegalTransition, State
from tests.bot.factories import add_user, process_number, proposed_item, sample_action


def _hash(s: Session, item: WorkItem) -> str:
    proposal = approvals.current_proposal(s, item)
    assert proposal is not None
    return proposal.payload_hash


def test_payload_hash_should_cover_the_executable_part_only() -> None:
    action = sample_action(process_number())
    same_meta_changed = action.model_copy(update={"meta": action.meta.model_copy(update={"confidence": 0.5})})
    assert same_meta_changed.payload_hash() == action.payload_hash()
    assert action.with_draft_body("<p>outro texto</p>").payload_hash() != action.payload_hash()
    other_movement = action.model_copy(update={"movements": ()})
    assert other_movement.payload_hash() != action.payload_hash()
    other_tags = action.model_copy(update={"tags": ("JANO_X",)})
    assert other_tags.payload_hash() != action.payload_hash()


def test_assert_executable_should_refuse_an_unapproved_item(db: Database) -> None:
    with db.session() as s:
        item = proposed_item(s)
        with pytest.raises(NotExecutable):
            approvals.assert_executable(s, item)
        with pytest.raises(IllegalTransition):
            transition(s, item, State.EXECUTING, actor="bot")


def test_approve_should_bind_the_hash_and_make_the_item_executable(db: Database) -> None:
    with db.session() as s:
        sup = add_user(s, "sup")
        item = proposed_item(s)
        payload_hash = _hash(s, item)
        decision = approvals.approve(s, item.id, sup, payload_hash)
        assert decision.user_login == "sup"
        assert decision.payload_hash == payload_hash
        assert item.state == State.APPROVED
        action = approvals.assert_executable(s, item)
        assert action.payload_hash() == payload_hash
        transition(s, item, State.EXECUTING, actor="bot")
        transition(s, item, State.DONE, actor="bot")
        assert audit.verify(s).ok


def test_approve_should_refuse_staff_and_supervisors_of_other_zones(db: Database) -> None:
    with db.session() as s:
        staff = add_user(s, "staff1", role="staff", zones=(16,))
        other = add_user(s, "sup17", zones=(17,))
        admin = add_user(s, "adm", role="admin", zones=())
        item = proposed_item(s)
        before = audit.count(s)
        for user in (staff, other, admin):
            with pytest.raises(NotAuthorized):
                approvals.approve(s, item.id, user, _hash(s, item))
        assert item.state == State.PROPOSED
        assert audit.count(s) == before
        with pytest.raises(NotExecutable):
            approvals.assert_executable(s, item, require_state=False)


def test_approve_should_refuse_a_hash_other_than_the_current_proposal(db: Database) -> None:
    with db.session() as s:
        sup = add_user(s, "sup")
        item = proposed_item(s)
        with pytest.raises(StaleApproval):
            approvals.approve(s, item.id, sup, "0" * 64)
        assert item.state == State.PROPOSED


def test_edit_after_approval_should_void_it_and_keep_the_diff(db: Database) -> None:
    with db.session() as s:
        sup = add_user(s, "sup")
        item = proposed_item(s, body="<p>Linha um.</p>\n<p>JULGO APROVADAS.</p>\n")
        old_hash = _hash(s, item)
        approvals.approve(s, item.id, sup, old_hash)
        approvals.edit(s, item.id, sup, "<p>Linha um.</p>\n<p>JULGO APROVADAS COM RESSALVAS.</p>\n")
        assert item.state == State.PROPOSED
        assert item.proposal_version == 2
        with pytest.raises(NotExecutable):
            approvals.assert_executable(s, item)
        with pytest.raises(NotExecutable):
            approvals.assert_executable(s, item, require_state=False)
        record = audit.decoded(audit.records_for(s, item.id)[-1])
        assert record["from"] == "APPROVED" and record["to"] == "PROPOSED"
        assert "-<p>JULGO APROVADAS.</p>" in record["diff"]
        assert "+<p>JULGO APROVADAS COM RESSALVAS.</p>" in record["diff"]
        assert record["voided_approvals"] == 1
        # the old hash cannot approve the new text; the new one can
        with pytest.raises(StaleApproval):
            approvals.approve(s, item.id, sup, old_hash)
        approvals.approve(s, item.id, sup, _hash(s, item))
        action = approvals.assert_executable(s, item)
        assert action.draft is not None and "COM RESSALVAS" in action.draft.body


def test_edit_should_refuse_an_unchanged_text(db: Database) -> None:
    with db.session() as s:
        sup = add_user(s, "sup")
        item = proposed_item(s, body="<p>x</p>")
        with pytest.raises(InputError, match="não foi alterada"):
            approvals.edit(s, item.id, sup, "<p>x</p>")


def test_reject_should_make_the_item_never_executable(db: Database) -> None:
    with db.session() as s:
        sup = add_user(s, "sup")
        item = proposed_item(s)
        payload_hash = _hash(s, item)
        approvals.approve(s, item.id, sup, payload_hash)
        approvals.reject(s, item.id, sup, "fundamentação insuficiente")
        assert item.state == State.REJECTED
        assert item.reason == "fundamentação insuficiente"
        with pytest.raises(NotExecutable):
            approvals.assert_executable(s, item, require_state=False)
        with pytest.raises(IllegalTransition):
            approvals.approve(s, item.id, sup, payload_hash)
        with pytest.raises(IllegalTransition):
            transition(s, item, State.EXECUTING, actor="bot")


def test_reject_should_require_a_reason(db: Database) -> None:
    with db.session() as s:
        sup = add_user(s, "sup")
        item = proposed_item(s)
        with pytest.raises(InputError, match="motivo"):
            approvals.reject(s, item.id, sup, "  ")


def test_assert_executable_should_refuse_a_proposal_tampered_in_the_database(db: Database) -> None:
    with db.session() as s:
        sup = add_user(s, "sup")
        item = proposed_item(s)
        approvals.approve(s, item.id, sup, _hash(s, item))
        proposal = approvals.current_proposal(s, item)
        assert proposal is not None
        tampered = dict(proposal.action)
        tampered["movements"] = [{"code": 12655, "name": "Desaprovação", "complementos": {}}]
        s.execute(update(ProposalVersion).where(ProposalVersion.id == proposal.id).values(action=tampered))
        s.expire_all()
        with pytest.raises(NotExecutable, match="alterada"):
            approvals.assert_executable(s, item)


def test_assert_executable_should_refuse_when_the_approver_lost_the_zone(db: Database) -> None:
    with db.session() as s:
        sup = add_user(s, "sup")
        item = proposed_item(s)
        approvals.approve(s, item.id, sup, _hash(s, item))
        sup.zones = [17]
        s.flush()
        with pytest.raises(NotExecutable):
            approvals.assert_executable(s, item)


def test_propose_should_refuse_an_action_for_another_process(db: Database) -> None:
    with db.session() as s:
        item = proposed_item(s, 600251)
        with pytest.raises(InputError):
            approvals.propose(s, item, sample_action(process_number(600299)))


def test_edit_should_mask_cpfs_in_the_audited_diff(db: Database) -> None:
    with db.session() as s:
        sup = add_user(s, "sup")
        item = proposed_item(s, body="<p>Interessado: Fulano.</p>\n")
        approvals.edit(s, item.id, sup, "<p>Interessado: Fulano, CPF 529.982.247-25.</p>\n")
        record = audit.records_for(s, item.id)[-1]
        assert record.event == "edit"
        assert "529.982.247-25" not in record.data and "52998224725" not in record.data
        assert "***.***.*47-**" in audit.decoded(record)["diff"]
        action = approvals.current_action(s, item)
        assert action is not None and action.draft is not None
        assert "529.982.247-25" in action.draft.body  # the act itself keeps what the supervisor wrote


def test_claim_for_execution_should_let_one_owner_win(db: Database) -> None:
    with db.session() as s:
        sup = add_user(s, "sup")
        item = proposed_item(s)
        with pytest.raises(NotExecutable):
            approvals.claim_for_execution(s, item.id, owner="worker-a")
        approvals.approve(s, item.id, sup, _hash(s, item))
        action = approvals.claim_for_execution(s, item.id, owner="worker-a")
        assert action.payload_hash() == _hash(s, item)
        assert item.state == State.EXECUTING
        assert approvals.execution_owner(s, item) == "worker-a"
        with pytest.raises(IllegalTransition):
            approvals.claim_for_execution(s, item.id, owner="worker-b")
        before = audit.count(s)
        approvals.claim_for_execution(s, item.id, owner="worker-a")  # resuming its own claim
        assert audit.count(s) == before
