"""Login through PJe's SSO form inside ``iframe[name=ssoFrame]`` (docs/pje-handles.md#login)."""

from __future__ import annotations

import re

from playwright.sync_api import FrameLocator
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from bot.core.errors import LoginRejected, PageTimeout
from bot.pje.browser import playwright_errors
from bot.pje.pages.base import PJePage

LOGIN_PATH = "/pje/login.seam"
PAINEL_URL = re.compile(r"/pje/ng2/dev\.seam")


class LoginPage(PJePage):
    @property
    def _sso(self) -> FrameLocator:
        return self.page.frame_locator("iframe[name=ssoFrame]")

    def login(self, cpf: str, password: str) -> None:
        """Log in as ``cpf``; returns when the painel loads.

        Raises:
            LoginRejected: PJe refused the credentials (its own message is kept).
            PageTimeout: neither the painel nor an error appeared in time.
        """
        self.goto(LOGIN_PATH, step="login")
        step = "login"
        with playwright_errors(step=step):
            sso = self._sso
            sso.locator("#username").fill(cpf)
            sso.locator("#password").fill(password)
            sso.locator("#kc-login").click()
            error = sso.locator("#input-error")
            deadline_ms = self.pje.navigation_timeout_ms
            waited = 0
            while waited < deadline_ms:
                try:
                    self.page.wait_for_url(PAINEL_URL, timeout=250, wait_until="domcontentloaded")
                    return
                except PlaywrightTimeout:
                    waited += 250
                if error.count() and error.first.is_visible():
                    raise LoginRejected(f"PJe recusou o login: {error.first.inner_text().strip()}", step=step)
        raise PageTimeout("o painel não abriu após o login", step=step)
