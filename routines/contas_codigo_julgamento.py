"""Routine 4 – Código Julgamento (PCE, PCA): after the judge signed, launch the judgment movement.

Reads the signed sentença, classifies its outcome, and proposes the judgment movement (code from the
one configuration table, ``bot.vocabulary.domain`` + settings) and the communications: publication in the
DJE for the parties and intimation of the MPE through the system.
"""

from __future__ import annotations

from bot.vocabulary.actions import CommunicationPlan, MovementPlan, ProposedAction
from bot.vocabulary.domain import MOVEMENTS, TAG_TRIADO, Channel, DocumentType, ProcessClass, Task
from bot.vocabulary.outcomes import ByHand, outcome_of
from bot.vocabulary.snapshot import ProcessSnapshot
from routines._contas import MPE, classify, interested_parties, low_confidence, meta_for, require_text
from routines.base import Manual, ProposeAction, Routine, RoutineContext, RoutineResult

APPEAL_DEADLINE_DAYS = 3  # recurso eleitoral: 3 dias (Lei 9.504/97 art. 30 §5)


class ContasCodigoJulgamento(Routine):
    name = "contas-codigo-julgamento"
    title = "Código de julgamento (contas)"
    classes = (ProcessClass.PCE, ProcessClass.PCA)
    task = Task.LANCAR_MOVIMENTO
    reads = (DocumentType.SENTENCA,)
    uses_ai = True
    model = "contas"

    def decide(self, ctx: RoutineContext, process: ProcessSnapshot) -> RoutineResult:
        sentenca = require_text(process, DocumentType.SENTENCA, signed=True)
        if isinstance(sentenca, Manual):
            return sentenca
        classifier = ctx.classifier_for("contas")
        predictions = classify(classifier, [sentenca])
        uncertain = low_confidence(sentenca, predictions[0])
        if uncertain is not None:
            return uncertain
        meta = meta_for(classifier, [sentenca], predictions)
        label = predictions[0].label
        assert label is not None
        row = outcome_of(process.process_class, label)
        key = (
            row.movement
            if row
            else ByHand(f"a sentença não julga as contas ({label}): lançar o movimento manualmente")
        )
        if isinstance(key, ByHand):  # DILIGENCIA
            return Manual(
                reason=key.reason,
                flags=(f"JANO_{label}",),
                label=label,
                confidence=meta.confidence,
                meta=meta,
            )
        movement = MovementPlan(code=ctx.movement_code(key), name=MOVEMENTS[key].name)
        parties = tuple(interested_parties(process))
        if not parties:
            return Manual(
                reason="processo sem interessado para intimar", flags=("missing_party",), label=label
            )
        communications = (
            CommunicationPlan(
                channel=Channel.DJE,
                addressees=parties,
                deadline_days=APPEAL_DEADLINE_DAYS,
                linked_document=sentenca.id,
            ),
            CommunicationPlan(
                channel=Channel.SISTEMA,
                addressees=(MPE,),
                deadline_days=APPEAL_DEADLINE_DAYS,
                linked_document=sentenca.id,
            ),
        )
        action = ProposedAction(
            routine=self.name,
            process=process.number,
            zone=process.zone,
            task=str(self.task),
            movements=(movement,),
            communications=communications,
            tags=(TAG_TRIADO,),
            transition=str(Task.AGUARDAR_PRAZO),
            meta=meta,
        )
        return ProposeAction(action=action, label=label, confidence=meta.confidence)
