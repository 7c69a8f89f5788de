"""Proposals and the human decisions on them: the first law lives here.

No movement is launched, no act published and no document sent for signature unless a supervisor
approved that exact action. An approval records who, when and the sha256 of the executable payload it
saw; :func:`assert_executable` re-derives the hash from the stored proposal and refuses anything that
does not match a live approval. Editing the draft creates a new proposal version and voids every
approval; a rejection is final.
"""

from __future__ import annotations

import difflib
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from bot.core.cpf import mask_in_text
from bot.core.errors import BotError, InputError
from bot.queue import audit, workitems
from bot.queue.tables import ProposalVersion, SupervisorDecision, User, WorkItem, utcnow
from bot.queue.users import can_approve, get_user
from bot.queue.workitems import IllegalTransition, State, get_item
from bot.vocabulary.actions import ProposedAction


class NotExecutable(BotError):
    """The item has no live approval matching its current proposal; it must not touch PJe."""


class NotAuthorized(InputError):
    """The user may not decide on this item (staff, admin, or a supervisor of another zone)."""


class StaleApproval(InputError):
    """The approver saw a payload hash that is not the current proposal's (it was edited meanwhile)."""


def propose(
    session: Session, item: WorkItem, action: ProposedAction, *, actor: str = audit.BOT_ACTOR
) -> ProposalVersion:
    """Record ``action`` as the item's next proposal version and move the item to PROPOSED.

    Raises:
        InputError: the action is for another routine or process.
        IllegalTransition: the item is not being read (state READING).
    """
    if action.process != item.process or action.routine != item.routine:
        raise InputError(f"proposta não corresponde ao item {item.code}: {action.routine} {action.process}")
    proposal = _add_version(session, item, action, actor=actor)
    meta = action.meta
    item.label = meta.label
    item.confidence = meta.confidence
    transition(
        session,
        item,
        State.PROPOSED,
        actor=actor,
        data={"version": proposal.version, "payload_hash": proposal.payload_hash, "label": meta.label},
    )
    return proposal


def current_proposal(session: Session, item: WorkItem) -> ProposalVersion | None:
    if item.proposal_version <= 0:
        return None
    stmt = select(ProposalVersion).where(
        ProposalVersion.item_id == item.id, ProposalVersion.version == item.proposal_version
    )
    return session.execute(stmt).scalar_one_or_none()


def current_action(session: Session, item: WorkItem) -> ProposedAction | None:
    proposal = current_proposal(session, item)
    return ProposedAction.model_validate(proposal.action) if proposal is not None else None


def proposals_of(session: Session, item: WorkItem) -> list[ProposalVersion]:
    stmt = select(ProposalVersion).where(ProposalVersion.item_id == item.id).order_by(ProposalVersion.version)
    return list(session.execute(stmt).scalars())


def decisions_of(session: Session, item: WorkItem) -> list[SupervisorDecision]:
    stmt = (
        select(SupervisorDecision)
        .where(SupervisorDecision.item_id == item.id)
        .order_by(SupervisorDecision.id)
    )
    return list(session.execute(stmt).scalars())


def approve(session: Session, item_id: str | int, user: User, payload_hash: str) -> SupervisorDecision:
    """Approve the item's current proposal, bound to ``payload_hash`` (the hash the approver saw).

    Raises:
        NotAuthorized: the user is not a supervisor of the item's zone.
        StaleApproval: ``payload_hash`` is not the current proposal's hash.
        IllegalTransition: the item is not PROPOSED.
    """
    item = get_item(session, item_id)
    _check_authorized(user, item, "aprovar")
    proposal = _require_reviewable(session, item, {State.PROPOSED})
    if payload_hash != _recomputed_hash(proposal):
        raise StaleApproval(
            f"a proposta do item {item.code} mudou desde que foi exibida; revise-a de novo antes de aprovar"
        )
    decision = SupervisorDecision(
        item_id=item.id,
        proposal_version=proposal.version,
        kind="approve",
        payload_hash=payload_hash,
        user_login=user.login,
    )
    session.add(decision)
    session.flush()
    transition(
        session,
        item,
        State.APPROVED,
        actor=user.login,
        data={"version": proposal.version, "payload_hash": payload_hash},
    )
    return decision


