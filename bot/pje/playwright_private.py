"""The only use of Playwright's private API in the product, with why no public one would do.

- :data:`TargetClosedError`: the error Playwright raises when a page, context or browser closed under
  a call. It is not exported by ``playwright.sync_api`` (only its base ``Error`` is), yet telling it
  apart is how :func:`bot.pje.browser.translate` maps it to :class:`BrowserClosed`.
- :func:`run_on_connection`: runs a coroutine on the event loop behind a sync Playwright object and
  blocks the calling greenlet until it ends (``SyncBase._sync``, which every public sync call goes
  through). :func:`bot.pje.pool.gather` needs it to start greenlets from inside that loop: the sync
  API has no public way to await several things at once.

Both depend on Playwright internals, so ``pyproject.toml`` bounds the Playwright version and
``tests/bot/pje/test_playwright_private.py`` checks the installed version is inside that range and that
these internals still exist.
"""

from __future__ import annotations

from collections.abc import Coroutine
from typing import Any

from playwright._impl._errors import TargetClosedError
from playwright.sync_api import Browser, Page

# What run_on_connection touches on a sync object (checked by the test of the pinned version range).
SYNC_INTERNALS = ("_sync", "_loop", "_dispatcher_fiber")


def run_on_connection(on: Browser | Page, awaitable: Coroutine[Any, Any, Any]) -> Any:
    """Run ``awaitable`` on the Playwright connection of ``on``; its result (or its exception)."""
    return on._sync(awaitable)


__all__ = ["SYNC_INTERNALS", "TargetClosedError", "run_on_connection"]
