from __future__ import annotations

import io

from playwright.sync_api import Page, expect
from pypdf import PdfReader

from mock_pje.launcher import MockHandle
from mock_pje.routes.autos import DOCS_PER_PAGE, DOCUMENT, TIMELINE_CHUNK
from mock_pje.routes.tarefa import access_key
from tests.mock_pje.pages import open_task


def _open_autos(page: Page, mock: MockHandle, process) -> Page:
    frame = open_task(page, mock, process.task, process.number)
    with page.context.expect_page() as new_tab:
        frame.get_by_title("Abrir autos digitais").click()
    autos = new_tab.value
    expect(autos.get_by_test_id("numero-processo")).to_have_text(process.number)
    return autos


def _signed(mock: MockHandle, process):
    return [d for d in mock.state.docs_of(process) if d.status == "assinado"]


def test_autos_should_open_in_a_new_tab_with_a_paged_documents_grid(page: Page, mock: MockHandle) -> None:
    process = max(mock.state.processes.values(), key=lambda p: len(_signed(mock, p)))
    docs = _signed(mock, process)
    assert len(docs) > DOCS_PER_PAGE
    autos = _open_autos(page, mock, process)

    rows = autos.get_by_test_id("documentos").locator("tbody tr")
    expect(rows).to_have_count(DOCS_PER_PAGE)
    expect(autos.get_by_test_id("paginador-documentos")).to_contain_text("Página 1 de 2")
    first_ids = rows.locator("td.id").all_inner_texts()
    autos.get_by_role("link", name="Próxima").click()
    expect(rows).to_have_count(len(docs) - DOCS_PER_PAGE)
    ids = first_ids + rows.locator("td.id").all_inner_texts()
    assert sorted(int(i) for i in ids) == sorted(d.id for d in docs)
    expect(rows.locator("td.assinatura [title='Documento assinado']")).to_have_count(
        len(docs) - DOCS_PER_PAGE
    )
    assert all(d.signed_by for d in docs)


def test_timeline_should_load_more_items_as_one_scrolls(page: Page, mock: MockHandle) -> None:
    process = max(mock.state.processes.values(), key=lambda p: len(_signed(mock, p)))
    total = len(_signed(mock, process)) + len(process.movements)
    assert total > 2 * TIMELINE_CHUNK
    autos = _open_autos(page, mock, process)
    items = autos.get_by_test_id("timeline-item")

    expect(items).to_have_count(TIMELINE_CHUNK)
    for _ in range(10):
        if not autos.locator("#timelineSentinel").count():
            break
        autos.locator("#timelineSentinel").scroll_into_view_if_needed()
        autos.wait_for_timeout(150)
    expect(items).to_have_count(total)


def test_born_digital_documents_should_open_as_html_and_uploads_as_pdf(page: Page, mock: MockHandle) -> None:
    process = next(
        p
        for p in mock.state.processes.values()
        if any(d.format == "html" for d in _signed(mock, p))
        and any(d.format == "pdf" for d in _signed(mock, p))
    )
    autos = _open_autos(page, mock, process)
    html_doc = next(d for d in _signed(mock, process) if d.format == "html")
    pdf_doc = next(d for d in _signed(mock, process) if d.format == "pdf")
    link = autos.locator(f"tr[data-documento='{html_doc.id}'] a")

    with autos.context.expect_page() as tab:
        link.click()
    expect(tab.value.get_by_test_id("documento")).to_contain_text(html_doc.text.split("\n")[0][:40])

    href = autos.locator(f"tr[data-documento='{pdf_doc.id}'] a").get_attribute("href")
    response = autos.request.get(f"{mock.base_url}{href}")
    assert response.headers["content-type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.body())).pages)
    first_words = " ".join(pdf_doc.text.split()[:4])
    assert first_words in " ".join(text.split())


def test_image_only_pdfs_should_have_no_text_layer(page: Page, mock: MockHandle) -> None:
    doc = next((d for d in mock.state.documents.values() if d.format == "image_pdf"), None)
    if doc is None:  # a small world may have none (2 %); bend one upload into a scan
        doc = next(d for d in mock.state.documents.values() if d.format == "pdf" and d.status == "assinado")
        doc.format = "image_pdf"
    process = mock.state.processes[doc.process_id]
    autos = _open_autos(page, mock, process)

    key = access_key(mock.state, process.id)
    url = f"{mock.base_url}{DOCUMENT}?idProcessoDocumento={doc.id}&ca={key}"
    response = autos.request.get(url)
    reader = PdfReader(io.BytesIO(response.body()))
    assert response.headers["content-type"] == "application/pdf"
    assert "".join(p.extract_text() for p in reader.pages).strip() == ""
    assert any(page_.images for page_ in reader.pages)


def test_autos_with_a_wrong_access_key_should_be_denied(page: Page, mock: MockHandle) -> None:
    process = next(iter(mock.state.processes.values()))
    open_task(page, mock, process.task, process.number)

    page.goto(
        f"{mock.base_url}/pje/Processo/ConsultaProcesso/Detalhe/listAutosDigitais.seam?idProcesso={process.id}&ca=x"
    )
    expect(page.locator("#pageAlert[data-kind='negocio']")).to_contain_text("Acesso negado")
