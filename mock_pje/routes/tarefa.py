"""Task view inside ``iframe#frame-tarefa``: header, transitions menu, toast, panels; transition and sign."""

from __future__ import annotations

import hashlib
import hmac
import json
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from bot.vocabulary.domain import (
    CLASS_INFO,
    DOCUMENT_TYPE_COMPLEMENT,
    PANEL_TITLES,
    Channel,
    Panel,
    ProcessClass,
    Task,
)
from fixtures.world import Process
from mock_pje import modelos
from mock_pje.actions import ActionRefused, perform
from mock_pje.deps import SessionDep, StateDep
from mock_pje.flow import DRAFT_TYPES, PANELS, SERVANT_SIGNS, TRANSITIONS, Action
from mock_pje.render import error_page, render
from mock_pje.routes.movimentos_tree import tree
from mock_pje.settings import Quirk
from mock_pje.state import MockState, Session

router = APIRouter()

TOASTS = {
    "transicao": "Tarefa encaminhada com sucesso.",
    "salvo": "Documento salvo com sucesso.",
    "juntado": "Documento assinado e juntado com sucesso.",
    "assinado": "Documento assinado com sucesso.",
    "movimentos": "Movimentos lançados com sucesso.",
    "comunicacao": "Expediente criado com sucesso.",
    "etiqueta": "Etiquetas atualizadas.",
}


def access_key(state: MockState, process_id: int) -> str:
    """The ``ca`` parameter of autos and document URLs (PJe's per-process access key)."""
    key = f"jano-ca:{state.seed}".encode()
    return hmac.new(key, str(process_id).encode(), hashlib.sha256).hexdigest()[:24]


def autos_url(state: MockState, process: Process) -> str:
    return (
        f"/pje/Processo/ConsultaProcesso/Detalhe/listAutosDigitais.seam?idProcesso={process.id}"
        f"&ca={access_key(state, process.id)}"
    )


def find_task(state: MockState, session: Session, task_id: int) -> Process:
    process = state.process_by_instance(task_id)
    if process is None:
        raise ActionRefused("Tarefa não encontrada ou já movimentada. Atualize o painel.")
    if process.zone != session.zone:
        raise ActionRefused("O processo não pertence à localização selecionada.")
    return process


def _panel_context(state: MockState, process: Process, panel: str) -> dict[str, Any]:
    if panel == Panel.MINUTAR:
        draft = state.documents.get(process.draft_id) if process.draft_id else None
        today = state.today().strftime("%d/%m/%Y")
        return {
            "tipos": [t.value for t in DRAFT_TYPES],
            "draft": draft,
            "servant_signs": sorted(SERVANT_SIGNS),
            "modelos_json": json.dumps(
                [{"id": m.id, "tipo": m.tipo, "nome": m.nome} for m in modelos.MODELOS], ensure_ascii=False
            ),
            "modelos": modelos.MODELOS,
            "today": today,
        }
    if panel == Panel.MOVIMENTOS:
        return {
            "tree": tree(),
            "complement_types": {str(v): k.value for k, v in DOCUMENT_TYPE_COMPLEMENT.items()},
        }
    if panel == Panel.COMUNICACAO:
        signed = [d for d in state.docs_of(process) if d.status == "assinado"]
        return {
            "channels": [c.value for c in Channel],
            "signed_docs": signed[::-1],
            "addressees": [*process.parties[:1], "Ministério Público Eleitoral"],
        }
    if panel == Panel.ASSINAR:
        return {"draft": state.documents.get(process.draft_id) if process.draft_id else None}
    return {}


def task_view(
    request: Request,
    state: MockState,
    session: Session,
    process: Process,
    panel: str = "",
    alert: str | None = None,
    msg: str | None = None,
) -> HTMLResponse:
    task = Task(process.task)
    panels = PANELS.get(task, (Panel.ETIQUETAS,))
    active = panel if panel in panels else panels[0]
    context: dict[str, Any] = {
        "process": process,
        "task": task.value,
        "class_name": CLASS_INFO[ProcessClass(process.cls)][1],
        "transitions": [t.value for t in TRANSITIONS[task]],
        "panels": panels,
        "panel_titles": PANEL_TITLES,
        "active": active,
        "alert": alert,
        "toast": TOASTS.get(msg or ""),
        "autos_url": autos_url(state, process),
        "menu_fails": state.faults.roll(Quirk.MENU_FIRST_CLICK, request.url.path),
        **_panel_context(state, process, active),
    }
    return render(request, "tarefa.html", context)


def done(task_instance: int, msg: str, panel: str = "") -> Response:
    url = f"/pje/Processo/movimentar.seam?newTaskId={task_instance}&msg={msg}"
    return RedirectResponse(url + (f"&aba={panel}" if panel else ""), status_code=303)


def act(
    request: Request,
    state: MockState,
    session: Session,
    task_id: int,
    action: Action,
    msg: str,
    panel: str = "",
    **payload: Any,
) -> Response:
    """Run one write from a task form; on refusal re-render the task with PJe's banner."""
    try:
        process = find_task(state, session, task_id)
    except ActionRefused as err:
        return error_page(request, str(err), kind="negocio")
    try:
        perform(state, session.cpf, process, task_id, action, zone=session.zone, **payload)
    except ActionRefused as err:
        return task_view(request, state, session, process, panel, alert=str(err))
    return done(process.task_instance, msg, panel)


@router.get("/pje/Processo/movimentar.seam", response_class=HTMLResponse)
async def movimentar(
    request: Request,
    session: SessionDep,
    state: StateDep,
    newTaskId: int,  # noqa: N803 - PJe's name
    aba: str = "",
    msg: str | None = None,
) -> HTMLResponse:
    try:
        process = find_task(state, session, newTaskId)
    except ActionRefused as err:
        return error_page(request, str(err), kind="negocio")
    return task_view(request, state, session, process, aba, msg=msg)


@router.post("/pje/Processo/transicao")
async def transicao(
    request: Request,
    session: SessionDep,
    state: StateDep,
    newTaskId: Annotated[int, Form()],  # noqa: N803
    destino: Annotated[str, Form()],
) -> Response:
    return act(request, state, session, newTaskId, Action.TRANSITION, "transicao", destino=destino)


@router.post("/pje/Processo/assinar")
async def assinar(
    request: Request, session: SessionDep, state: StateDep, newTaskId: Annotated[int, Form()]
) -> Response:  # noqa: N803
    return act(request, state, session, newTaskId, Action.SIGN, "assinado")
