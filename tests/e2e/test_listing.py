"""The painel's task listing, page by page: each page's cards reach the caller as they are read (so
triage workers start before the listing ends), each process once, at most ``limit``."""

from __future__ import annotations

import math
from collections.abc import Iterator

import pytest

from bot.pje.facade import PJe
from mock_pje import MockSettings
from mock_pje.launcher import MockHandle, run_mock_server
from mock_pje.routes.painel import PAGE_SIZE

pytestmark = pytest.mark.e2e


@pytest.fixture(scope="module")
def paged_mock() -> Iterator[MockHandle]:
    """One zone with tasks of several painel pages (the suite's shared mock has one page each)."""
    with run_mock_server(MockSettings(seed=5, zones=1, per_zone=60, admin_token="lista-token")) as handle:
        yield handle


@pytest.fixture
def mock(paged_mock: MockHandle) -> MockHandle:
    return paged_mock


def _busiest(mock) -> tuple[int, str, int]:
    """(zone, task, count) of the largest task of the seeded world."""
    counts = [(z, task, n) for z in mock.state.zones for task, n in mock.state.task_counts(z).items()]
    return max(counts, key=lambda t: t[2])


def test_listing_should_hand_over_each_page_of_cards_as_it_is_read(bot_browser, settings, mock) -> None:
    zone, task, count = _busiest(mock)
    assert count > PAGE_SIZE, "the seeded world needs a task of more than one painel page"
    pages: list[list[str]] = []
    with bot_browser.unit("run-lista", "lista") as unit:
        pje = PJe(unit.page, settings.pje, cpf=mock.servant_cpf, password=mock.servant_password)
        pje.login()
        pje.select_zone(zone)
        cards = pje.processes_in_task(task, on_page=lambda got: pages.append([c.number for c in got]))
    numbers = [c.number for c in cards]
    assert len(numbers) == len(set(numbers)) == count
    assert len(pages) == math.ceil(count / PAGE_SIZE)
    assert [len(p) for p in pages] == sorted(len(p) for p in pages)  # each page adds to the last
    assert all(later[: len(earlier)] == earlier for earlier, later in zip(pages, pages[1:], strict=False))
    assert pages[-1] == numbers


def test_listing_should_stop_at_the_limit_and_never_hand_over_more(bot_browser, settings, mock) -> None:
    zone, task, count = _busiest(mock)
    limit = PAGE_SIZE + 2
    assert count > limit
    pages: list[int] = []
    with bot_browser.unit("run-lista", "lista-limite") as unit:
        pje = PJe(unit.page, settings.pje, cpf=mock.servant_cpf, password=mock.servant_password)
        pje.login()
        pje.select_zone(zone)
        cards = pje.processes_in_task(task, limit=limit, on_page=lambda got: pages.append(len(got)))
    assert len(cards) == limit
    assert pages == [PAGE_SIZE, limit]  # two pages read, not the rest
