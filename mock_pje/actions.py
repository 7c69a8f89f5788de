"""The one door for writes: validate an action against the process's current task, apply it, log it.

Every write of the UI (save draft, send to sign, sign, attach, launch movements, prepare
communication, tag, transition) calls :func:`perform`. An invalid action raises
:class:`ActionRefused` (shown as PJe's red banner) and changes nothing; a valid one appends one
ledger entry with the actor's CPF.
"""

from __future__ import annotations

from typing import Any

from bot.vocabulary.domain import DOCUMENT_TYPE_COMPLEMENT, Channel, DocumentType, Task
from fixtures.world import Document, Process
from mock_pje.flow import (
    AFTER_SIGNING,
    ALLOWED,
    DECURSO_CODE,
    DRAFT_TYPES,
    EXPEDICAO_CODE,
    JUDGMENT_CODES,
    MOVEMENT_BY_CODE,
    SERVANT_SIGNS,
    TRANSIT_CODE,
    TRANSITIONS,
    Action,
)
from mock_pje.state import MockState

_TIPO_DOCUMENTO = {str(code) for code in DOCUMENT_TYPE_COMPLEMENT.values()}


class ActionRefused(Exception):
    """PJe refused the action; the message is what its banner says."""


def perform(
    state: MockState,
    actor_cpf: str,
    process: Process,
    task_instance: int,
    action: Action,
    zone: int | None = None,
    **payload: Any,
) -> dict[str, Any]:
    """Validate and apply ``action``; return the ledger entry.

    Raises:
        ActionRefused: stale task, wrong zone, action not valid in the task, missing permission or data.
    """
    with state.lock:
        try:
            task = _check(state, actor_cpf, process, task_instance, action, zone)
            detail, codes, doc = _APPLY[action](state, actor_cpf, process, payload)
        except ActionRefused as err:
            state.refusals.append(
                {
                    "actor_cpf": actor_cpf,
                    "process": process.number,
                    "action": action.value,
                    "reason": str(err),
                    "at": state.now().isoformat(),
                }
            )
            raise
        state.save(process, *([doc] if doc else []))
        user = state.users[actor_cpf]
        return state.append_ledger(
            {
                "actor_cpf": actor_cpf,
                "actor": user.name,
                "process": process.number,
                "task": task.value,
                "action": action.value,
                "movement_codes": codes,
                "document_id": doc.id if doc else None,
                "at": state.now().isoformat(),
                "detail": detail,
            }
        )


def _check(
    state: MockState, actor_cpf: str, process: Process, task_instance: int, action: Action, zone: int | None
) -> Task:
    if process.task_instance != task_instance:
        raise ActionRefused("Esta tarefa já foi movimentada por outro usuário. Atualize o painel.")
    if zone is not None and process.zone != zone:
        raise ActionRefused("O processo não pertence à localização selecionada.")
    task = Task(process.task)
    if task not in ALLOWED[action]:
        raise ActionRefused(f"Ação não permitida na tarefa '{task.value}'.")
    return task


def _move(state: MockState, process: Process, target: Task) -> None:
    process.task = target.value
    process.task_instance = state.next_counter("task")


def _draft(state: MockState, process: Process) -> Document | None:
    return state.documents.get(process.draft_id) if process.draft_id else None


def _codes(process: Process) -> set[int]:
    return {int(m["code"]) for m in process.movements}


Result = tuple[dict[str, Any], list[int], Document | None]


def _save_draft(state: MockState, actor: str, process: Process, p: dict[str, Any]) -> Result:
    doc_type, content = str(p.get("doc_type") or ""), str(p.get("content") or "").strip()
    if doc_type not in {t.value for t in DRAFT_TYPES}:
        raise ActionRefused("Selecione o tipo de documento.")
    if not content:
        raise ActionRefused("O documento está vazio.")
    doc = _draft(state, process)
    if doc is None or doc.status != "minuta":
        doc = Document(
            id=state.next_counter("doc"),
            process_id=process.id,
            doc_type=doc_type,
            title=doc_type,
            text=content,
            format="html",
            status="minuta",
            author_cpf=actor,
            author_name=state.users[actor].name,
            juntado_em=state.now().isoformat(),
        )
        state.documents[doc.id] = doc
        process.documents.append(doc.id)
        process.draft_id = doc.id
    doc.doc_type, doc.title, doc.text = doc_type, str(p.get("title") or doc_type), content
    return {"doc_type": doc_type, "modelo": p.get("modelo")}, [], doc


def _send_to_sign(state: MockState, actor: str, process: Process, p: dict[str, Any]) -> Result:
    doc = _draft(state, process)
    if doc is None or doc.status != "minuta":
        raise ActionRefused("Não há minuta salva para encaminhar à assinatura.")
    doc.status = "aguardando_assinatura"
    _move(state, process, Task.ASSINAR)
    return {"destino": Task.ASSINAR.value}, [], doc


def _attach(state: MockState, actor: str, process: Process, p: dict[str, Any]) -> Result:
    doc = _draft(state, process)
    if doc is None or doc.status != "minuta":
        raise ActionRefused("Não há minuta salva para juntar.")
    if doc.doc_type not in SERVANT_SIGNS:
        raise ActionRefused(f"{doc.doc_type} deve ser assinado(a) pelo magistrado.")
    _sign_doc(state, doc, actor, process)
    return {"doc_type": doc.doc_type}, [], doc


