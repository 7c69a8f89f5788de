"""Work items and their states: one item per (routine, process), moved only by :func:`transition`.

    NEW → READING → PROPOSED → APPROVED → EXECUTING → DONE
    side exits: MANUAL (a person must act), REJECTED (supervisor said no), FAILED (application error
    after retries, trace kept), SUPERSEDED (the process changed in PJe after the proposal)

Every legal move writes exactly one audit record; an illegal one raises :class:`IllegalTransition`.
Entering APPROVED needs a live approval of the current proposal, entering EXECUTING re-checks it: the
check belongs to ``bot.queue.approvals``, which owns those two entries and hands its check to
:func:`transition` as ``guard`` (this module never imports approvals). Without a guard, those entries
are refused: nothing reaches PJe without a person's approval.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core.cnj import parse as parse_cnj
from bot.core.cpf import mask_in_text
from bot.core.errors import BotError, InputError
from bot.queue import audit
from bot.queue.tables import ITEM_CODE_PREFIX, WorkItem, format_item_code, utcnow


class IllegalTransition(BotError):
    """A move the state machine does not allow (e.g. PROPOSED → EXECUTING, anything out of DONE)."""


class State(StrEnum):
    NEW = "NEW"
    READING = "READING"
    PROPOSED = "PROPOSED"
    APPROVED = "APPROVED"
    EXECUTING = "EXECUTING"
    DONE = "DONE"
    MANUAL = "MANUAL"
    REJECTED = "REJECTED"
    FAILED = "FAILED"
    SUPERSEDED = "SUPERSEDED"


ALLOWED: dict[State, frozenset[State]] = {
    State.NEW: frozenset({State.READING, State.MANUAL, State.FAILED}),
    State.READING: frozenset({State.PROPOSED, State.MANUAL, State.FAILED, State.SUPERSEDED}),
    State.PROPOSED: frozenset(
        {State.APPROVED, State.REJECTED, State.MANUAL, State.SUPERSEDED, State.READING}
    ),
    # APPROVED → PROPOSED: an edit voids the approval. APPROVED → REJECTED: the supervisor changed their mind.
    State.APPROVED: frozenset({State.EXECUTING, State.PROPOSED, State.REJECTED, State.SUPERSEDED}),
    State.EXECUTING: frozenset({State.DONE, State.FAILED, State.SUPERSEDED, State.MANUAL}),
    State.DONE: frozenset(),
    State.REJECTED: frozenset(),
    # Re-proposal after a person acted, after a failure, or after the process changed in PJe.
    State.MANUAL: frozenset({State.READING}),
    State.FAILED: frozenset({State.READING, State.APPROVED}),
    State.SUPERSEDED: frozenset({State.READING}),
}

TERMINAL: frozenset[State] = frozenset({State.DONE, State.REJECTED})
# States entered only through bot.queue.approvals, which passes the approval check as ``guard``.
GUARDED: frozenset[State] = frozenset({State.APPROVED, State.EXECUTING})
Guard = Callable[[Session, WorkItem], object]  # raises when the item must not enter a guarded state
# States in which a person can still approve, edit or reject.
REVIEWABLE: frozenset[State] = frozenset({State.PROPOSED, State.APPROVED})


def parse_state(value: str) -> State:
    """A state from user input (case-insensitive); InputError naming the valid ones otherwise."""
    try:
        return State(value.strip().upper())
    except ValueError:
        valid = ", ".join(s.value for s in State)
        raise InputError(f"estado desconhecido: '{value}' (válidos: {valid})") from None


def parse_item_id(value: str | int) -> int:
    """An item id as typed by a person: ``123`` or ``JN-000123``."""
    if isinstance(value, int):
        return value
    text = value.strip().upper()
    if text.startswith(ITEM_CODE_PREFIX):
        text = text[len(ITEM_CODE_PREFIX) :]
    if not text.isdigit():
        raise InputError(f"identificador de item inválido: '{value}' (use 123 ou {format_item_code(123)})")
    return int(text)


def get_item(session: Session, item_id: str | int) -> WorkItem:
    """Load an item by id or code; InputError when it does not exist."""
    number = parse_item_id(item_id)
    item = session.get(WorkItem, number)
    if item is None:
        raise InputError(f"item não encontrado: {format_item_code(number)}")
    return item


def create_item(
    session: Session,
    *,
    routine: str,
    process: str,
    zone: int,
    run_id: str | None = None,
    actor: str = audit.BOT_ACTOR,
) -> WorkItem:
    """Create the item for (routine, process) in NEW, or return the existing one.

    Raises:
        InputError: the process number is not a valid CNJ number.
    """
    number = str(parse_cnj(process))
    existing = session.execute(
        select(WorkItem).where(WorkItem.routine == routine, WorkItem.process == number)
    ).scalar_one_or_none()
    if existing is not None:
        return existing
    item = WorkItem(
        routine=routine, process=number, zone=zone, run_id=run_id, state=State.NEW.value, flags=[]
    )
    session.add(item)
    session.flush()
    audit.append(
        session,
        actor=actor,
        event="created",
        item_id=item.id,
        data={"routine": routine, "process": number, "zone": zone, "run_id": run_id, "to": State.NEW.value},
    )
    return item


def can_transition(from_state: State | str, to_state: State | str) -> bool:
    return State(to_state) in ALLOWED[State(from_state)]


def transition(
    session: Session,
    item: WorkItem,
    to_state: State | str,
    *,
    actor: str,
    reason: str | None = None,
    data: dict[str, Any] | None = None,
    guard: Guard | None = None,
) -> WorkItem:
    """Move ``item`` to ``to_state`` and write one audit record; the only way an item changes state.

    Args:
        actor: jano login of the person, or ``"bot"``.
        reason: why (required for MANUAL, REJECTED, FAILED and SUPERSEDED); kept on the item.
        data: extra details for the audit record (e.g. the diff of an edit, the trace path).
        guard: the approval check, run before entering APPROVED or EXECUTING (required for those;
            ``bot.queue.approvals.transition`` passes it).

    Raises:
        IllegalTransition: the move is not allowed from the current state, a side exit has no reason,
            or a guarded state is entered without a guard.
        Whatever ``guard`` raises (``NotExecutable``: no live approval of the current proposal).
    """
    current = State(item.state)
    target = State(to_state)
    if target not in ALLOWED[current]:
        raise IllegalTransition(
            f"transição não permitida: {current.value} → {target.value}", process=item.process, step=item.code
        )
    if target in {State.MANUAL, State.REJECTED, State.FAILED, State.SUPERSEDED} and not reason:
        raise IllegalTransition(f"transição para {target.value} exige um motivo", process=item.process)
    if target in GUARDED:
        if guard is None:
            raise IllegalTransition(
                f"transição para {target.value} só pela aprovação (bot.queue.approvals)", process=item.process
            )
        guard(session, item)
    item.state = target.value
    if reason is not None or target in {State.READING, State.PROPOSED, State.APPROVED}:
        item.reason = reason
    if target == State.FAILED and data and data.get("trace_path"):
        item.trace_path = str(data["trace_path"])
    item.updated_at = utcnow()
    session.flush()
    record: dict[str, Any] = {"from": current.value, "to": target.value}
    if reason is not None:
        record["reason"] = mask_in_text(reason)
    if data:
        record.update(data)
    audit.append(session, actor=actor, event="transition", item_id=item.id, data=record)
    return item


def list_items(
    session: Session,
    *,
    zone: int | None = None,
    state: State | None = None,
    routine: str | None = None,
    zones: list[int] | None = None,
) -> list[WorkItem]:
    """Items filtered by zone, state and routine, oldest first."""
    stmt = select(WorkItem).order_by(WorkItem.id)
    if zone is not None:
        stmt = stmt.where(WorkItem.zone == zone)
    if zones is not None:
        stmt = stmt.where(WorkItem.zone.in_(zones))
    if state is not None:
        stmt = stmt.where(WorkItem.state == state.value)
    if routine is not None:
        stmt = stmt.where(WorkItem.routine == routine)
    return list(session.execute(stmt).scalars())
