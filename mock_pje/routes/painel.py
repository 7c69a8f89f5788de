"""Painel do usuário (inside ``iframe#ngFrame``): task list with counts, search, cards, paginator."""

from __future__ import annotations

import math
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from bot.vocabulary.domain import CLASS_INFO, ProcessClass, Task
from fixtures.world import Process
from mock_pje.deps import SessionDep, StateDep
from mock_pje.render import render
from mock_pje.settings import Quirk
from mock_pje.state import MockState, Session

router = APIRouter()
PAGE_SIZE = 10


def card(process: Process) -> dict[str, Any]:
    return {
        "id": process.id,
        "number": process.number,
        "cls": process.cls,
        "class_name": CLASS_INFO[ProcessClass(process.cls)][1],
        "parties": process.parties,
        "tags": process.tags,
        "task": process.task,
        "task_instance": process.task_instance,
    }


def _select(state: MockState, session: Session, task: str, query: str, tag: str) -> list[Process]:
    found = [p for p in state.zone_processes(session.zone) if not task or p.task == task]
    if tag:
        found = [p for p in found if any(tag.lower() == t.lower() for t in p.tags)]
    if query:
        needle = query.strip()
        found = [
            p for p in found if needle in p.number or any(needle.lower() in x.lower() for x in p.parties)
        ]
    return sorted(found, key=lambda p: p.id)


def _listing(
    request: Request, state: MockState, session: Session, task: str, query: str, tag: str, page: int
) -> dict[str, Any]:
    found = _select(state, session, task, query, tag)
    if query and found and state.faults.roll(Quirk.DUPLICATE_SEARCH, request.url.path):
        # PJe's search matches loosely: another process of the zone comes along.
        others = [p for p in state.zone_processes(session.zone) if p not in found]
        if others:
            found = found + [others[len(query) % len(others)]]
    pages = max(1, math.ceil(len(found) / PAGE_SIZE))
    page = min(max(page, 1), pages)
    cards = [card(p) for p in found[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]]
    return {"cards": cards, "total": len(found), "page": page, "pages": pages, "list_task": task}


def painel_url(**params: Any) -> str:
    return "/pje/ng2/painel?" + urlencode({k: v for k, v in params.items() if v not in (None, "", 0)})


@router.get("/pje/ng2/painel", response_class=HTMLResponse)
async def painel(
    request: Request,
    session: SessionDep,
    state: StateDep,
    tarefa: str = "",
    pesquisa: str = "",
    etiqueta: str = "",
    pagina: int = 1,
    newTaskId: int | None = None,  # noqa: N803 - PJe's parameter name
) -> HTMLResponse:
    counts = state.task_counts(session.zone)
    tasks = [(t.value, counts[t.value]) for t in Task if counts.get(t.value)]
    listing = _listing(request, state, session, tarefa, pesquisa, etiqueta, pagina)
    stale = None
    if session.last_task is not None and session.last_task != tarefa:
        if state.faults.roll(Quirk.STALE_LIST, request.url.path):
            stale = _listing(request, state, session, session.last_task, "", "", 1)
    session.last_task = tarefa
    fresh_url = "/pje/ajax/painel/lista?" + urlencode(
        {"tarefa": tarefa, "pesquisa": pesquisa, "etiqueta": etiqueta, "pagina": listing["page"]}
    )
    all_tags = sorted({t for p in state.zone_processes(session.zone) for t in p.tags})
    context = {
        "tasks": tasks,
        "tarefa": tarefa,
        "pesquisa": pesquisa,
        "etiqueta": etiqueta,
        "listing": listing,
        "stale": stale,
        "fresh_url": fresh_url,
        "all_tags": all_tags,
        "new_task_id": newTaskId,
        "painel_url": painel_url,
    }
    return render(request, "painel.html", context)


@router.get("/pje/ajax/painel/lista", response_class=HTMLResponse)
async def painel_list(
    request: Request,
    session: SessionDep,
    state: StateDep,
    tarefa: str = "",
    pesquisa: str = "",
    etiqueta: str = "",
    pagina: int = 1,
) -> HTMLResponse:
    listing = _listing(request, state, session, tarefa, pesquisa, etiqueta, pagina)
    context = {
        "listing": listing,
        "tarefa": tarefa,
        "pesquisa": pesquisa,
        "etiqueta": etiqueta,
        "painel_url": painel_url,
        "busy": False,
    }
    return render(request, "_lista.html", context)
