from __future__ import annotations

from fpdf import FPDF

from bot.core.documents import extract, html_to_text

BODY = "Ante o exposto, opina-se pela aprovação das contas de campanha do interessado, sem ressalvas."


def _pdf(text: str | None) -> bytes:
    pdf = FPDF()
    pdf.add_page()
    pdf.set_font("Helvetica", size=11)
    if text:
        pdf.multi_cell(0, 6, text)
    else:
        pdf.rect(20, 20, 100, 60, style="F")  # an "image" with no text layer
    return bytes(pdf.output())


def test_extract_should_read_text_from_a_born_digital_html_act() -> None:
    head = "<head><style>p{}</style></head>"
    html = f"<html>{head}<body><p>PARECER</p><script>x()</script><p>{BODY}</p></body></html>"
    result = extract(html.encode(), "text/html; charset=utf-8")
    assert result.text == f"PARECER\n\n{BODY}"
    assert result.problem is None and len(result.sha256) == 64


def test_extract_should_read_the_text_layer_of_a_pdf() -> None:
    result = extract(_pdf(BODY), "application/pdf")
    assert result.text is not None and "aprovação das contas" in result.text.replace("\n", " ")


def test_extract_should_flag_image_only_and_malformed_pdfs_instead_of_raising() -> None:
    image_only = extract(_pdf(None), "application/pdf")
    assert image_only.text is None and "sem camada de texto" in (image_only.problem or "")
    broken = extract(b"%PDF-1.4 garbage", "application/pdf")
    assert broken.text is None and broken.problem


def test_html_to_text_should_keep_paragraphs_and_entities() -> None:
    assert html_to_text("<p>a&nbsp;&amp; b</p><p>c</p>") == "a & b\n\nc"