def edit(session: Session, item_id: str | int, user: User, new_draft_text: str) -> ProposalVersion:
    """Replace the draft text: a new proposal version; any approval is voided (back to PROPOSED).

    Raises:
        NotAuthorized: the user is not a supervisor of the item's zone.
        InputError: the action has no draft, or the text did not change.
        IllegalTransition: the item is not PROPOSED or APPROVED.
    """
    item = get_item(session, item_id)
    _check_authorized(user, item, "editar")
    proposal = _require_reviewable(session, item, {State.PROPOSED, State.APPROVED})
    action = ProposedAction.model_validate(proposal.action)
    if action.draft is None:
        raise InputError(f"o item {item.code} não tem minuta para editar")
    if new_draft_text == action.draft.body:
        raise InputError(f"a minuta do item {item.code} não foi alterada")
    # The diff is kept for the record with CPFs masked (docs/domain.md#what-the-record-keeps).
    diff = mask_in_text(
        "".join(
            difflib.unified_diff(
                action.draft.body.splitlines(keepends=True),
                new_draft_text.splitlines(keepends=True),
                fromfile=f"v{proposal.version}",
                tofile=f"v{proposal.version + 1}",
            )
        )
    )
    new = _add_version(session, item, action.with_draft_body(new_draft_text), actor=user.login)
    voided = _void_approvals(session, item)
    data: dict[str, Any] = {
        "from_version": proposal.version,
        "version": new.version,
        "old_payload_hash": proposal.payload_hash,
        "payload_hash": new.payload_hash,
        "voided_approvals": voided,
        "diff": diff,
    }
    if State(item.state) == State.APPROVED:
        transition(
            session, item, State.PROPOSED, actor=user.login, reason="minuta editada após aprovação", data=data
        )
    else:
        audit.append(session, actor=user.login, event="edit", item_id=item.id, data=data)
    return new


def reject(session: Session, item_id: str | int, user: User, reason: str) -> SupervisorDecision:
    """Reject the item with a reason; it is never executable afterwards.

    Raises:
        NotAuthorized: the user is not a supervisor of the item's zone.
        InputError: empty reason.
        IllegalTransition: the item is not PROPOSED or APPROVED.
    """
    if not reason or not reason.strip():
        raise InputError("informe o motivo da rejeição (--reason)")
    item = get_item(session, item_id)
    _check_authorized(user, item, "rejeitar")
    proposal = _require_reviewable(session, item, {State.PROPOSED, State.APPROVED})
    _void_approvals(session, item)
    decision = SupervisorDecision(
        item_id=item.id,
        proposal_version=proposal.version,
        kind="reject",
        payload_hash=proposal.payload_hash,
        user_login=user.login,
        reason=reason.strip(),
    )
    session.add(decision)
    session.flush()
    transition(
        session,
        item,
        State.REJECTED,
        actor=user.login,
        reason=reason.strip(),
        data={"version": proposal.version},
    )
    return decision


def transition(
    session: Session,
    item: WorkItem,
    to_state: State | str,
    *,
    actor: str,
    reason: str | None = None,
    data: dict[str, Any] | None = None,
) -> WorkItem:
    """:func:`bot.queue.workitems.transition` with the first law on the way in: entering APPROVED or
    EXECUTING re-checks a live approval of the current proposal (:func:`assert_executable`).

    Raises:
        IllegalTransition: the move is not allowed (checked first, as the state machine does).
        NotExecutable: a guarded state without a live approval.
    """
    return workitems.transition(
        session, item, to_state, actor=actor, reason=reason, data=data, guard=_live_approval
    )


def _live_approval(session: Session, item: WorkItem) -> None:
    assert_executable(session, item, require_state=False)


