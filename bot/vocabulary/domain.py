"""Facts about PJe for electoral zones (docs/domain.md) shared by the bot, the mock and fixtures.

One place for each fact: process classes, task names of the zone flow, document types and the TPU
movement codes. Codes the public sources did not give are marked ``confirmed=False`` and can be
overridden per court through settings (``JANO_MOVEMENTS__...``; docs/domain.md#movements-and-communications).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class ProcessClass(StrEnum):
    PCE = "PCE"
    PCA = "PCA"
    RCAND_DRAP = "DRAP"
    RCAND_RRC = "RRC"
    RROPCE = "RROPCE"
    RROPCA = "RROPCA"


CLASS_INFO: dict[ProcessClass, tuple[int, str]] = {
    ProcessClass.PCE: (12193, "Prestação de Contas Eleitorais"),
    ProcessClass.PCA: (12377, "Prestação de Contas Anual"),
    ProcessClass.RCAND_DRAP: (11532, "Registro de Candidatura"),
    ProcessClass.RCAND_RRC: (11532, "Registro de Candidatura"),
    ProcessClass.RROPCE: (
        12633,
        "Requerimento de Regularização de Omissão de Prestação de Contas Eleitorais",
    ),
    ProcessClass.RROPCA: (12631, "Requerimento de Regularização de Omissão de Prestação de Contas Anual"),
}


class Task(StrEnum):
    """Task names of the zone flow, exactly as PJe shows them."""

    ANALISAR_NOVO = "Analisar Novo Processo - ZE"
    MINUTAR_SENTENCA = "Minutar sentença"
    MINUTAR_DECISAO = "Minutar decisão"
    MINUTAR_DESPACHO = "Minutar despacho"
    MINUTAR_CERTIDAO = "Minutar certidão"
    REVISAR_ATO = "Revisar ato"
    ASSINAR = "Assinar"
    LANCAR_MOVIMENTO = "Lançar movimento"
    PREPARAR_COMUNICACAO = "Preparar ato de comunicação"
    AGUARDAR_PRAZO = "Aguardar prazo"
    VERIFICAR_PENDENCIAS = "Verificar pendências"
    REGISTRAR_TRANSITO = "Registrar trânsito em julgado"
    ELABORAR_CERTIDAO_TRANSITO = "Elaborar certidão de trânsito em julgado"
    ARQUIVAR = "Arquivar"


class Panel(StrEnum):
    """Panels (tabs) of the task view, as PJe names them in ``movimentar.seam?aba=``."""

    MINUTAR = "minutar"
    MOVIMENTOS = "movimentos"
    COMUNICACAO = "comunicacao"
    ETIQUETAS = "etiquetas"
    ASSINAR = "assinar"


# The title of each panel's tab.
PANEL_TITLES: dict[Panel, str] = {
    Panel.MINUTAR: "Minutar",
    Panel.MOVIMENTOS: "Lançar movimentos",
    Panel.COMUNICACAO: "Preparar ato de comunicação",
    Panel.ETIQUETAS: "Etiquetas",
    Panel.ASSINAR: "Assinar",
}


class DocumentType(StrEnum):
    PETICAO_INICIAL = "Petição Inicial"
    PRESTACAO_CONTAS = "Prestação de Contas"
    PARECER_TECNICO = "Parecer Técnico Conclusivo"
    PARECER_MPE = "Parecer do Ministério Público Eleitoral"
    SENTENCA = "Sentença"
    DECISAO = "Decisão"
    DESPACHO = "Despacho"
    CERTIDAO = "Certidão"
    EDITAL = "Edital"
    CERTIDAO_CRIMINAL = "Certidão Criminal"
    COMPROVANTE_ESCOLARIDADE = "Comprovante de Escolaridade"
    REQUERIMENTO = "Requerimento"
    INTIMACAO = "Intimação"


@dataclass(frozen=True)
class Movement:
    code: int
    name: str
    confirmed: bool = True


# TPU movements. confirmed=False: code not found in public sources; configurable
# (docs/domain.md#movements-and-communications).
MOVEMENTS: dict[str, Movement] = {
    "contas_aprovadas": Movement(12653, "Julgamento - Com Resolução do Mérito - Aprovação das contas", False),
    "contas_aprovadas_ressalvas": Movement(
        12654, "Julgamento - Com Resolução do Mérito - Aprovação das contas com ressalvas"
    ),
    "contas_desaprovadas": Movement(
        12655, "Julgamento - Com Resolução do Mérito - Desaprovação das contas", False
    ),
    "contas_nao_prestadas": Movement(
        12656, "Julgamento - Com Resolução do Mérito - Contas não prestadas", False
    ),
    "rrc_deferido": Movement(12657, "Julgamento - Registro de candidatura deferido", False),
    "rrc_indeferido": Movement(12658, "Julgamento - Registro de candidatura indeferido", False),
    "drap_deferido": Movement(12659, "Julgamento - DRAP deferido", False),
    "transitado_em_julgado": Movement(848, "Trânsito em julgado"),
    "publicacao": Movement(92, "Publicado"),
    "disponibilizacao_dje": Movement(1061, "Disponibilizado no DJE"),
    "expedicao_documento": Movement(60, "Expedição de documento"),
    "decurso_prazo": Movement(1051, "Decorrido prazo"),
    "juntada_documento": Movement(581, "Juntada de documento"),
    "arquivamento_definitivo": Movement(246, "Arquivamento definitivo"),
    "baixa_definitiva": Movement(22, "Baixa definitiva"),
}

# Complemento "tipo_de_documento" of movement 60 (expedição de documento).
DOCUMENT_TYPE_COMPLEMENT: dict[DocumentType, int] = {
    DocumentType.SENTENCA: 118,
    DocumentType.DECISAO: 181,
    DocumentType.CERTIDAO: 107,
}


class Channel(StrEnum):
    DJE = "Diário de Justiça Eletrônico"
    MURAL = "Mural eletrônico"
    SISTEMA = "Sistema"


# Tags the bot puts on processes it touched.
TAG_TRIADO = "JANO_TRIADO"
TAG_DIVERGENCIA = "JANO_DIVERGENCIA"
TAG_MANUAL = "JANO_MANUAL"


def zone_label(zone: int) -> str:
    """Profile label PJe shows for a zone: "12ª Zona Eleitoral"."""
    return f"{zone}ª Zona Eleitoral"
