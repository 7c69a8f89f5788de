"""Browser lifetime, in one module with explicit scopes.

- :class:`BrowserSession`: Playwright and one Chromium per run (or per process); concurrent lanes
  are greenlets on that one connection (:mod:`bot.pje.pool`, run by :mod:`bot.pipeline.lanes`),
  each with its own context.
- :meth:`BrowserSession.unit`: one browser context per unit of work (a lane or a zone), tracing
  on from entry (actions, network, console; DOM snapshots only with ``trace_snapshots``, which costs
  about a third of the bot's CPU; no screencast: a screenshot is taken when something fails); on
  failure the trace zip and a screenshot land under ``var/artifacts/<run>/<unit>/``; the context is
  closed in ``finally``. A unit may start from another's cookies (``storage_state``): one login.
- :func:`translate`: the only place Playwright's errors become the bot's (docs/architecture.md#errors).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from types import TracebackType

from loguru import logger
from playwright.sync_api import Browser, BrowserContext, Page, Playwright, StorageState, sync_playwright
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from bot.config.settings import BrowserSettings, PJeSettings
from bot.core.errors import BotError, BrowserClosed, NavigationError, PageTimeout, TransientError
from bot.pje.playwright_private import TargetClosedError

# Every exception class Playwright raises, mapped to ours (tests check the mapping is complete).
ERROR_MAP: dict[type[BaseException], type[BotError]] = {
    PlaywrightTimeout: PageTimeout,
    TargetClosedError: BrowserClosed,
    PlaywrightError: TransientError,
}
_NAVIGATION = re.compile(r"net::ERR_|NS_ERROR_|Navigation failed|navigating to", re.I)
_CLOSED = re.compile(r"has been closed|Target closed|Browser closed|Connection closed", re.I)


def translate(err: BaseException, *, process: str | None = None, step: str | None = None) -> BotError:
    """Map a Playwright exception to the bot's error tree (most specific class first)."""
    if isinstance(err, BotError):
        return err
    first_line = (str(err).strip().splitlines() or [type(err).__name__])[0][:300]
    for pw_type, ours in ERROR_MAP.items():
        if isinstance(err, pw_type):
            if ours is TransientError and _CLOSED.search(first_line):
                ours = BrowserClosed
            elif ours is TransientError and _NAVIGATION.search(first_line):
                ours = NavigationError
            return ours(first_line, process=process, step=step)
    raise TypeError(f"not a Playwright error: {type(err).__name__}") from err


@contextmanager
def playwright_errors(*, process: str | None = None, step: str | None = None) -> Iterator[None]:
    """Translate Playwright errors raised inside the block (``raise ... from err``)."""
    try:
        yield
    except PlaywrightError as err:
        raise translate(err, process=process, step=step) from err


@dataclass
class Unit:
    """A unit of work's browser state: its context, its page and where its artifacts go."""

    context: BrowserContext
    page: Page
    artifacts: Path
    failed: bool = field(default=False)


@dataclass
class ItemPage:
    """One work item's page; set ``failed`` to keep its trace and screenshot."""

    page: Page
    artifacts: Path
    failed: bool = False


