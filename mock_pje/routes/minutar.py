"""Minutar: tipo and modelo selects, the editor iframe (``...EditorTextArea_ifr``), Salvar, Juntar."""

from __future__ import annotations

import html
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, Response

from bot.vocabulary.domain import Panel
from mock_pje import modelos
from mock_pje.actions import ActionRefused
from mock_pje.deps import SessionDep, StateDep
from mock_pje.flow import Action
from mock_pje.render import render
from mock_pje.routes.tarefa import act, find_task

router = APIRouter()


@router.get("/pje/ajax/editor", response_class=HTMLResponse)
async def editor(request: Request, session: SessionDep, state: StateDep, newTaskId: int) -> HTMLResponse:  # noqa: N803
    try:
        process = find_task(state, session, newTaskId)
    except ActionRefused:
        return HTMLResponse("<html><body id='tinymce' contenteditable='false'></body></html>")
    draft = state.documents.get(process.draft_id) if process.draft_id else None
    content = draft.text if draft is not None and draft.status == "minuta" else ""
    return render(request, "editor.html", {"content": content})


@router.get("/pje/ajax/modelo", response_class=HTMLResponse)
async def modelo(
    request: Request, session: SessionDep, state: StateDep, newTaskId: int, modelo: str
) -> HTMLResponse:  # noqa: N803
    chosen = modelos.BY_ID.get(modelo)
    try:
        process = find_task(state, session, newTaskId)
    except ActionRefused as err:
        return HTMLResponse(f"<p>{html.escape(str(err))}</p>")
    if chosen is None:
        return HTMLResponse("")
    return HTMLResponse(modelos.resolve(chosen, process, state.today().strftime("%d/%m/%Y")))


@router.post("/pje/Processo/minutar/salvar")
async def salvar(
    request: Request,
    session: SessionDep,
    state: StateDep,
    newTaskId: Annotated[int, Form()],  # noqa: N803
    tipo: Annotated[str, Form()] = "",
    modelo: Annotated[str, Form()] = "",
    conteudo: Annotated[str, Form()] = "",
    acao: Annotated[str, Form()] = "salvar",
) -> Response:
    title = modelos.BY_ID[modelo].nome if modelo in modelos.BY_ID else tipo
    response = act(
        request,
        state,
        session,
        newTaskId,
        Action.SAVE_DRAFT,
        "salvo",
        Panel.MINUTAR,
        doc_type=tipo,
        content=conteudo,
        modelo=modelo or None,
        title=title,
    )
    if acao != "juntar" or response.status_code != 303:
        return response
    return act(request, state, session, newTaskId, Action.ATTACH, "juntado", Panel.MINUTAR)
