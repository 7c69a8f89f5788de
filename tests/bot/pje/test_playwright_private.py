"""The Playwright internals the product relies on (bot.pje.playwright_private) are still there, and
the installed Playwright is inside the range pyproject.toml declares for them."""

from __future__ import annotations

import tomllib
from importlib.metadata import version
from pathlib import Path

from packaging.requirements import Requirement
from playwright.sync_api import Browser, Page
from playwright.sync_api import Error as PlaywrightError

from bot.pje import playwright_private

PYPROJECT = Path(__file__).resolve().parents[3] / "pyproject.toml"


def _playwright_requirement() -> Requirement:
    dependencies = tomllib.loads(PYPROJECT.read_text(encoding="utf-8"))["project"]["dependencies"]
    [requirement] = [Requirement(d) for d in dependencies if Requirement(d).name == "playwright"]
    return requirement


def test_pyproject_should_bound_playwright_above_and_below() -> None:
    operators = {spec.operator for spec in _playwright_requirement().specifier}
    assert ">=" in operators and "<" in operators


def test_the_installed_playwright_should_be_inside_the_pinned_range() -> None:
    assert version("playwright") in _playwright_requirement().specifier


def test_the_private_attributes_used_should_still_exist(page: Page, browser: Browser) -> None:
    for sync_object in (page, browser):
        for name in playwright_private.SYNC_INTERNALS:
            assert hasattr(sync_object, name), f"{type(sync_object).__name__}.{name}"
    assert issubclass(playwright_private.TargetClosedError, PlaywrightError)


def test_run_on_connection_should_return_the_coroutine_result(page: Page) -> None:
    async def forty_two() -> int:
        return 42

    assert playwright_private.run_on_connection(page, forty_two()) == 42
