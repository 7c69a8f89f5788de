"""Lançar movimentos: Gravar the movements selected in the tree, with their complementos."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import Response

from bot.vocabulary.domain import Panel
from mock_pje.deps import SessionDep, StateDep
from mock_pje.flow import Action
from mock_pje.routes.tarefa import act

router = APIRouter()


@router.post("/pje/Processo/movimentos/gravar")
async def gravar(request: Request, session: SessionDep, state: StateDep) -> Response:
    form = await request.form()
    task_id = int(str(form.get("newTaskId") or 0))
    movements: list[tuple[int, dict[str, str]]] = []
    for raw in form.getlist("codigo"):
        code = int(str(raw)) if str(raw).isdigit() else -1
        prefix = f"comp_{code}_"
        comps = {k[len(prefix) :]: str(v) for k, v in form.items() if k.startswith(prefix) and str(v).strip()}
        movements.append((code, comps))
    return act(
        request,
        state,
        session,
        task_id,
        Action.LAUNCH_MOVEMENTS,
        "movimentos",
        Panel.MOVIMENTOS,
        movements=movements,
    )
