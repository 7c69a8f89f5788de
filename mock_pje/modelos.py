"""Document templates (modelos) offered by the minutar screen, with PJe-style variables."""

from __future__ import annotations

import html
from dataclasses import dataclass

from bot.vocabulary.domain import CLASS_INFO, DocumentType, ProcessClass, zone_label
from fixtures.world import Process


@dataclass(frozen=True)
class Modelo:
    id: str
    tipo: str
    nome: str
    corpo: str  # paragraphs separated by blank lines; #{variavel} placeholders


_S, _D, _C, _E, _DEC = (
    DocumentType.SENTENCA.value,
    DocumentType.DESPACHO.value,
    DocumentType.CERTIDAO.value,
    DocumentType.EDITAL.value,
    DocumentType.DECISAO.value,
)
_HEAD = "Processo nº #{numero_processo} – #{classe}\n\nInteressado(a): #{parte}\n\n"
_TAIL = "\n\n#{municipio}, #{data}.\n\n#{juiz}\nJuiz(a) Eleitoral"

MODELOS: tuple[Modelo, ...] = (
    Modelo(
        "101",
        _S,
        "Sentença - Aprovação das contas",
        _HEAD + "SENTENÇA\n\nAnte o exposto, JULGO APROVADAS "
        "as contas de #{parte}, nos termos do art. 74, I, da Res. TSE 23.607/2019." + _TAIL,
    ),
    Modelo(
        "102",
        _S,
        "Sentença - Aprovação das contas com ressalvas",
        _HEAD + "SENTENÇA\n\nAnte o exposto, "
        "JULGO APROVADAS COM RESSALVAS as contas de #{parte}, nos termos do art. 74, II, da Res. TSE "
        "23.607/2019." + _TAIL,
    ),
    Modelo(
        "103",
        _S,
        "Sentença - Desaprovação das contas",
        _HEAD + "SENTENÇA\n\nAnte o exposto, JULGO "
        "DESAPROVADAS as contas de #{parte} e determino o recolhimento de R$ #{valor} ao Tesouro Nacional."
        + _TAIL,
    ),
    Modelo(
        "104",
        _S,
        "Sentença - Contas não prestadas",
        _HEAD + "SENTENÇA\n\nAnte o exposto, JULGO NÃO "
        "PRESTADAS as contas de #{parte}, nos termos do art. 74, IV, da Res. TSE 23.607/2019." + _TAIL,
    ),
    Modelo(
        "105",
        _S,
        "Sentença - Deferimento de registro de candidatura",
        _HEAD + "SENTENÇA\n\nAnte o exposto, DEFIRO o pedido de registro de candidatura de #{parte}." + _TAIL,
    ),
    Modelo(
        "106",
        _S,
        "Sentença - Indeferimento de registro de candidatura",
        _HEAD + "SENTENÇA\n\nAnte o "
        "exposto, INDEFIRO o pedido de registro de candidatura de #{parte}." + _TAIL,
    ),
    Modelo(
        "107",
        _S,
        "Sentença - Regularização de omissão",
        _HEAD + "SENTENÇA\n\nDefiro o requerimento de regularização formulado por #{parte}." + _TAIL,
    ),
    Modelo(
        "201",
        _D,
        "Despacho - Inicial PCA omissos",
        _HEAD + "DESPACHO\n\nCite-se o órgão partidário omisso "
        "para que apresente as contas do exercício de #{ano} no prazo de 3 (três) dias." + _TAIL,
    ),
    Modelo(
        "202",
        _D,
        "Despacho - Diligência",
        _HEAD + "DESPACHO\n\nIntime-se o(a) interessado(a) para, no prazo "
        "de 3 (três) dias, sanar as falhas apontadas." + _TAIL,
    ),
    Modelo(
        "301",
        _C,
        "Certidão - Publicação de edital",
        _HEAD + "CERTIDÃO\n\nCertifico que o edital foi "
        "publicado no Diário de Justiça Eletrônico." + "\n\n#{municipio}, #{data}.",
    ),
    Modelo(
        "302",
        _C,
        "Certidão - Decurso de prazo sem impugnação",
        _HEAD + "CERTIDÃO\n\nCertifico que decorreu "
        "o prazo legal sem impugnação." + "\n\n#{municipio}, #{data}.",
    ),
    Modelo(
        "303",
        _C,
        "Certidão - Trânsito em julgado",
        _HEAD + "CERTIDÃO\n\nCertifico que a sentença transitou "
        "em julgado em #{data}." + "\n\n#{municipio}, #{data}.",
    ),
    Modelo(
        "401",
        _E,
        "Edital - Prestação de contas",
        _HEAD + "EDITAL\n\nO Juízo da #{zona} torna público que "
        "#{parte} apresentou prestação de contas, ficando aberto o prazo de 3 (três) dias para impugnação."
        + "\n\n#{municipio}, #{data}.",
    ),
    Modelo("501", _DEC, "Decisão - Genérica", _HEAD + "DECISÃO\n\nVistos. Decido." + _TAIL),
)
BY_ID = {m.id: m for m in MODELOS}


def variables(process: Process, today: str) -> dict[str, str]:
    ctx = process.context
    return {
        "numero_processo": process.number,
        "classe": CLASS_INFO[ProcessClass(process.cls)][1],
        "parte": process.parties[0],
        "zona": zone_label(process.zone),
        "municipio": process.municipality,
        "juiz": str(ctx.get("judge", "")),
        "ano": str(process.year),
        "data": today,
        "valor": "0,00",
    }


def resolve(modelo: Modelo, process: Process, today: str) -> str:
    """The template as editor HTML, every ``#{variavel}`` replaced."""
    text = modelo.corpo
    for key, value in variables(process, today).items():
        text = text.replace("#{" + key + "}", value)
    return "".join(f"<p>{html.escape(p)}</p>" for p in text.split("\n\n"))