def assert_executable(session: Session, item: WorkItem, *, require_state: bool = True) -> ProposedAction:
    """The first law: return the exact action to execute, or raise if it lacks a live approval.

    Re-derives the payload hash from the stored proposal (so a tampered proposal fails too) and checks
    a non-voided approval of that version with that hash, by a user who is still a supervisor of the zone.

    Args:
        require_state: also require the item to be APPROVED or EXECUTING (resuming after a crash).

    Raises:
        NotExecutable: anything missing or mismatched.
    """
    if require_state and State(item.state) not in {State.APPROVED, State.EXECUTING}:
        raise NotExecutable(f"item {item.code} não está aprovado (estado {item.state})", process=item.process)
    proposal = current_proposal(session, item)
    if proposal is None:
        raise NotExecutable(f"item {item.code} não tem proposta", process=item.process)
    current_hash = _recomputed_hash(proposal)
    if current_hash != proposal.payload_hash:
        raise NotExecutable(f"proposta do item {item.code} alterada fora do fluxo", process=item.process)
    stmt = select(SupervisorDecision).where(
        SupervisorDecision.item_id == item.id,
        SupervisorDecision.proposal_version == proposal.version,
        SupervisorDecision.voided_at.is_(None),
    )
    decisions = list(session.execute(stmt).scalars())
    if any(d.kind == "reject" for d in decisions):
        raise NotExecutable(f"item {item.code} foi rejeitado", process=item.process)
    for decision in decisions:
        if decision.kind != "approve" or decision.payload_hash != current_hash:
            continue
        approver = get_user(session, decision.user_login)
        if approver is not None and can_approve(approver, item.zone):
            return ProposedAction.model_validate(proposal.action)
    raise NotExecutable(
        f"item {item.code} sem aprovação válida para a versão {proposal.version} da proposta",
        process=item.process,
    )


def claim_for_execution(
    session: Session, item_id: str | int, *, owner: str, actor: str = audit.BOT_ACTOR
) -> ProposedAction:
    """Atomically move an approved item to EXECUTING for ``owner`` and return the action to execute.

    The first caller wins: a second claimant finds the item EXECUTING and gets IllegalTransition (SQLite
    serialises writers with BEGIN IMMEDIATE; other databases lock the row). An owner that crashed after
    claiming may claim again (resume): the executor then reads PJe's state and skips what is done.

    Raises:
        NotExecutable: no live approval of the current proposal.
        IllegalTransition: the item is not APPROVED, or another owner is executing it.
    """
    item = session.get(WorkItem, get_item(session, item_id).id, with_for_update=True, populate_existing=True)
    assert item is not None
    if State(item.state) == State.EXECUTING and execution_owner(session, item) == owner:
        return assert_executable(session, item)
    action = assert_executable(session, item)
    transition(session, item, State.EXECUTING, actor=actor, data={"owner": owner})
    return action


def execution_owner(session: Session, item: WorkItem) -> str | None:
    """Who claimed the item's current execution (the ``owner`` of its last move to EXECUTING)."""
    for record in reversed(audit.records_for(session, item.id)):
        data = audit.decoded(record)
        if record.event == "transition" and data.get("to") == State.EXECUTING.value:
            owner = data.get("owner")
            return str(owner) if owner is not None else None
    return None


def _add_version(session: Session, item: WorkItem, action: ProposedAction, *, actor: str) -> ProposalVersion:
    proposal = ProposalVersion(
        item_id=item.id,
        version=item.proposal_version + 1,
        action=action.model_dump(mode="json"),
        payload_hash=action.payload_hash(),
        created_by=actor,
    )
    session.add(proposal)
    item.proposal_version = proposal.version
    session.flush()
    return proposal


def _recomputed_hash(proposal: ProposalVersion) -> str:
    return ProposedAction.model_validate(proposal.action).payload_hash()


def _void_approvals(session: Session, item: WorkItem) -> int:
    result = session.execute(
        update(SupervisorDecision)
        .where(
            SupervisorDecision.item_id == item.id,
            SupervisorDecision.kind == "approve",
            SupervisorDecision.voided_at.is_(None),
        )
        .values(voided_at=utcnow())
    )
    return int(getattr(result, "rowcount", 0) or 0)


def _check_authorized(user: User, item: WorkItem, verb: str) -> None:
    if not can_approve(user, item.zone):
        raise NotAuthorized(
            f"o usuário '{user.login}' ({user.role}) não pode {verb} itens da {item.zone}ª zona",
            process=item.process,
        )


def _require_reviewable(session: Session, item: WorkItem, states: set[State]) -> ProposalVersion:
    if State(item.state) not in states:
        allowed = " ou ".join(sorted(s.value for s in states))
        raise IllegalTransition(
            f"item {item.code} está em {item.state}; esperado {allowed}", process=item.process
        )
    proposal = current_proposal(session, item)
    if proposal is None:
        raise IllegalTransition(f"item {item.code} não tem proposta", process=item.process)
    return proposal
