"""Greenlet lanes on one Playwright connection, in real Chromium."""

from __future__ import annotations

import time

import pytest
from playwright.sync_api import Browser

from bot.pje.pool import gather, pause, run_concurrently


def test_gather_should_overlap_the_waits_of_its_calls(browser: Browser) -> None:
    context = browser.new_context()
    pages = [context.new_page() for _ in range(3)]
    start = time.perf_counter()
    results = gather(browser, [lambda p=p, i=i: (pause(p, 0.6), i)[1] for i, p in enumerate(pages)])
    elapsed = time.perf_counter() - start
    context.close()
    assert results == [0, 1, 2]
    assert elapsed < 1.5, f"three 0.6 s waits should overlap, took {elapsed:.2f} s"


def test_gather_should_finish_every_call_before_raising_the_first_error(browser: Browser) -> None:
    page = browser.new_page()
    finished: list[str] = []

    def fails() -> None:
        raise ValueError("boom")

    def slow() -> None:
        pause(page, 0.2)
        finished.append("slow")

    with pytest.raises(ValueError, match="boom"):
        gather(browser, [fails, slow])
    page.close()
    assert finished == ["slow"]


def test_run_concurrently_should_give_each_lane_its_index(browser: Browser) -> None:
    seen: list[int] = []
    page = browser.new_page()

    def lane(index: int) -> None:
        pause(page, 0.05)
        seen.append(index)

    run_concurrently(browser, 4, lane)
    page.close()
    assert sorted(seen) == [0, 1, 2, 3]
