"""The pool of browser lanes that triage and execution share.

A *lane* is one unit of concurrent browser work: a greenlet (:mod:`bot.pje.pool`) with its own
browser context and page, on the run's one Playwright connection and Chromium. (The DBOS process of
``jano worker`` is the *worker*; a lane is not.) Lane 0 is the context that logged in first
(:func:`first_lane`); :func:`run_lanes` opens the others, either from lane 0's cookies – one PJe
login, zone profile included, shared by every lane – or logged out, each lane logging in on its own
(when items of several zones are executed: switching zones in a shared session would switch them for
every lane). Each item a lane handles gets its own trace chunk, kept only when it fails
(:meth:`Lane.item`).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass

from bot.config.settings import PJeSettings
from bot.pje.browser import BrowserSession, ItemPage, Unit
from bot.pje.facade import PJe
from bot.pje.pool import run_concurrently


@dataclass
class Lane:
    """One lane: its browser context (``unit``) and its PJe session; ``logged_in`` once it has one."""

    index: int
    run_id: str
    session: BrowserSession
    unit: Unit
    pje: PJe
    logged_in: bool = True

    def reopen(self) -> PJe:
        """The lane's PJe session on the lane's page, a new page if a crash closed it (kept as ``pje``,
        so the zone it selects stays the lane's)."""
        self.pje = self.pje.on(self.session.page_of(self.unit))
        return self.pje

    def item(self, name: str) -> AbstractContextManager[ItemPage]:
        """The lane's page lent to one work item, with the item's own trace chunk (kept on failure)."""
        return self.session.item(self.unit, name)


@contextmanager
def first_lane(
    session: BrowserSession,
    settings: PJeSettings,
    run_id: str,
    name: str,
    *,
    cpf: str,
    password: str,
    zone: int | None = None,
) -> Iterator[Lane]:
    """Lane 0: a context of its own, logged in as the designated servant (in ``zone``'s profile when
    given). Also the whole browser side of a one-unit job (a zone's tasks, a worker's item)."""
    with session.unit(run_id, name) as unit:
        pje = PJe(unit.page, settings, cpf=cpf, password=password)
        pje.login()
        if zone is not None:
            pje.select_zone(zone)
        yield Lane(0, run_id, session, unit, pje)


def run_lanes(
    first: Lane,
    count: int,
    body: Callable[[Lane], None],
    *,
    name: Callable[[int], str],
    share_login: bool,
    wanted: Callable[[], bool] = lambda: True,
) -> None:
    """Run ``body(lane)`` in ``count`` lanes at once (``first`` is lane 0) and wait for all of them.

    ``name(i)``: the artifacts folder of lane ``i``. ``share_login``: lanes 1… start from ``first``'s
    cookies (its login and zone profile); otherwise they start logged out (``lane.logged_in`` False).
    ``wanted()``: asked before a lane opens its context; False leaves that lane out (nothing to do).
    """
    cookies = first.unit.context.storage_state() if share_login and count > 1 else None

    def lane(index: int) -> None:
        if index == 0:
            body(first)
            return
        if not wanted():
            return
        with first.session.unit(first.run_id, name(index), storage_state=cookies) as unit:
            pje = first.pje.on(unit.page)  # same servant; the shared session has the zone's profile
            if cookies is None:
                pje.zone = None  # a session of its own: no profile chosen yet
            body(Lane(index, first.run_id, first.session, unit, pje, logged_in=cookies is not None))

    run_concurrently(first.session.browser, count, lane)
