"""The bot's view of one PJe session: log in as the designated servant, pick a zone, read tasks.

Composes the page objects and adds the cross-page behaviour real PJe demands: when the session
expires mid-task, log in again transparently (once per operation) and retry.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from loguru import logger
from playwright.sync_api import Page

from bot import cpf as cpf_mod
from bot.errors import SessionExpired
from bot.pages.login import LoginPage
from bot.pages.painel import PainelPage, ProfileSelector, TaskCount
from bot.settings import PJeSettings

T = TypeVar("T")


class PJe:
    """One logged-in PJe session in one browser page."""

    def __init__(self, page: Page, settings: PJeSettings, *, cpf: str, password: str) -> None:
        self.page = page
        self.settings = settings
        self._cpf = cpf
        self._password = password
        self.zone: int | None = None
        self.login_page = LoginPage(page, settings)
        self.profile = ProfileSelector(page, settings)
        self.painel = PainelPage(page, settings)

    def login(self) -> None:
        logger.info("login no PJe como {}", cpf_mod.mask(self._cpf))
        self.login_page.login(self._cpf, self._password)

    def select_zone(self, zone: int) -> str:
        chosen = self.profile.select_zone(zone)
        self.zone = zone
        logger.info("perfil selecionado: {}", chosen)
        return chosen

    def relogin(self) -> None:
        """Log in again after an expired session and return to the same zone profile."""
        logger.warning("sessão expirada; novo login")
        self.login()
        if self.zone is not None:
            self.select_zone(self.zone)

    def with_session(self, action: Callable[[], T]) -> T:
        """Run ``action``; on an expired session log in again once and retry."""
        try:
            return action()
        except SessionExpired:
            self.relogin()
            return action()

    def tasks(self) -> list[TaskCount]:
        def read() -> list[TaskCount]:
            self.painel.open()
            return self.painel.tasks()

        return self.with_session(read)
