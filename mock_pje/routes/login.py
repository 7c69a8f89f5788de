"""Login through the SSO iframe, profile (localização/papel) choice, logout and the top page."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from mock_pje.deps import SessionDep, StateDep
from mock_pje.render import render

router = APIRouter()

PAINEL_URL = "/pje/ng2/dev.seam#/painel-usuario-interno"
SSO_AUTH = "/auth/realms/pje/protocol/openid-connect/auth"


@router.get("/", include_in_schema=False)
async def root() -> Response:
    return RedirectResponse("/pje/login.seam", status_code=302)


@router.get("/pje/login.seam", response_class=HTMLResponse)
async def login_page(request: Request) -> HTMLResponse:
    return render(request, "login_top.html", {"sso_src": f"{SSO_AUTH}?client_id=pje&response_type=code"})


@router.get(SSO_AUTH, response_class=HTMLResponse)
async def sso_form(request: Request) -> HTMLResponse:
    return render(request, "sso_login.html", {"error": None, "username": ""})


@router.post("/auth/realms/pje/login-actions/authenticate", response_class=HTMLResponse)
async def sso_authenticate(
    request: Request,
    state: StateDep,
    username: Annotated[str, Form()] = "",
    password: Annotated[str, Form()] = "",
) -> HTMLResponse:
    session = state.login(username, password)
    if session is None:
        return render(
            request, "sso_login.html", {"error": "Usuário ou senha inválidos.", "username": username}
        )
    response = render(request, "sso_done.html", {"target": PAINEL_URL})
    response.set_cookie("PJESESSIONID", session.token, httponly=True, samesite="lax", path="/")
    return response


@router.get("/pje/logout")
async def logout(request: Request, state: StateDep) -> Response:
    state.logout(request.cookies.get("PJESESSIONID"))
    response = RedirectResponse("/pje/login.seam", status_code=303)
    response.delete_cookie("PJESESSIONID", path="/")
    return response


@router.get("/pje/ng2/dev.seam", response_class=HTMLResponse)
async def top_page(request: Request, session: SessionDep) -> HTMLResponse:
    return render(request, "dev.html", {"painel_src": "/pje/ng2/painel"})


@router.post("/pje/perfil")
async def choose_profile(session: SessionDep, state: StateDep, perfil: Annotated[int, Form()]) -> Response:
    user = state.users[session.cpf]
    if perfil in user.zones:
        session.zone = perfil
        session.last_task = None
    return RedirectResponse(PAINEL_URL, status_code=303)