def _sign_doc(state: MockState, doc: Document, signer: str, process: Process) -> None:
    doc.status, doc.signed_by = "assinado", state.users[signer].name
    doc.juntado_em = state.now().isoformat()
    process.draft_id = None


def _sign(state: MockState, actor: str, process: Process, p: dict[str, Any]) -> Result:
    user = state.users[actor]
    if user.role != "Juiz Eleitoral" or process.zone not in user.zones:
        raise ActionRefused("Usuário sem permissão para assinar este documento.")
    doc = _draft(state, process)
    if doc is None or doc.status != "aguardando_assinatura":
        raise ActionRefused("Não há documento aguardando assinatura.")
    _sign_doc(state, doc, actor, process)
    _move(state, process, AFTER_SIGNING.get(doc.doc_type, Task.PREPARAR_COMUNICACAO))
    return {"doc_type": doc.doc_type, "destino": process.task}, [], doc


def _launch(state: MockState, actor: str, process: Process, p: dict[str, Any]) -> Result:
    movements: list[tuple[int, dict[str, str]]] = list(p.get("movements") or [])
    if not movements:
        raise ActionRefused("Selecione ao menos um movimento.")
    signed_sentence = any(
        d.doc_type == DocumentType.SENTENCA.value and d.status == "assinado" for d in state.docs_of(process)
    )
    for code, comps in movements:
        if code not in MOVEMENT_BY_CODE:
            raise ActionRefused(f"Movimento {code} inexistente na tabela processual.")
        if code in JUDGMENT_CODES and not signed_sentence:
            raise ActionRefused("Movimento de julgamento exige sentença assinada nos autos.")
        if code == TRANSIT_CODE and DECURSO_CODE not in _codes(process):
            raise ActionRefused("Trânsito em julgado exige o decurso do prazo.")
        if code == EXPEDICAO_CODE and comps.get("tipo_de_documento") not in _TIPO_DOCUMENTO:
            raise ActionRefused("Complemento obrigatório não informado: tipo de documento.")
    at = state.now().isoformat()
    for code, comps in movements:
        process.movements.append(
            {
                "code": code,
                "name": MOVEMENT_BY_CODE[code].name,
                "at": at,
                "complementos": dict(comps),
                "actor_cpf": actor,
            }
        )
    return {"complementos": {str(c): v for c, v in movements}}, [c for c, _ in movements], None


def _communicate(state: MockState, actor: str, process: Process, p: dict[str, Any]) -> Result:
    channel, addressees = str(p.get("channel") or ""), [a for a in p.get("addressees") or [] if a]
    if channel not in {c.value for c in Channel}:
        raise ActionRefused("Selecione o meio de comunicação.")
    if not addressees:
        raise ActionRefused("Selecione ao menos um destinatário.")
    deadline = int(p.get("deadline_days") or 0)
    if deadline < 0 or deadline > 365:
        raise ActionRefused("Prazo inválido.")
    doc = state.documents.get(int(p.get("document_id") or 0))
    if doc is None or doc.process_id != process.id or doc.status != "assinado":
        raise ActionRefused("Vincule um documento assinado do processo.")
    expediente = {
        "id": state.next_counter("exp"),
        "channel": channel,
        "addressees": addressees,
        "deadline_days": deadline,
        "document_id": doc.id,
        "created_day": state.clock_day,
        "events": [],
    }
    process.expedientes.append(expediente)
    return (
        {
            "channel": channel,
            "addressees": addressees,
            "deadline_days": deadline,
            "expediente": expediente["id"],
        },
        [],
        doc,
    )


def _tag(state: MockState, actor: str, process: Process, p: dict[str, Any]) -> Result:
    tag = str(p.get("tag") or "").strip()
    if not tag or len(tag) > 50:
        raise ActionRefused("Informe uma etiqueta de até 50 caracteres.")
    if tag not in process.tags:
        process.tags.append(tag)
    return {"tag": tag}, [], None


def _untag(state: MockState, actor: str, process: Process, p: dict[str, Any]) -> Result:
    tag = str(p.get("tag") or "")
    if tag not in process.tags:
        raise ActionRefused("Etiqueta não encontrada no processo.")
    process.tags.remove(tag)
    return {"tag": tag}, [], None


def _transition(state: MockState, actor: str, process: Process, p: dict[str, Any]) -> Result:
    task = Task(process.task)
    try:
        target = Task(str(p.get("destino")))
    except ValueError:
        raise ActionRefused("Transição inexistente.") from None
    if target not in TRANSITIONS[task]:
        raise ActionRefused(f"Transição não permitida: '{task.value}' → '{target.value}'.")
    if target == Task.ASSINAR:
        return _send_to_sign(state, actor, process, p)
    if target == Task.REGISTRAR_TRANSITO and DECURSO_CODE not in _codes(process):
        raise ActionRefused("O prazo ainda não decorreu: não é possível registrar o trânsito em julgado.")
    if target == Task.ARQUIVAR and TRANSIT_CODE not in _codes(process):
        raise ActionRefused("Não é possível arquivar antes do trânsito em julgado.")
    _move(state, process, target)
    return {"destino": target.value}, [], None


_APPLY = {
    Action.SAVE_DRAFT: _save_draft,
    Action.SEND_TO_SIGN: _send_to_sign,
    Action.ATTACH: _attach,
    Action.SIGN: _sign,
    Action.LAUNCH_MOVEMENTS: _launch,
    Action.PREPARE_COMMUNICATION: _communicate,
    Action.TAG: _tag,
    Action.UNTAG: _untag,
    Action.TRANSITION: _transition,
}
