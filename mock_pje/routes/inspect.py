"""Inspection API for tests, benchmarks and acceptance checks (never used by the bot).

Guarded by ``Authorization: Bearer <admin token>``. DESIGN.md fixes the shapes of ledger and truth.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, Field

from mock_pje import clock
from mock_pje.deps import AdminDep
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


class ClockIn(BaseModel):
    days: int = Field(1, ge=1, le=3650)


@router.post("/clock")
async def advance_clock(state: AdminDep, body: ClockIn) -> dict[str, Any]:
    added = clock.advance(state, body.days)
    return {"day": state.clock_day, "today": state.today().isoformat(), "automatic_movements": added}
