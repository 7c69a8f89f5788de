"""Etiquetas (tags) on a process: include and remove from the task view."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from bot.vocabulary.domain import Panel
from mock_pje.deps import SessionDep, StateDep
from mock_pje.flow import Action
from mock_pje.routes.tarefa import act

router = APIRouter()


@router.post("/pje/Processo/etiquetas/incluir")
async def incluir(
    request: Request,
    session: SessionDep,
    state: StateDep,
    newTaskId: Annotated[int, Form()],  # noqa: N803
    etiqueta: Annotated[str, Form()] = "",
) -> Response:
    return act(request, state, session, newTaskId, Action.TAG, "etiqueta", Panel.ETIQUETAS, tag=etiqueta)


@router.post("/pje/Processo/etiquetas/remover")
async def remover(
    request: Request,
    session: SessionDep,
    state: StateDep,
    newTaskId: Annotated[int, Form()],  # noqa: N803
    etiqueta: Annotated[str, Form()] = "",
) -> Response:
    return act(request, state, session, newTaskId, Action.UNTAG, "etiqueta", Panel.ETIQUETAS, tag=etiqueta)
