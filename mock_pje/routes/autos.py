"""Autos digitais: lazily loaded timeline, the Documentos grid (16 per page) and document download."""

from __future__ import annotations

import hmac
import math
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from bot.vocabulary.domain import CLASS_INFO, ProcessClass
from fixtures.world import Document, Process
from mock_pje import files
from mock_pje.deps import SessionDep, StateDep
from mock_pje.render import error_page, render
from mock_pje.routes.tarefa import access_key
from mock_pje.state import MockState, Session

router = APIRouter()
DOCS_PER_PAGE = 16
TIMELINE_CHUNK = 8
AUTOS = "/pje/Processo/ConsultaProcesso/Detalhe/listAutosDigitais.seam"
DOCUMENT = "/pje/Processo/ConsultaDocumento/listView.seam"


def _authorized(state: MockState, session: Session, process_id: int, ca: str) -> Process | None:
    process = state.processes.get(process_id)
    if process is None or not hmac.compare_digest(ca, access_key(state, process_id)):
        return None
    return process if process.zone in state.users[session.cpf].zones else None


def _visible_docs(state: MockState, process: Process) -> list[Document]:
    """Documents in the autos: signed ones, plus uploads; drafts are not part of the autos."""
    docs = [d for d in state.docs_of(process) if d.status == "assinado"]
    return sorted(docs, key=lambda d: (d.juntado_em, d.id))


def _timeline(state: MockState, process: Process) -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = [
        {"at": m["at"], "kind": "movimento", "code": m["code"], "text": m["name"]} for m in process.movements
    ]
    items += [
        {
            "at": d.juntado_em,
            "kind": "documento",
            "id": d.id,
            "text": d.doc_type if d.title == d.doc_type else f"{d.doc_type} – {d.title}",
        }
        for d in _visible_docs(state, process)
    ]
    return sorted(items, key=lambda i: str(i["at"]), reverse=True)


def _timeline_chunk(state: MockState, process: Process, offset: int) -> dict[str, Any]:
    items = _timeline(state, process)
    end = offset + TIMELINE_CHUNK
    ca = access_key(state, process.id)
    next_url = (
        f"/pje/ajax/timeline?idProcesso={process.id}&ca={ca}&offset={end}" if end < len(items) else None
    )
    return {
        "items": items[offset:end],
        "next_url": next_url,
        "doc_url": f"{DOCUMENT}?ca={ca}&idProcessoDocumento=",
    }


@router.get(AUTOS, response_class=HTMLResponse)
async def autos(
    request: Request,
    session: SessionDep,
    state: StateDep,
    idProcesso: int,
    ca: str,
    pagina: int = 1,  # noqa: N803
) -> HTMLResponse:
    process = _authorized(state, session, idProcesso, ca)
    if process is None:
        return error_page(request, "Acesso negado aos autos deste processo.", kind="negocio")
    docs = _visible_docs(state, process)
    pages = max(1, math.ceil(len(docs) / DOCS_PER_PAGE))
    page = min(max(1, pagina), pages)
    context = {
        "process": process,
        "class_name": CLASS_INFO[ProcessClass(process.cls)][1],
        "ca": ca,
        "docs": docs[(page - 1) * DOCS_PER_PAGE : page * DOCS_PER_PAGE],
        "page": page,
        "pages": pages,
        "total_docs": len(docs),
        "autos_path": AUTOS,
        **_timeline_chunk(state, process, 0),
    }
    return render(request, "autos.html", context)


@router.get("/pje/ajax/timeline", response_class=HTMLResponse)
async def timeline(
    request: Request,
    session: SessionDep,
    state: StateDep,
    idProcesso: int,
    ca: str,
    offset: int = 0,  # noqa: N803
) -> HTMLResponse:
    process = _authorized(state, session, idProcesso, ca)
    if process is None:
        return HTMLResponse("")
    return render(request, "_timeline.html", _timeline_chunk(state, process, max(0, offset)))


@router.get(DOCUMENT)
async def document(
    request: Request,
    session: SessionDep,
    state: StateDep,
    idProcessoDocumento: int,
    ca: str,  # noqa: N803
) -> Response:
    doc = state.documents.get(idProcessoDocumento)
    process = _authorized(state, session, doc.process_id, ca) if doc is not None else None
    if doc is None or process is None or doc.status != "assinado":
        return error_page(request, "Documento não encontrado ou sem permissão de acesso.", kind="negocio")
    if doc.format == "html":
        return render(request, "documento.html", {"doc": doc, "process": process})
    body = await files.read(doc)
    headers = {"Content-Disposition": f'inline; filename="documento-{doc.id}.pdf"'}
    return Response(body, media_type="application/pdf", headers=headers)
