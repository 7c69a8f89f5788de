from __future__ import annotations

from playwright.sync_api import Browser, Page, expect

from bot.vocabulary.domain import Task
from mock_pje.launcher import MockHandle
from tests.mock_pje.pages import open_task


def _minutar_process(mock: MockHandle):
    return next(
        p for p in mock.state.processes.values() if p.task == Task.MINUTAR_SENTENCA.value and p.cls == "PCE"
    )


def test_choosing_a_template_should_fill_the_editor_with_resolved_variables(
    page: Page, mock: MockHandle
) -> None:
    process = _minutar_process(mock)
    frame = open_task(page, mock, process.task, process.number)

    frame.locator("select[id$='selectMenuTipoDocumento']").select_option("Sentença")
    frame.locator("select[id$='selectModeloDocumento']").select_option(
        label="Sentença - Aprovação das contas"
    )

    body = frame.frame_locator("iframe[id$='EditorTextArea_ifr']").locator("body#tinymce")
    expect(body).to_contain_text("JULGO APROVADAS")
    expect(body).to_contain_text(process.number)
    expect(body).to_contain_text(process.parties[0])
    assert "#{" not in body.inner_text()


def test_saving_a_draft_should_store_it_and_record_the_servant_in_the_ledger(
    page: Page, mock: MockHandle
) -> None:
    process = _minutar_process(mock)
    frame = open_task(page, mock, process.task, process.number)

    frame.locator("select[id$='selectMenuTipoDocumento']").select_option("Sentença")
    frame.locator("select[id$='selectModeloDocumento']").select_option(
        label="Sentença - Desaprovação das contas"
    )
    body = frame.frame_locator("iframe[id$='EditorTextArea_ifr']").locator("body#tinymce")
    expect(body).to_contain_text("DESAPROVADAS")
    body.evaluate("b => b.insertAdjacentHTML('beforeend', '<p>Texto incluído pelo revisor.</p>')")
    frame.get_by_role("button", name="Salvar").click()

    expect(frame.get_by_test_id("toast")).to_have_text("Documento salvo com sucesso.")
    draft = mock.state.documents[process.draft_id or 0]
    assert draft.status == "minuta" and draft.doc_type == "Sentença"
    assert "DESAPROVADAS" in draft.text and "Texto incluído pelo revisor." in draft.text
    entry = mock.state.ledger[-1]
    assert entry["action"] == "salvar_minuta" and entry["actor_cpf"] == mock.servant_cpf
    assert entry["document_id"] == draft.id and entry["task"] == Task.MINUTAR_SENTENCA.value
    # reopening the task shows the saved draft in the editor
    page.reload()
    frame = open_task(page, mock, process.task, process.number)
    expect(frame.frame_locator("iframe[id$='EditorTextArea_ifr']").locator("body")).to_contain_text("revisor")


def test_a_judge_should_sign_in_the_ui_and_the_process_should_go_to_lancar_movimento(
    page: Page, browser: Browser, mock: MockHandle
) -> None:
    process = _minutar_process(mock)
    frame = open_task(page, mock, process.task, process.number)
    frame.locator("select[id$='selectMenuTipoDocumento']").select_option("Sentença")
    frame.locator("select[id$='selectModeloDocumento']").select_option(
        label="Sentença - Aprovação das contas"
    )
    expect(frame.frame_locator("iframe[id$='EditorTextArea_ifr']").locator("body")).to_contain_text(
        "APROVADAS"
    )
    frame.get_by_role("button", name="Salvar").click()
    expect(frame.get_by_test_id("toast")).to_be_visible()
    frame.locator("#btnTransicoesTarefa").click()
    frame.locator("a[title='Encaminhar para Assinar']").click()
    expect(frame.locator("#nomeTarefa")).to_have_text("Assinar")

    frame.get_by_role("button", name="Assinar documento").click()  # the servant may not sign
    expect(frame.locator("#pageAlert[data-kind='negocio']")).to_contain_text("sem permissão")

    judge_cpf, judge_password = mock.judge(process.zone)
    judge_page = browser.new_context(locale="pt-BR").new_page()
    judge_frame = open_task(judge_page, mock, Task.ASSINAR.value, process.number, judge_cpf, judge_password)
    expect(judge_frame.get_by_test_id("documento-assinar")).to_contain_text("APROVADAS")
    judge_frame.get_by_role("button", name="Assinar documento").click()

    expect(judge_frame.get_by_test_id("toast")).to_have_text("Documento assinado com sucesso.")
    assert process.task == Task.LANCAR_MOVIMENTO.value
    signed = [e for e in mock.state.ledger if e["action"] == "assinar"]
    assert signed[-1]["actor_cpf"] == judge_cpf and signed[-1]["process"] == process.number
    judge_page.context.close()


def test_a_servant_certidao_should_be_signed_and_attached_by_the_servant(
    page: Page, mock: MockHandle
) -> None:
    process = next(p for p in mock.state.processes.values() if p.task == Task.ANALISAR_NOVO.value)
    frame = open_task(page, mock, process.task, process.number)

    frame.locator("select[id$='selectMenuTipoDocumento']").select_option("Edital")
    frame.locator("select[id$='selectModeloDocumento']").select_option(label="Edital - Prestação de contas")
    expect(frame.frame_locator("iframe[id$='EditorTextArea_ifr']").locator("body")).to_contain_text("EDITAL")
    frame.get_by_role("button", name="Assinar e juntar").click()

    expect(frame.get_by_test_id("toast")).to_have_text("Documento assinado e juntado com sucesso.")
    actions = [e["action"] for e in mock.state.ledger if e["process"] == process.number]
    assert actions == ["salvar_minuta", "juntar_documento"]
    edital = mock.state.documents[mock.state.ledger[-1]["document_id"]]
    assert edital.status == "assinado" and edital.doc_type == "Edital"
