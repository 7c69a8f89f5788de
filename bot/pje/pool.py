"""Concurrency on one Playwright connection: lanes are greenlets, not threads.

Sync Playwright objects belong to the thread that made them, so N threads used to mean N Playwright
drivers and N Chromiums. Instead, every lane runs in a greenlet of the calling thread, on the same
Playwright connection and browser (each lane in its own browser context: :mod:`bot.pipeline.lanes`).
The sync API supports this: a call made in a greenlet switches to Playwright's dispatcher, which runs
the event loop and switches back when that call's answer arrives (the same path Playwright uses for
route and event handlers that block in sync calls). So while one lane waits for PJe, the others run;
Python code runs one greenlet at a time, as under the GIL anyway.

Rules for code that runs in a lane: wait through Playwright (``pause``), never ``time.sleep``, which
would stall every lane of the thread; never hold a lock (or a database transaction) across a
Playwright call, since another lane of the same thread may run meanwhile and want it.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable, Sequence
from functools import partial
from typing import Any, TypeVar

from greenlet import greenlet
from playwright.sync_api import Browser, Page
from playwright.sync_api import Error as PlaywrightError

from bot.pje.playwright_private import run_on_connection

T = TypeVar("T")


def gather(on: Browser | Page, calls: Sequence[Callable[[], T]]) -> list[T]:
    """Run ``calls`` concurrently on the Playwright connection of ``on``; results in order.

    Every call runs to its end; then the first exception raised, if any, is raised again.
    """
    if len(calls) <= 1:
        return [call() for call in calls]

    async def all_of() -> list[Any]:
        futures = [_start(call) for call in calls]
        return list(await asyncio.gather(*futures, return_exceptions=True))

    results = run_on_connection(on, all_of())
    for result in results:
        if isinstance(result, BaseException):
            raise result
    return results


def _start(call: Callable[[], Any]) -> asyncio.Future[Any]:
    """Run ``call`` in a new greenlet from inside Playwright's event loop, until its first wait; the
    future settles with its result or error. (Playwright runs blocking sync handlers the same way.)"""
    future: asyncio.Future[Any] = asyncio.get_running_loop().create_future()

    def body() -> None:
        try:
            future.set_result(call())
        except Exception as err:  # noqa: BLE001 - handed to the caller through the future
            future.set_exception(err)

    greenlet(body).switch()
    return future


def run_concurrently(browser: Browser, count: int, call: Callable[[int], None]) -> None:
    """Call ``call(0)`` … ``call(count - 1)`` concurrently and wait for all of them."""
    gather(browser, [partial(call, i) for i in range(max(1, count))])


def pause(page: Page | None, seconds: float) -> None:
    """Wait without stalling the other lanes (Playwright's timer); ``time.sleep`` without a page."""
    if page is not None and not page.is_closed():
        try:
            page.wait_for_timeout(seconds * 1000)
            return
        except PlaywrightError:  # the page closed under us: fall back to a plain sleep
            pass
    time.sleep(seconds)
