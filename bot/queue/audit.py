"""Append-only audit trail with a hash chain (docs/domain.md#what-the-record-keeps).

Each record hashes its own fields together with the previous record's hash, so editing, deleting or
reordering any row breaks the chain from that row on; :func:`verify` finds the first broken record.
CPFs never go in clear: callers store :func:`pseudonymize` (a keyed HMAC) instead.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.core.hashing import canonical_json, sha256_hex
from bot.queue.tables import AuditRecord

GENESIS_HASH = "0" * 64
BOT_ACTOR = "bot"


def record_hash(
    *, seq: int, at: str, actor: str, item_id: int | None, event: str, data: str, prev_hash: str
) -> str:
    body = canonical_json(
        {
            "seq": seq,
            "at": at,
            "actor": actor,
            "item_id": item_id,
            "event": event,
            "data": data,
            "prev": prev_hash,
        }
    )
    return sha256_hex(body)


def append(
    session: Session,
    *,
    actor: str,
    event: str,
    item_id: int | None = None,
    data: dict[str, Any] | None = None,
) -> AuditRecord:
    """Append one record to the chain within the caller's transaction (flushed, not committed).

    Args:
        actor: a jano login, or ``"bot"``.
        event: what happened (``transition``, ``approve``, ``edit`` ...).
        data: JSON-serialisable details; never a CPF in clear.
    """
    last = session.execute(select(AuditRecord).order_by(AuditRecord.seq.desc()).limit(1)).scalar_one_or_none()
    seq = 1 if last is None else last.seq + 1
    prev_hash = GENESIS_HASH if last is None else last.hash
    at = datetime.now(UTC).isoformat(timespec="microseconds")
    text = canonical_json(data or {})
    record = AuditRecord(
        seq=seq,
        at=at,
        actor=actor,
        item_id=item_id,
        event=event,
        data=text,
        prev_hash=prev_hash,
        hash=record_hash(
            seq=seq, at=at, actor=actor, item_id=item_id, event=event, data=text, prev_hash=prev_hash
        ),
    )
    session.add(record)
    session.flush()
    return record


@dataclass(frozen=True)
class VerifyResult:
    ok: bool
    records: int
    first_bad_seq: int | None = None
    problem: str | None = None


def verify(session: Session) -> VerifyResult:
    """Walk the whole chain; report the first record whose hash, link or sequence does not hold."""
    prev_hash = GENESIS_HASH
    expected_seq = 1
    count = 0
    for record in session.execute(select(AuditRecord).order_by(AuditRecord.seq)).scalars():
        count += 1
        if record.seq != expected_seq:
            return VerifyResult(False, count, record.seq, f"sequência interrompida (esperado {expected_seq})")
        if record.prev_hash != prev_hash:
            return VerifyResult(False, count, record.seq, "encadeamento quebrado (hash anterior não confere)")
        actual = record_hash(
            seq=record.seq,
            at=record.at,
            actor=record.actor,
            item_id=record.item_id,
            event=record.event,
            data=record.data,
            prev_hash=record.prev_hash,
        )
        if actual != record.hash:
            return VerifyResult(False, count, record.seq, "registro alterado (hash não confere)")
        prev_hash = record.hash
        expected_seq += 1
    return VerifyResult(True, count)


def records_for(session: Session, item_id: int) -> list[AuditRecord]:
    """The history of one item, oldest first."""
    stmt = select(AuditRecord).where(AuditRecord.item_id == item_id).order_by(AuditRecord.seq)
    return list(session.execute(stmt).scalars())


def count(session: Session) -> int:
    return int(session.execute(select(func.count()).select_from(AuditRecord)).scalar_one())


def decoded(record: AuditRecord) -> dict[str, Any]:
    """The record's data as a dict."""
    value = json.loads(record.data)
    return value if isinstance(value, dict) else {"value": value}
