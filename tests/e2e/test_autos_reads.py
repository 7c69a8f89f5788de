"""The autos are read with their page load (one round trip), and what is read matches the page."""

from __future__ import annotations

import re

import pytest

from bot.core.errors import BusinessError
from bot.pje.facade import LIGHT_PANEL, PJe
from bot.vocabulary.domain import Task
from tests.e2e.helpers import busiest_zone

pytestmark = pytest.mark.e2e


def _autos_of_a_process(unit, settings, mock):
    pje = PJe(unit.page, settings.pje, cpf=mock.servant_cpf, password=mock.servant_password)
    pje.login()
    pje.select_zone(busiest_zone(mock, Task.MINUTAR_SENTENCA))
    card = pje.processes_in_task(str(Task.MINUTAR_SENTENCA), limit=1)[0]
    header = pje.task_page.open(card.task_id, LIGHT_PANEL, process=card.number)
    return pje, card, header


def test_parties_and_documents_read_with_the_page_load_should_match_the_page(
    bot_browser, settings, mock
) -> None:
    with bot_browser.unit("run-autos", "zona") as unit:
        pje, card, header = _autos_of_a_process(unit, settings, mock)
        pje.autos.open(header.autos_href, process=card.number)
        with_load = (pje.autos.parties(), pje.autos.documents(process=card.number))
        pje.autos._first = None  # read the same page again, from the DOM
        from_page = (pje.autos.parties(), pje.autos.documents(process=card.number))
    assert with_load == from_page
    process = mock.state.by_number[card.number]
    assert with_load[0] and all(any(p in shown for shown in with_load[0]) for p in process.parties)
    shown_ids = {row.id for row in with_load[1]}
    visible = {str(d.id) for d in mock.state.documents.values() if d.process_id == process.id}
    assert shown_ids and shown_ids <= visible


def test_autos_refused_by_pje_should_be_a_one_line_business_error(bot_browser, settings, mock) -> None:
    with bot_browser.unit("run-autos", "zona") as unit:
        pje, card, header = _autos_of_a_process(unit, settings, mock)
        wrong_key = re.sub(r"ca=[^&]+", "ca=0000", header.autos_href)
        with pytest.raises(BusinessError) as refused:
            pje.autos.open(wrong_key, process=card.number)
    assert "\n" not in str(refused.value) and "PJe recusou" in str(refused.value)
