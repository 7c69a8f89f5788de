from __future__ import annotations

from playwright.sync_api import Page, expect

from bot.vocabulary.domain import MOVEMENTS, Channel, Task
from mock_pje.launcher import MockHandle
from tests.mock_pje.pages import open_task


def _julgamento(mock: MockHandle):
    return next(p for p in mock.state.processes.values() if p.task == Task.LANCAR_MOVIMENTO.value)


def test_movement_tree_should_launch_searched_movements_with_their_complementos(
    page: Page, mock: MockHandle
) -> None:
    process = _julgamento(mock)
    frame = open_task(page, mock, process.task, process.number)
    search = frame.get_by_test_id("pesquisa-movimento")

    search.fill("12654")
    expect(frame.locator("li.folha:visible")).to_have_count(1)
    frame.locator("a[data-codigo='12654']").click()
    search.fill("Expedição")
    frame.locator("a[data-codigo='60']").click()
    selected = frame.get_by_test_id("movimentos-selecionados")
    expect(selected.locator("tbody tr")).to_have_count(2)
    selected.locator("select[data-complemento='tipo_de_documento']").select_option(label="Sentença")
    frame.get_by_role("button", name="Gravar").click()

    expect(frame.get_by_test_id("toast")).to_have_text("Movimentos lançados com sucesso.")
    entry = mock.state.ledger[-1]
    assert entry["movement_codes"] == [MOVEMENTS["contas_aprovadas_ressalvas"].code, 60]
    assert entry["detail"]["complementos"]["60"] == {"tipo_de_documento": "118"}
    expect(frame.get_by_test_id("movimentos-lancados").locator("li[data-codigo='12654']")).to_have_count(1)


def test_a_movement_without_its_mandatory_complemento_should_be_refused(page: Page, mock: MockHandle) -> None:
    process = _julgamento(mock)
    frame = open_task(page, mock, process.task, process.number)
    before = len(mock.state.ledger)

    frame.locator("a[data-codigo='60']").click()
    frame.get_by_role("button", name="Gravar").click()

    expect(frame.locator("#pageAlert[data-kind='negocio']")).to_contain_text("Complemento obrigatório")
    assert len(mock.state.ledger) == before
    assert all(m["code"] != 60 for m in process.movements)


def test_preparing_a_dje_communication_should_create_an_expediente(page: Page, mock: MockHandle) -> None:
    process = _julgamento(mock)
    sentence = next(d for d in mock.state.docs_of(process) if d.doc_type == "Sentença")
    frame = open_task(page, mock, process.task, process.number)

    frame.get_by_test_id("aba-comunicacao").click()
    frame.get_by_label(process.parties[0]).check()
    frame.get_by_label("Ministério Público Eleitoral").check()
    frame.get_by_label("Meio").select_option(Channel.DJE.value)
    frame.get_by_label("Prazo (dias)").fill("3")
    frame.get_by_label("Documento vinculado").select_option(str(sentence.id))
    frame.get_by_role("button", name="Expedir").click()

    expect(frame.get_by_test_id("toast")).to_have_text("Expediente criado com sucesso.")
    expect(frame.get_by_test_id("expedientes").locator("tbody tr")).to_have_count(1)
    entry = mock.state.ledger[-1]
    assert entry["action"] == "preparar_comunicacao" and entry["document_id"] == sentence.id
    assert entry["detail"]["channel"] == Channel.DJE.value and entry["detail"]["deadline_days"] == 3


def test_a_communication_without_a_document_should_be_refused(page: Page, mock: MockHandle) -> None:
    process = _julgamento(mock)
    frame = open_task(page, mock, process.task, process.number)

    frame.get_by_test_id("aba-comunicacao").click()
    frame.get_by_label("Ministério Público Eleitoral").check()
    frame.get_by_label("Meio").select_option(Channel.SISTEMA.value)
    frame.get_by_role("button", name="Expedir").click()

    expect(frame.locator("#pageAlert[data-kind='negocio']")).to_contain_text("documento assinado")
    assert process.expedientes == []
