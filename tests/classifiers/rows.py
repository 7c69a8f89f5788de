"""A few hand-made training rows per label, for the classifier tests that need data but no corpus."""

from __future__ import annotations

from classifiers.data import Row

HEADER_CONTAS = (
    "PARECER TÉCNICO CONCLUSIVO\nProcesso nº 0600{n:03d}-11.2024.6.05.0012\nPrestação de Contas Eleitorais"
)
HEADER_RCAND = "SENTENÇA\nProcesso nº 0600{n:03d}-22.2024.6.05.0012\nRegistro de Candidatura (RRC)"

CONTAS_ENDINGS = {
    "APROVACAO": "Ante o exposto, julgo APROVADAS as contas de campanha, nos termos do art. 74, I.",
    "APROVACAO_COM_RESSALVAS": "Ante o exposto, julgo APROVADAS COM RESSALVAS as contas.",
    "DESAPROVACAO": "Ante o exposto, julgo DESAPROVADAS as contas, com recolhimento ao Tesouro.",
    "NAO_PRESTADAS": "Ante o exposto, julgo NÃO PRESTADAS as contas, ausentes os documentos.",
    "DILIGENCIA": "Converto o julgamento em diligência para juntada de extratos.",
}
RCAND_ENDINGS = {
    "DEFERIMENTO": "Isto posto, DEFIRO o pedido de registro de candidatura do requerente.",
    "INDEFERIMENTO": "Isto posto, INDEFIRO o pedido de registro, sem filiação partidária.",
    "DILIGENCIA": "Intime-se o candidato para juntar a certidão criminal em 3 dias.",
}
BODY_CONTAS = (
    "Trata-se de prestação de contas de campanha apresentada pelo candidato ao cargo de vereador."
    "\n\nA unidade técnica examinou as receitas e as despesas declaradas no SPCE e os extratos bancários."
)
BODY_RCAND = (
    "Trata-se de pedido de registro de candidatura ao cargo de vereador apresentado pelo partido."
    "\n\nO edital foi publicado e não houve impugnação no prazo legal."
)


def make_rows(model: str, copies: int = 4) -> list[Row]:
    endings = CONTAS_ENDINGS if model == "contas" else RCAND_ENDINGS
    header = HEADER_CONTAS if model == "contas" else HEADER_RCAND
    body = BODY_CONTAS if model == "contas" else BODY_RCAND
    rows = []
    n = 0
    for c in range(copies):
        for label, ending in endings.items():
            n += 1
            text = f"{header.format(n=n)}\n\n{body}\n\nCópia {c} do exame.\n\n{ending}\n\nPublique-se."
            rows.append(Row(f"{model}-{n}", text, label, "sentenca"))
    return rows
