"""Suite-wide fixtures: a clean JANO_* environment and pytest-playwright on Debian's Chromium."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from bot.config.settings import BrowserSettings

CHROMIUM = BrowserSettings().executable_path


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
