"""The zone flow the mock enforces: transitions between tasks and which write each task accepts."""

from __future__ import annotations

from enum import StrEnum

from bot.vocabulary.domain import MOVEMENTS, DocumentType, Panel, Task


class Action(StrEnum):
    SAVE_DRAFT = "salvar_minuta"
    SEND_TO_SIGN = "encaminhar_assinatura"
    SIGN = "assinar"
    ATTACH = "juntar_documento"  # a servant signs and attaches its own certidão / edital
    LAUNCH_MOVEMENTS = "lancar_movimentos"
    PREPARE_COMMUNICATION = "preparar_comunicacao"
    TAG = "etiquetar"
    UNTAG = "remover_etiqueta"
    TRANSITION = "transicao"
    AUTO_MOVEMENT = "movimento_automatico"


_MINUTAR = (Task.MINUTAR_SENTENCA, Task.MINUTAR_DECISAO, Task.MINUTAR_DESPACHO, Task.MINUTAR_CERTIDAO)

TRANSITIONS: dict[Task, tuple[Task, ...]] = {
    Task.ANALISAR_NOVO: (*_MINUTAR, Task.PREPARAR_COMUNICACAO, Task.AGUARDAR_PRAZO, Task.ASSINAR),
    **dict.fromkeys(_MINUTAR, (Task.ASSINAR, Task.REVISAR_ATO, Task.ANALISAR_NOVO)),
    Task.REVISAR_ATO: (Task.ASSINAR, Task.MINUTAR_SENTENCA),
    Task.ASSINAR: (Task.MINUTAR_SENTENCA, Task.REVISAR_ATO),
    Task.LANCAR_MOVIMENTO: (Task.PREPARAR_COMUNICACAO, Task.AGUARDAR_PRAZO),
    Task.PREPARAR_COMUNICACAO: (Task.AGUARDAR_PRAZO, Task.LANCAR_MOVIMENTO),
    Task.AGUARDAR_PRAZO: (Task.VERIFICAR_PENDENCIAS, Task.REGISTRAR_TRANSITO),
    Task.VERIFICAR_PENDENCIAS: (
        Task.MINUTAR_SENTENCA,
        Task.MINUTAR_DESPACHO,
        Task.REGISTRAR_TRANSITO,
        Task.ANALISAR_NOVO,
    ),
    Task.REGISTRAR_TRANSITO: (Task.ELABORAR_CERTIDAO_TRANSITO,),
    Task.ELABORAR_CERTIDAO_TRANSITO: (Task.ARQUIVAR,),
    Task.ARQUIVAR: (),
}

_DRAFTING = {
    *_MINUTAR,
    Task.ANALISAR_NOVO,
    Task.REVISAR_ATO,
    Task.ELABORAR_CERTIDAO_TRANSITO,
    Task.VERIFICAR_PENDENCIAS,
}

ALLOWED: dict[Action, set[Task]] = {
    Action.SAVE_DRAFT: _DRAFTING,
    Action.SEND_TO_SIGN: _DRAFTING,
    Action.ATTACH: _DRAFTING,
    Action.SIGN: {Task.ASSINAR},
    Action.LAUNCH_MOVEMENTS: {Task.LANCAR_MOVIMENTO, Task.REGISTRAR_TRANSITO, Task.ARQUIVAR},
    Action.PREPARE_COMMUNICATION: {Task.PREPARAR_COMUNICACAO, Task.ANALISAR_NOVO, Task.LANCAR_MOVIMENTO},
    Action.TAG: set(Task),
    Action.UNTAG: set(Task),
    Action.TRANSITION: set(Task),
}

# Panels a task view shows (tabs inside frame-tarefa).
PANELS: dict[Task, tuple[Panel, ...]] = {
    **dict.fromkeys(_DRAFTING, (Panel.MINUTAR, Panel.ETIQUETAS)),
    Task.ANALISAR_NOVO: (Panel.MINUTAR, Panel.COMUNICACAO, Panel.ETIQUETAS),
    Task.ASSINAR: (Panel.ASSINAR, Panel.ETIQUETAS),
    Task.LANCAR_MOVIMENTO: (Panel.MOVIMENTOS, Panel.COMUNICACAO, Panel.ETIQUETAS),
    Task.PREPARAR_COMUNICACAO: (Panel.COMUNICACAO, Panel.ETIQUETAS),
    Task.AGUARDAR_PRAZO: (Panel.ETIQUETAS,),
    Task.REGISTRAR_TRANSITO: (Panel.MOVIMENTOS, Panel.ETIQUETAS),
    Task.ARQUIVAR: (Panel.MOVIMENTOS, Panel.ETIQUETAS),
}

# Documents a servant may sign and attach itself; the rest go to the judge.
SERVANT_SIGNS = {DocumentType.CERTIDAO.value, DocumentType.EDITAL.value}
DRAFT_TYPES = (
    DocumentType.SENTENCA,
    DocumentType.DECISAO,
    DocumentType.DESPACHO,
    DocumentType.CERTIDAO,
    DocumentType.EDITAL,
)

# Where a signed act sends the process.
AFTER_SIGNING: dict[str, Task] = {
    DocumentType.SENTENCA.value: Task.LANCAR_MOVIMENTO,
    DocumentType.DECISAO.value: Task.PREPARAR_COMUNICACAO,
    DocumentType.DESPACHO.value: Task.PREPARAR_COMUNICACAO,
    DocumentType.CERTIDAO.value: Task.PREPARAR_COMUNICACAO,
}

JUDGMENT_CODES = {m.code for k, m in MOVEMENTS.items() if k.startswith(("contas_", "rrc_", "drap_"))}
TRANSIT_CODE = MOVEMENTS["transitado_em_julgado"].code
DECURSO_CODE = MOVEMENTS["decurso_prazo"].code
EXPEDICAO_CODE = MOVEMENTS["expedicao_documento"].code  # needs its tipo_de_documento complemento
MOVEMENT_BY_CODE = {m.code: m for m in MOVEMENTS.values()}
