"""Suite-wide fixtures and hooks: a clean JANO_* environment, pytest-playwright on Debian's Chromium,
and the ``e2e`` marker kept honest.

``e2e`` means "runs real Chromium". A test gets it in one of two ways: its fixture closure holds a
pytest-playwright fixture (added by :func:`pytest_collection_modifyitems`), or its module says
``pytestmark = pytest.mark.e2e`` because it launches Chromium itself (a ``BrowserSession`` of its
own, a ``jano`` subprocess that opens a browser). Any other test that tries to launch or connect to a
browser fails at once (:func:`browser_only_in_e2e`), so ``-m "not e2e"`` (``make test-fast``) never
starts one and a test missing its marker is caught there rather than silently run.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NoReturn

import pytest
from playwright import async_api, sync_api

from bot.config.settings import BrowserSettings

# pytest-playwright fixtures whose set-up starts (or hands out) a browser.
PLAYWRIGHT_FIXTURES = frozenset(
    {"playwright", "browser_type", "launch_browser", "browser", "new_context", "context", "page"}
)
# Every way a Playwright client starts or reaches a browser.
BROWSER_ENTRY_POINTS = ("launch", "launch_persistent_context", "connect", "connect_over_cdp")


@pytest.hookimpl(tryfirst=True)  # before `-m` deselects by marker
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark ``e2e`` every test that uses a pytest-playwright fixture, directly or through another."""
    for item in items:
        if PLAYWRIGHT_FIXTURES.intersection(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(autouse=True)
def browser_only_in_e2e(request: pytest.FixtureRequest, monkeypatch: pytest.MonkeyPatch) -> None:
    """A test not marked ``e2e`` fails as soon as it starts Playwright or launches a browser.

    Refusing the start itself (not only the launch) leaves no half-started driver behind to break the
    tests after it. In-process only: a subprocess's browser is out of reach, which is why modules that
    start a browsing ``jano`` subprocess carry the marker explicitly.
    """
    if request.node.get_closest_marker("e2e") is not None:
        return
    message = f"{request.node.nodeid} starts a browser but is not marked e2e"

    def refuse(*_args: object, **_kwargs: object) -> NoReturn:
        pytest.fail(message, pytrace=False)

    async def refuse_async(*_args: object, **_kwargs: object) -> NoReturn:
        pytest.fail(message, pytrace=False)

    monkeypatch.setattr(type(sync_api.sync_playwright()), "__enter__", refuse)
    monkeypatch.setattr(type(async_api.async_playwright()), "__aenter__", refuse_async)
    for browser_type in (sync_api.BrowserType, async_api.BrowserType):
        for name in BROWSER_ENTRY_POINTS:
            monkeypatch.setattr(browser_type, name, refuse)


@pytest.fixture(autouse=True)
def clean_environ(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[None]:
    """A developer's JANO_* variables and .env must never leak into a test."""
    for name in list(os.environ):
        if name.startswith("JANO_"):
            monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    # .env is read from the working directory: run each test from an empty one.
    monkeypatch.chdir(tmp_path)
    yield


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    """pytest-playwright launches Debian's Chromium with the flags this machine needs."""
    browser = BrowserSettings()
    return {**browser_type_launch_args, "executable_path": browser.executable_path, "args": browser.args}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    return {**browser_context_args, "locale": "pt-BR"}