class BrowserSession:
    """Playwright + Chromium for one run (every lane of it) or one job.

    Args:
        settings: browser settings (executable path, flags, tracing).
        pje: PJe settings (timeouts applied to every context).
        artifacts_dir: root of ``<run>/<unit>/`` failure artifacts.
        browser: an already-launched browser to reuse (tests pass pytest-playwright's); when given,
            this session neither starts Playwright nor closes the browser.
    """

    def __init__(
        self,
        settings: BrowserSettings,
        pje: PJeSettings,
        artifacts_dir: Path,
        *,
        browser: Browser | None = None,
    ) -> None:
        self.settings = settings
        self.pje = pje
        self.artifacts_dir = artifacts_dir
        self._browser = browser
        self._owns_browser = browser is None
        self._playwright: Playwright | None = None

    def __enter__(self) -> BrowserSession:
        if self._browser is None:
            with playwright_errors(step="iniciar navegador"):
                self._playwright = sync_playwright().start()
                self._browser = self._playwright.chromium.launch(
                    executable_path=self.settings.executable_path,
                    headless=self.settings.headless,
                    args=self.settings.args,
                    slow_mo=self.settings.slow_mo_ms or None,
                )
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()

    def close(self) -> None:
        try:
            if self._owns_browser and self._browser is not None:
                self._browser.close()
        except PlaywrightError:
            logger.debug("browser already closed")
        finally:
            if self._playwright is not None:
                self._playwright.stop()
                self._playwright = None
            if self._owns_browser:
                self._browser = None

    @property
    def browser(self) -> Browser:
        if self._browser is None:
            raise BrowserClosed("navegador não iniciado (use 'with BrowserSession(...)')")
        return self._browser

    @contextmanager
    def unit(self, run_id: str, name: str, *, storage_state: StorageState | None = None) -> Iterator[Unit]:
        """One browser context for one unit of work, traced; artifacts kept on failure.

        ``storage_state``: cookies of another unit (``unit.context.storage_state()``) to start from,
        so the unit shares that unit's PJe login instead of logging in again.
        """
        target = self.artifacts_dir / _safe(run_id) / _safe(name)
        with playwright_errors(step="abrir contexto"):
            context = self.browser.new_context(
                locale="pt-BR", timezone_id="America/Bahia", storage_state=storage_state
            )
            context.set_default_timeout(self.pje.timeout_ms)
            context.set_default_navigation_timeout(self.pje.navigation_timeout_ms)
            if self.settings.tracing:
                context.tracing.start(
                    screenshots=False, snapshots=self.settings.trace_snapshots, sources=False
                )
            page = context.new_page()
        unit = Unit(context=context, page=page, artifacts=target)
        try:
            yield unit
        except BaseException:
            unit.failed = True
            self._save_failure(unit)
            raise
        finally:
            try:
                if self.settings.tracing and not unit.failed:
                    context.tracing.stop()
                context.close()
            except PlaywrightError:
                logger.debug("context already closed")

    @contextmanager
    def item(self, unit: Unit, name: str) -> Iterator[ItemPage]:
        """The unit's page lent to one work item (shared login), with the item's own trace chunk.

        Items of a unit reuse its page (a new tab costs Chromium a new renderer; every read and write
        starts with a navigation by URL anyway). When the block raises, or the caller marks the item
        failed (``item.failed = True``), the chunk is saved as ``<run>/<name>/trace.zip`` beside a
        screenshot.
        """
        target = unit.artifacts.parent / _safe(name)
        with playwright_errors(step="abrir página"):
            if self.settings.tracing:
                unit.context.tracing.start_chunk(title=name)
        item = ItemPage(page=self.page_of(unit), artifacts=target)
        try:
            yield item
        except BaseException:
            item.failed = True
            raise
        finally:
            self._close_item(unit, item)

    def page_of(self, unit: Unit) -> Page:
        """The unit's page; a new one when it was closed (a crashed tab)."""
        with playwright_errors(step="abrir página"):
            if unit.page.is_closed():
                unit.page = unit.context.new_page()
        return unit.page

    def _close_item(self, unit: Unit, item: ItemPage) -> None:
        try:
            if item.failed:
                item.artifacts.mkdir(parents=True, exist_ok=True)
                try:
                    item.page.screenshot(path=str(item.artifacts / "screenshot.png"))
                except PlaywrightError:
                    logger.debug("screenshot failed")
            if self.settings.tracing:
                if item.failed:
                    unit.context.tracing.stop_chunk(path=str(item.artifacts / "trace.zip"))
                else:
                    unit.context.tracing.stop_chunk()
        except PlaywrightError:
            logger.debug("item page already closed")
        if item.failed:
            logger.warning("falha registrada; artefatos em {}", item.artifacts)

    def _save_failure(self, unit: Unit) -> None:
        unit.artifacts.mkdir(parents=True, exist_ok=True)
        for page in unit.context.pages:
            try:
                page.screenshot(path=str(unit.artifacts / f"screenshot-{unit.context.pages.index(page)}.png"))
            except PlaywrightError:
                logger.debug("screenshot failed")
        if self.settings.tracing:
            try:
                unit.context.tracing.stop(path=str(unit.artifacts / "trace.zip"))
            except PlaywrightError:
                logger.debug("trace could not be saved")
        logger.warning("falha registrada; artefatos em {}", unit.artifacts)


def _safe(name: str) -> str:
    return re.sub(r"[^A-Za-z0-9._-]+", "_", name)[:120] or "unit"
