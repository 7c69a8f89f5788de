"""What every PJe page object shares: the page, the base URL, retries and PJe's own error signals."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import TypeVar

from loguru import logger
from playwright.sync_api import Frame, FrameLocator, Page
from tenacity import (
    Retrying,
    retry_if_exception_type,
    retry_if_not_exception_type,
    stop_after_attempt,
    wait_exponential_jitter,
)

from bot.browser import playwright_errors
from bot.errors import BusinessError, NavigationError, SessionExpired, TransientError
from bot.settings import PJeSettings

T = TypeVar("T")

ERROR_BANNER_TEXT = "Erro inesperado, por favor tente novamente."
ALERT = "#pageAlert"  # PJe's alert box; data-kind="negocio" when an action was refused
SESSION_EXPIRED = re.compile(r"sess[aã]o (expirou|expirada)", re.I)


class PJePage:
    """Base of the page objects: holds the Playwright page and the PJe settings."""

    def __init__(self, page: Page, pje: PJeSettings) -> None:
        self.page = page
        self.pje = pje

    def url(self, path: str) -> str:
        return self.pje.base_url.rstrip("/") + path

    def goto(self, path: str, *, step: str) -> None:
        with playwright_errors(step=step):
            self.page.goto(self.url(path), wait_until="domcontentloaded")
        self.raise_for_pje_errors(self.page, step=step)

    def raise_for_pje_errors(
        self, where: Page | Frame | FrameLocator, *, step: str, process: str | None = None
    ) -> None:
        """Turn PJe's own failure signals on the current page into the bot's errors.

        Raises:
            SessionExpired: the "sessão expirada" page (transient: log in again).
            NavigationError: the "Erro inesperado" banner (transient: retry).
            BusinessError: PJe refused the action, with its message (a person must look).
        """
        with playwright_errors(step=step, process=process):
            if where.get_by_test_id("sessao-expirada").count() or where.get_by_text(SESSION_EXPIRED).count():
                raise SessionExpired("sessão do PJe expirada", step=step, process=process)
            alert = where.locator(ALERT)
            if alert.count():
                message = alert.first.inner_text().strip()
                if alert.first.get_attribute("data-kind") == "negocio" and ERROR_BANNER_TEXT not in message:
                    raise BusinessError(f"PJe recusou: {message}", step=step, process=process)
                raise NavigationError(f"PJe exibiu '{message[:80]}'", step=step, process=process)
            banner = where.get_by_text(ERROR_BANNER_TEXT)
            if banner.count() and banner.first.is_visible():
                raise NavigationError("PJe exibiu 'Erro inesperado'", step=step, process=process)

    def retrying(self, action: Callable[[], T], *, step: str) -> T:
        """Run ``action`` with capped exponential backoff, retrying transient failures only."""
        for attempt in Retrying(
            # An expired session is not retried here: PJe.with_session logs in again at once.
            retry=retry_if_exception_type(TransientError) & retry_if_not_exception_type(SessionExpired),
            stop=stop_after_attempt(max(1, self.pje.retries)),
            wait=wait_exponential_jitter(multiplier=0.25, max=4.0),
            reraise=True,
        ):
            with attempt:
                if attempt.retry_state.attempt_number > 1:
                    logger.debug("nova tentativa {} de {}", attempt.retry_state.attempt_number, step)
                return action()
        raise AssertionError("unreachable")  # pragma: no cover
