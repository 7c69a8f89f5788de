"""Inspection API for tests, benchmarks and acceptance checks (never used by the bot).

Guarded by ``Authorization: Bearer <admin token>``. The shapes of ledger and truth are a contract:
docs/pje-handles.md#inspection-api.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, Field

from bot.vocabulary.domain import Task
from mock_pje import clock
from mock_pje.actions import ActionRefused, perform
from mock_pje.deps import AdminDep
from mock_pje.flow import Action
from mock_pje.settings import FaultProfile, FaultRates, Quirk

router = APIRouter(prefix="/_mock")


@router.get("/ledger")
async def ledger(state: AdminDep, process: str | None = None) -> list[dict[str, Any]]:
    return [e for e in state.ledger if process is None or e["process"] == process]


@router.get("/truth")
async def truth(state: AdminDep) -> list[dict[str, Any]]:
    return [t.as_json() for t in state.truth]


@router.get("/users")
async def users(state: AdminDep) -> list[dict[str, Any]]:
    return [
        {"cpf": u.cpf, "name": u.name, "password": u.password, "role": u.role, "zones": u.zones}
        for u in state.users.values()
    ]


@router.get("/processes/{number}")
async def process_detail(state: AdminDep, number: str) -> dict[str, Any]:
    process = state.by_number.get(number)
    if process is None:
        raise HTTPException(404, "processo não encontrado")
    docs = [{k: v for k, v in vars(d).items() if k != "text"} for d in state.docs_of(process)]
    return {**{k: v for k, v in vars(process).items() if k != "context"}, "documents_detail": docs}


@router.post("/reset")
async def reset(state: AdminDep) -> dict[str, Any]:
    state.reset()
    return {"ok": True, "processes": len(state.processes)}


class FaultsIn(BaseModel):
    profile: FaultProfile | None = None
    latency_ms: int | None = Field(None, ge=0, le=60_000)
    rates: FaultRates | None = None
    force: Quirk | None = None
    match: str = ""
    count: int = Field(1, ge=1)
    seconds: float = Field(0.0, ge=0)


@router.get("/faults")
async def get_faults(state: AdminDep) -> dict[str, Any]:
    f = state.faults
    return {"profile": f.profile.value, "latency_ms": f.latency_ms, "rates": f.rates.model_dump()}


@router.post("/faults")
async def set_faults(state: AdminDep, body: FaultsIn) -> dict[str, Any]:
    state.faults.configure(body.profile, body.latency_ms, body.rates)
    if body.force is not None:
        state.faults.force(body.force, match=body.match, count=body.count, seconds=body.seconds)
    return await get_faults(state)


@router.get("/stats")
async def stats(state: AdminDep) -> dict[str, Any]:
    """Counters for benchmarks: PJe requests served so far (the ones the latency applies to), and
    uploads whose PDF is not stored yet."""
    return {"requests_served": state.requests_served, "uploads_pending": state.uploads_pending()}


class ClockIn(BaseModel):
    days: int = Field(1, ge=1, le=3650)


@router.post("/clock")
async def advance_clock(state: AdminDep, body: ClockIn) -> dict[str, Any]:
    added = clock.advance(state, body.days)
    return {"day": state.clock_day, "today": state.today().isoformat(), "automatic_movements": added}


@router.get("/documents/{doc_id}")
async def document_detail(state: AdminDep, doc_id: int) -> dict[str, Any]:
    doc = state.documents.get(doc_id)
    if doc is None:
        raise HTTPException(404, "documento não encontrado")
    return dict(vars(doc))


class SignIn(BaseModel):
    process: str | None = None  # CNJ number; None = every pending document (optionally of one zone)
    zone: int | None = None


@router.post("/sign")
async def sign(state: AdminDep, body: SignIn | None = None) -> dict[str, Any]:
    """Act as each zone's judge: sign the documents waiting in "Assinar"."""
    body = body or SignIn()
    signed: list[dict[str, Any]] = []
    refused: list[dict[str, str]] = []
    for process in list(state.processes.values()):
        if process.task != Task.ASSINAR.value or (body.process and process.number != body.process):
            continue
        if body.zone is not None and process.zone != body.zone:
            continue
        judge = state.judge_of(process.zone)
        try:
            entry = perform(state, judge.cpf, process, process.task_instance, Action.SIGN)
        except ActionRefused as err:
            refused.append({"process": process.number, "reason": str(err)})
            continue
        signed.append({"process": process.number, "document_id": entry["document_id"], "task": process.task})
    if body.process and not signed and not refused:
        raise HTTPException(404, "processo não está na tarefa Assinar")
    return {"signed": signed, "refused": refused}
