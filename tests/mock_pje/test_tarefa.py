from __future__ import annotations

from playwright.sync_api import Page, expect

from bot.vocabulary.domain import Task
from mock_pje.flow import TRANSITIONS
from mock_pje.launcher import MockHandle
from tests.mock_pje.pages import open_task


def _process(mock: MockHandle, task: Task):
    return next(p for p in mock.state.processes.values() if p.task == task.value)


def test_task_view_should_show_the_process_header_and_only_valid_transitions(
    page: Page, mock: MockHandle
) -> None:
    process = _process(mock, Task.LANCAR_MOVIMENTO)
    frame = open_task(page, mock, process.task, process.number)

    expect(frame.get_by_test_id("numero-processo")).to_have_text(process.number)
    expect(frame.locator("#nomeTarefa")).to_have_text(Task.LANCAR_MOVIMENTO.value)
    frame.locator("#btnTransicoesTarefa").click()
    links = frame.locator("#menuTransicoes a[title^='Encaminhar para ']")
    expect(links).to_have_count(len(TRANSITIONS[Task.LANCAR_MOVIMENTO]))
    titles = [links.nth(i).get_attribute("title") for i in range(links.count())]
    assert titles == [f"Encaminhar para {t.value}" for t in TRANSITIONS[Task.LANCAR_MOVIMENTO]]


def test_transition_should_move_the_process_and_show_a_toast_that_disappears(
    page: Page, mock: MockHandle
) -> None:
    process = _process(mock, Task.LANCAR_MOVIMENTO)
    frame = open_task(page, mock, process.task, process.number)

    frame.locator("#btnTransicoesTarefa").click()
    frame.locator("a[title='Encaminhar para Aguardar prazo']").click()

    expect(frame.get_by_test_id("toast")).to_have_text("Tarefa encaminhada com sucesso.")
    expect(frame.locator("#nomeTarefa")).to_have_text(Task.AGUARDAR_PRAZO.value)
    expect(frame.get_by_test_id("toast")).to_have_count(0, timeout=8000)
    assert process.task == Task.AGUARDAR_PRAZO.value
    entry = mock.state.ledger[-1]
    assert (entry["actor_cpf"], entry["process"], entry["action"]) == (
        mock.servant_cpf,
        process.number,
        "transicao",
    )
    assert entry["detail"]["destino"] == Task.AGUARDAR_PRAZO.value


def test_sending_to_sign_without_a_draft_should_be_refused_with_the_banner(
    page: Page, mock: MockHandle
) -> None:
    process = next(
        p for p in mock.state.processes.values() if p.task == Task.MINUTAR_SENTENCA.value and not p.draft_id
    )
    frame = open_task(page, mock, process.task, process.number)
    before = len(mock.state.ledger)

    frame.locator("#btnTransicoesTarefa").click()
    frame.locator("a[title='Encaminhar para Assinar']").click()

    expect(frame.locator("#pageAlert[data-kind='negocio']")).to_contain_text("Não há minuta salva")
    assert process.task == Task.MINUTAR_SENTENCA.value
    assert len(mock.state.ledger) == before
    assert mock.state.refusals[-1]["process"] == process.number


def test_a_moved_task_should_be_refused_when_acted_on_again(page: Page, mock: MockHandle) -> None:
    process = _process(mock, Task.LANCAR_MOVIMENTO)
    frame = open_task(page, mock, process.task, process.number)
    old_instance = process.task_instance
    mock.state.processes[process.id].task_instance += 1000  # another user moved it meanwhile

    frame.locator("#btnTransicoesTarefa").click()
    frame.locator("a[title='Encaminhar para Aguardar prazo']").click()

    expect(frame.locator("#pageAlert[data-kind='negocio']")).to_contain_text("já movimentada")
    assert process.task == Task.LANCAR_MOVIMENTO.value and process.task_instance == old_instance + 1000


def test_tags_should_be_added_removed_and_filterable_in_the_painel(page: Page, mock: MockHandle) -> None:
    process = _process(mock, Task.MINUTAR_SENTENCA)
    frame = open_task(page, mock, process.task, process.number)

    frame.get_by_test_id("aba-etiquetas").click()
    frame.get_by_label("Nova etiqueta").fill("JANO_TRIADO")
    frame.get_by_role("button", name="Incluir").click()
    expect(frame.get_by_test_id("etiquetas-processo")).to_contain_text("JANO_TRIADO")
    assert process.tags == ["JANO_TRIADO"]
    assert mock.state.ledger[-1]["action"] == "etiquetar"

    painel = page.frame_locator("iframe#ngFrame")
    page.reload()
    painel.get_by_label("Filtrar por etiqueta").select_option("JANO_TRIADO")
    painel.get_by_role("button", name="Pesquisar").click()
    expect(painel.get_by_test_id("processo-card")).to_have_count(1)
    expect(painel.get_by_test_id("processo-card").locator("a.numero-processo")).to_have_text(process.number)

    painel.get_by_test_id("processo-card").locator("a.numero-processo").click()
    frame = painel.frame_locator("iframe#frame-tarefa")
    frame.get_by_test_id("aba-etiquetas").click()
    frame.get_by_title("Remover etiqueta JANO_TRIADO").click()
    expect(frame.get_by_test_id("etiquetas-processo").locator("li")).to_have_count(0)
    assert process.tags == []


def test_an_rrc_should_show_its_linked_drap(page: Page, mock: MockHandle) -> None:
    rrc = next(p for p in mock.state.processes.values() if p.cls == "RRC")
    frame = open_task(page, mock, rrc.task, rrc.number)

    expect(frame.get_by_test_id("processos-vinculados")).to_have_text(rrc.linked[0])
    assert mock.state.by_number[rrc.linked[0]].cls == "DRAP"
