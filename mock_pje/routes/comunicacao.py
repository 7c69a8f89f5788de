"""Preparar ato de comunicação: addressees, channel, deadline and the linked document."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import Response

from bot.vocabulary.domain import Panel
from mock_pje.deps import SessionDep, StateDep
from mock_pje.flow import Action
from mock_pje.routes.tarefa import act

router = APIRouter()


@router.post("/pje/Processo/comunicacao/expedir")
async def expedir(
    request: Request,
    session: SessionDep,
    state: StateDep,
    newTaskId: Annotated[int, Form()],  # noqa: N803
    meio: Annotated[str, Form()] = "",
    prazo: Annotated[str, Form()] = "0",
    documento: Annotated[str, Form()] = "",
    destinatario: Annotated[list[str] | None, Form()] = None,
) -> Response:
    deadline = int(prazo) if prazo.strip().isdigit() else -1
    document_id = int(documento) if documento.isdigit() else 0
    return act(
        request,
        state,
        session,
        newTaskId,
        Action.PREPARE_COMMUNICATION,
        "comunicacao",
        Panel.COMUNICACAO,
        channel=meio,
        addressees=destinatario or [],
        deadline_days=deadline,
        document_id=document_id,
    )
