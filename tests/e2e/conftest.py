"""End-to-end fixtures: the real mock PJe on a free port and the bot's browser session on Chromium."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from bot.config.settings import Settings
from bot.pje.browser import BrowserSession
from bot.queue.db import Database
from mock_pje import MockSettings
from mock_pje.launcher import MockHandle, run_mock_server

MOCK = MockSettings(seed=23, zones=2, per_zone=16, admin_token="e2e-admin-token")


@pytest.fixture(scope="session")
def e2e_mock() -> Iterator[MockHandle]:
    with run_mock_server(MOCK) as handle:
        yield handle


@pytest.fixture
def mock(e2e_mock: MockHandle) -> MockHandle:
    e2e_mock.state.faults.configure(profile="off", latency_ms=0)
    e2e_mock.state.reset()
    e2e_mock.state.sessions.clear()
    return e2e_mock


@pytest.fixture
def settings(mock: MockHandle, tmp_path: Path) -> Settings:
    return Settings.load(
        var_dir=tmp_path / "var",
        pje={
            "base_url": mock.base_url,
            "cpf": mock.servant_cpf,
            "password": mock.servant_password,
            "retries": 3,
        },
        db={"url": f"sqlite:///{tmp_path / 'var' / 'jano.db'}"},
        logging={"dir": tmp_path / "var" / "logs"},
    )


@pytest.fixture
def db(settings: Settings) -> Iterator[Database]:
    """The project database of the test (a SQLite file under tmp_path), disposed afterwards."""
    database = Database.from_settings(settings)
    yield database
    database.dispose()


@pytest.fixture
def bot_browser(browser: Browser, settings: Settings) -> Iterator[BrowserSession]:
    """The bot's own browser session, reusing pytest-playwright's Chromium."""
    with BrowserSession(settings.browser, settings.pje, settings.artifacts_dir, browser=browser) as session:
        yield session
