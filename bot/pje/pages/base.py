"""What every PJe page object shares: the page, the base URL, retries and PJe's own error signals."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

from loguru import logger
from playwright.sync_api import Frame, FrameLocator, Page
from tenacity import (
    Retrying,
    retry_if_exception_type,
    retry_if_not_exception_type,
    stop_after_attempt,
    wait_exponential_jitter,
)

from bot.config.settings import PJeSettings
from bot.core.errors import BusinessError, NavigationError, SessionExpired, TransientError
from bot.pje.browser import playwright_errors
from bot.pje.pool import pause

T = TypeVar("T")

ERROR_BANNER_TEXT = "Erro inesperado, por favor tente novamente."
ALERT = "#pageAlert"  # PJe's alert box; data-kind="negocio" when an action was refused
SESSION_EXPIRED = re.compile(r"sess[aã]o (expirou|expirada)", re.I)


# PJe's failure signals read in one round trip: the expired-session page (its test id, or the words
# anywhere in the text), the alert box (#pageAlert, its text and kind) and the visible error banner.
# Read with ``evaluate`` in the page's own world: no Playwright selector engine to inject into each new
# document (that injection is the costliest step of a first locator call on a page).
_PROBE = """([alertSelector, expiredPattern, bannerText]) => {
    const doc = document;
    const shown = doc.body ? doc.body.innerText : "";
    const text = doc.body ? doc.body.textContent : "";
    const alert = doc.querySelector(alertSelector);
    return {
        expired: doc.querySelector('[data-testid="sessao-expirada"]') !== null
            || new RegExp(expiredPattern, "i").test(text),
        alert: alert ? alert.innerText : null,
        kind: alert ? alert.getAttribute("data-kind") : null,
        banner: shown.includes(bannerText),
    };
}"""


_PROBE_AND_READ = """probeArgs => ({{signals: ({probe})(probeArgs), data: ({read})()}})"""


_PROBE_ARGS = [ALERT, SESSION_EXPIRED.pattern, ERROR_BANNER_TEXT]


class PJePage:
    """Base of the page objects: holds the Playwright page and the PJe settings."""

    def __init__(self, page: Page, pje: PJeSettings) -> None:
        self.page = page
        self.pje = pje

    def url(self, path: str) -> str:
        return self.pje.base_url.rstrip("/") + path

    def goto(self, path: str, *, step: str, process: str | None = None, read: str | None = None) -> Any:
        """Load ``path`` afresh. An address that differs from the current one only after ``#`` would be
        a same-document navigation that keeps whatever the page shows (PJe's error banner, say), so
        the page goes through about:blank first (no server request).

        ``read``: a JS function of no arguments run in the same round trip as the check of PJe's
        failure signals; its result is returned (once the signals are clear).
        """
        target = self.url(path)
        with playwright_errors(step=step, process=process):
            if "#" in target and self.page.url.split("#", 1)[0] == target.split("#", 1)[0]:
                self.page.goto("about:blank")
            self.page.goto(target, wait_until="domcontentloaded")
            if read is None:
                signals, data = self.page.evaluate(_PROBE, _PROBE_ARGS), None
            else:
                both = self.page.evaluate(_PROBE_AND_READ.format(probe=_PROBE, read=read), _PROBE_ARGS)
                signals, data = both["signals"], both["data"]
        self._raise_for(signals, step=step, process=process)
        return data

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
            if isinstance(where, FrameLocator):
                signals = where.locator(":root").evaluate(f"(_, args) => ({_PROBE})(args)", _PROBE_ARGS)
            else:
                signals = where.evaluate(_PROBE, _PROBE_ARGS)
        self._raise_for(signals, step=step, process=process)

    def _raise_for(self, signals: dict[str, Any], *, step: str, process: str | None) -> None:
        if signals["expired"]:
            raise SessionExpired("sessão do PJe expirada", step=step, process=process)
        if signals["alert"] is not None:
            message = signals["alert"].strip()
            if signals["kind"] == "negocio" and ERROR_BANNER_TEXT not in message:
                raise BusinessError(f"PJe recusou: {message}", step=step, process=process)
            raise NavigationError(f"PJe exibiu '{message[:80]}'", step=step, process=process)
        if signals["banner"]:
            raise NavigationError("PJe exibiu 'Erro inesperado'", step=step, process=process)

    def retrying(self, action: Callable[[], T], *, step: str) -> T:
        """Run ``action`` with capped exponential backoff, retrying transient failures only."""
        for attempt in Retrying(
            # An expired session is not retried here: PJe.with_session logs in again at once.
            retry=retry_if_exception_type(TransientError) & retry_if_not_exception_type(SessionExpired),
            stop=stop_after_attempt(max(1, self.pje.retries)),
            wait=wait_exponential_jitter(multiplier=0.25, max=4.0),
            sleep=lambda seconds: pause(self.page, seconds),  # the other workers go on meanwhile
            reraise=True,
        ):
            with attempt:
                if attempt.retry_state.attempt_number > 1:
                    logger.debug("nova tentativa {} de {}", attempt.retry_state.attempt_number, step)
                return action()
        raise AssertionError("unreachable")  # pragma: no cover
