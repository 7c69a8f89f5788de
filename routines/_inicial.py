"""Shared by the initial routines (1 and 2): the edital and the despacho for omissos."""

from __future__ import annotations

from bot.vocabulary.actions import CommunicationPlan, ProposedAction
from bot.vocabulary.domain import TAG_TRIADO, Channel, DocumentType, Task
from bot.vocabulary.snapshot import ProcessSnapshot
from routines._contas import FLAG_MISSING, MPE, draft_variables, interested_parties
from routines.base import Manual, ProposeAction, RoutineContext, RoutineResult

EDITAL_DEADLINE_DAYS = 3  # impugnação das contas: 3 dias da publicação do edital


def is_omisso(process: ProcessSnapshot) -> bool:
    """A party that did not file: the cartório certified the omission (Res. TSE 23.604/2019)."""
    return any(d.type == DocumentType.CERTIDAO and "omiss" in d.title.lower() for d in process.documents)


def propose_edital(routine: str, ctx: RoutineContext, process: ProcessSnapshot) -> RoutineResult:
    if not interested_parties(process):
        return Manual(
            reason="processo sem interessado cadastrado: conferir a autuação", flags=(FLAG_MISSING,)
        )
    draft = ctx.drafts.render("edital-contas", prazo_dias=EDITAL_DEADLINE_DAYS, **draft_variables(process))
    action = ProposedAction(
        routine=routine,
        process=process.number,
        zone=process.zone,
        task=str(Task.ANALISAR_NOVO),
        draft=draft,
        communications=(
            CommunicationPlan(
                channel=Channel.DJE,
                addressees=("Edital",),
                deadline_days=EDITAL_DEADLINE_DAYS,
                linked_document="draft",
            ),
            CommunicationPlan(
                channel=Channel.SISTEMA,
                addressees=(MPE,),
                deadline_days=EDITAL_DEADLINE_DAYS,
                linked_document="draft",
            ),
        ),
        tags=(TAG_TRIADO,),
        transition=str(Task.AGUARDAR_PRAZO),
    )
    return ProposeAction(action=action)


def propose_despacho_omissos(routine: str, ctx: RoutineContext, process: ProcessSnapshot) -> RoutineResult:
    draft = ctx.drafts.render("despacho-pca-omissos", **draft_variables(process))
    action = ProposedAction(
        routine=routine,
        process=process.number,
        zone=process.zone,
        task=str(Task.ANALISAR_NOVO),
        draft=draft,
        tags=(TAG_TRIADO,),
        transition=str(Task.ASSINAR),
    )
    return ProposeAction(action=action)
