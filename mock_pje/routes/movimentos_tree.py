"""The TPU movement tree shown by "Lançar movimentos" (built from bot.vocabulary.domain.MOVEMENTS)."""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from bot.vocabulary.domain import DOCUMENT_TYPE_COMPLEMENT, MOVEMENTS
from mock_pje.flow import JUDGMENT_CODES

_TIPO_DOCUMENTO = {
    "nome": "tipo_de_documento",
    "rotulo": "Tipo de documento",
    "tipo": "tabelado",
    "opcoes": [[str(code), doc.value] for doc, code in DOCUMENT_TYPE_COMPLEMENT.items()],
}
COMPLEMENTS: dict[int, list[dict[str, Any]]] = {
    MOVEMENTS["expedicao_documento"].code: [_TIPO_DOCUMENTO],
    MOVEMENTS["juntada_documento"].code: [
        {"nome": "nome_do_documento", "rotulo": "Nome do documento", "tipo": "livre"}
    ],
    MOVEMENTS["transitado_em_julgado"].code: [
        {"nome": "data", "rotulo": "Data do trânsito", "tipo": "livre"}
    ],
}


def _leaf(code: int, name: str) -> dict[str, Any]:
    return {
        "code": code,
        "name": name,
        "complementos": json.dumps(COMPLEMENTS.get(code, []), ensure_ascii=False),
    }


@cache
def tree() -> list[dict[str, Any]]:
    """Groups → subgroups → leaves, like PJe's TPU tree (Magistrado / Serventuário)."""
    judgment = [_leaf(m.code, m.name) for m in MOVEMENTS.values() if m.code in JUDGMENT_CODES]
    clerk = [_leaf(m.code, m.name) for m in MOVEMENTS.values() if m.code not in JUDGMENT_CODES]
    return [
        {
            "name": "Magistrado",
            "children": [{"name": "Julgamento – Com Resolução do Mérito", "leaves": judgment}],
        },
        {
            "name": "Serventuário",
            "children": [{"name": "Escrivão/Diretor de Secretaria/Secretário Jurídico", "leaves": clerk}],
        },
    ]
