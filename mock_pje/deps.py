"""Shared FastAPI dependencies of the mock's routers (``Annotated`` aliases)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request

from mock_pje.render import state_of
from mock_pje.state import MockState, Session


async def get_state(request: Request) -> MockState:
    return state_of(request)


async def get_session(request: Request) -> Session:
    """The session the guard middleware attached (every /pje page but login has one)."""
    session: Session | None = getattr(request.state, "session", None)
    if session is None:
        raise HTTPException(status_code=401, detail="sessão expirada")
    return session


async def require_admin(request: Request, authorization: Annotated[str | None, Header()] = None) -> MockState:
    state = state_of(request)
    expected = f"Bearer {state.settings.admin_token}"
    if authorization != expected:
        raise HTTPException(status_code=401, detail="token de administração ausente ou inválido")
    return state


StateDep = Annotated[MockState, Depends(get_state)]
SessionDep = Annotated[Session, Depends(get_session)]
AdminDep = Annotated[MockState, Depends(require_admin)]
