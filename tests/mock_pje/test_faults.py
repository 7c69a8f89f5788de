from __future__ import annotations

import re
import time

import httpx
from playwright.sync_api import Page, expect

from bot.vocabulary.domain import Task
from mock_pje import MockSettings, Quirk
from mock_pje.faults import Faults
from mock_pje.launcher import MockHandle
from mock_pje.render import UNEXPECTED_ERROR
from mock_pje.settings import FaultProfile
from tests.mock_pje.pages import login, open_task


def test_fail_next_should_show_the_unexpected_error_banner_once(page: Page, mock: MockHandle) -> None:
    painel = login(page, mock)
    mock.state.fail_next("/pje/ng2/painel")

    page.reload()
    expect(painel.locator("#pageAlert[data-kind='inesperado']")).to_have_text(UNEXPECTED_ERROR)
    page.reload()
    expect(painel.locator("#divTarefasPendentes")).to_be_visible()


def test_a_failed_write_should_change_nothing(page: Page, mock: MockHandle) -> None:
    process = next(p for p in mock.state.processes.values() if p.task == Task.LANCAR_MOVIMENTO.value)
    frame = open_task(page, mock, process.task, process.number)
    mock.state.fail_next("/pje/Processo/transicao")

    frame.locator("#btnTransicoesTarefa").click()
    frame.locator("a[title='Encaminhar para Aguardar prazo']").click()

    expect(frame.locator("#pageAlert[data-kind='inesperado']")).to_be_visible()
    assert process.task == Task.LANCAR_MOVIMENTO.value and mock.state.ledger == []


def test_delay_next_should_slow_the_render_down(page: Page, mock: MockHandle) -> None:
    login(page, mock)
    mock.state.delay_next(1.5, "/pje/ng2/painel")

    started = time.monotonic()
    page.reload()
    expect(page.frame_locator("iframe#ngFrame").locator("#divTarefasPendentes")).to_be_visible(timeout=10_000)
    assert time.monotonic() - started >= 1.5


def test_a_swallowed_click_should_do_nothing_the_first_time(page: Page, mock: MockHandle) -> None:
    painel = login(page, mock)
    process = mock.state.zone_processes(mock.state.zones[0])[3]
    mock.state.force(Quirk.SWALLOW_CLICK, "/pje/ng2/painel")
    page.reload()

    painel.get_by_label("Pesquisar processo").fill(process.number)
    painel.get_by_role("button", name="Pesquisar").click()
    page.wait_for_timeout(500)
    expect(painel.get_by_test_id("total-processos")).not_to_have_text("1 processo(s)")
    painel.get_by_role("button", name="Pesquisar").click()
    expect(painel.get_by_test_id("total-processos")).to_have_text("1 processo(s)")


def test_the_stale_list_should_linger_until_the_fresh_one_arrives(page: Page, mock: MockHandle) -> None:
    painel = login(page, mock)
    counts = mock.state.task_counts(mock.state.zones[0])
    first, second = list(counts)[:2]
    painel.locator(f"#divTarefasPendentes a[title='{first}']").click()
    expect(painel.locator(f"#listaProcessos[data-tarefa='{first}']")).to_be_visible()
    mock.state.force(Quirk.STALE_LIST, "/pje/ng2/painel")

    painel.locator(f"#divTarefasPendentes a[title='{second}']").click()

    expect(painel.locator(f"#listaProcessos[data-tarefa='{first}'][aria-busy='true']")).to_be_attached()
    fresh = painel.locator(f"#listaProcessos[data-tarefa='{second}'][aria-busy='false']")
    expect(fresh).to_be_attached(timeout=5000)
    expect(fresh.get_by_test_id("total-processos")).to_have_text(f"{counts[second]} processo(s)")


def test_the_transitions_menu_should_not_render_on_the_first_click(page: Page, mock: MockHandle) -> None:
    process = next(p for p in mock.state.processes.values() if p.task == Task.LANCAR_MOVIMENTO.value)
    mock.state.force(Quirk.MENU_FIRST_CLICK, "movimentar.seam")
    frame = open_task(page, mock, process.task, process.number)

    frame.locator("#btnTransicoesTarefa").click()
    expect(frame.locator("#menuTransicoes")).to_be_hidden()
    frame.locator("#btnTransicoesTarefa").click()
    expect(frame.locator("#menuTransicoes")).to_be_visible()


def test_a_search_should_sometimes_return_more_than_one_process(page: Page, mock: MockHandle) -> None:
    painel = login(page, mock)
    process = mock.state.zone_processes(mock.state.zones[0])[2]
    mock.state.force(Quirk.DUPLICATE_SEARCH, "/pje/ng2/painel")

    painel.get_by_label("Pesquisar processo").fill(process.number)
    painel.get_by_role("button", name="Pesquisar").click()

    cards = painel.get_by_test_id("processo-card")
    expect(cards).to_have_count(2)
    numbers = cards.locator("a.numero-processo").all_inner_texts()
    assert process.number in numbers and len(set(numbers)) == 2


def test_the_session_should_expire_in_the_middle_of_a_task(page: Page, mock: MockHandle) -> None:
    process = next(p for p in mock.state.processes.values() if p.task == Task.LANCAR_MOVIMENTO.value)
    frame = open_task(page, mock, process.task, process.number)
    mock.state.force(Quirk.SESSION_EXPIRY, "/pje/Processo/movimentos/gravar")

    frame.locator("a[data-codigo='12654']").click()
    frame.get_by_role("button", name="Gravar").click()

    expect(frame.get_by_test_id("sessao-expirada")).to_be_visible()
    assert mock.state.ledger == []
    page.goto(f"{mock.base_url}/pje/ng2/dev.seam")
    expect(page.get_by_test_id("sessao-expirada")).to_be_visible()


def test_positional_ids_should_change_between_renders_only_with_faults_on(
    page: Page, mock: MockHandle
) -> None:
    login(page, mock)

    def ids() -> list[str]:
        html = httpx.get(
            f"{mock.base_url}/pje/ng2/dev.seam",
            cookies={c["name"]: c["value"] for c in page.context.cookies()},
        ).text
        return re.findall(r'id="(j_id\d+)', html)

    assert ids() == ids()
    mock.state.faults.configure(profile=FaultProfile.LIGHT)
    renders = [tuple(ids()) for _ in range(4)]
    assert len(set(renders)) > 1
    expect(page.get_by_label("Localização/Papel")).to_be_visible()  # stable handles still work


def test_latency_should_be_added_to_every_page(page: Page, mock: MockHandle) -> None:
    login(page, mock)
    mock.state.faults.configure(latency_ms=400)
    cookies = {c["name"]: c["value"] for c in page.context.cookies()}

    started = time.monotonic()
    assert httpx.get(f"{mock.base_url}/pje/ng2/painel", cookies=cookies).status_code == 200
    assert time.monotonic() - started >= 0.4


def test_faults_should_be_reproducible_for_a_seed_and_differ_across_seeds() -> None:
    def sequence(seed: int) -> list[bool]:
        faults = Faults(MockSettings(seed=seed, faults=FaultProfile.HEAVY))
        return [faults.roll(q) for _ in range(40) for q in Quirk]

    assert sequence(3) == sequence(3)
    assert sequence(3) != sequence(4)
    assert any(sequence(3)) and not all(sequence(3))
