"""Routine 3 – Minuta Sentença (PCE, PCA): read both pareceres, classify, draft the matching sentença.

Every outcome is drafted (Janus drafts only aprovadas / com ressalvas); DESAPROVACAO carries the
amount and ground read from the technical report, with their source span. Divergent pareceres,
DILIGENCIA, missing or unreadable documents and uncertain readings go to a person.
"""

from __future__ import annotations

from bot.vocabulary.actions import Extraction, ProposedAction, SourceSpan
from bot.vocabulary.domain import TAG_DIVERGENCIA, TAG_TRIADO, DocumentType, ProcessClass, Task
from bot.vocabulary.extract import amount_and_ground
from bot.vocabulary.outcomes import OUTCOMES, ByHand
from bot.vocabulary.snapshot import ProcessSnapshot
from classifiers.labels import ContasLabel
from routines._contas import classify, draft_variables, low_confidence, meta_for, require_text
from routines.base import Manual, ProposeAction, Routine, RoutineContext, RoutineResult

FLAG_DILIGENCIA = "JANO_DILIGENCIA"


class ContasMinutaSentenca(Routine):
    name = "contas-minuta-sentenca"
    title = "Minuta de sentença (contas)"
    classes = (ProcessClass.PCE, ProcessClass.PCA)
    task = Task.MINUTAR_SENTENCA
    reads = (DocumentType.PARECER_TECNICO, DocumentType.PARECER_MPE)
    uses_ai = True
    model = "contas"

    def decide(self, ctx: RoutineContext, process: ProcessSnapshot) -> RoutineResult:
        tecnico = require_text(process, DocumentType.PARECER_TECNICO)
        if isinstance(tecnico, Manual):
            return tecnico
        mpe = require_text(process, DocumentType.PARECER_MPE)
        if isinstance(mpe, Manual):
            return mpe
        classifier = ctx.classifier_for("contas")
        docs = [tecnico, mpe]
        predictions = classify(classifier, docs)
        for doc, prediction in zip(docs, predictions, strict=True):
            uncertain = low_confidence(doc, prediction)
            if uncertain is not None:
                return uncertain
        meta = meta_for(classifier, docs, predictions)
        label_tecnico, label_mpe = predictions[0].label, predictions[1].label
        if label_tecnico != label_mpe:
            return Manual(
                reason=(
                    f"divergência: parecer técnico conclui {label_tecnico}, "
                    f"parecer do MPE conclui {label_mpe}"
                ),
                flags=(TAG_DIVERGENCIA,),
                label=label_tecnico,
                confidence=meta.confidence,
                meta=meta,
            )
        label = label_tecnico
        assert label is not None
        template = OUTCOMES[(ProcessClass(process.process_class), label)].template
        if isinstance(template, ByHand):  # DILIGENCIA
            return Manual(
                reason=template.reason,
                flags=(FLAG_DILIGENCIA,),
                label=label,
                confidence=meta.confidence,
                meta=meta,
            )
        variables = draft_variables(process)
        if label == ContasLabel.DESAPROVACAO:
            found = amount_and_ground(tecnico.text or "")
            if found is None:
                return Manual(
                    reason="desaprovação sem valor a recolher ou fundamento identificável no parecer técnico",
                    flags=("missing_amount",),
                    label=label,
                    confidence=meta.confidence,
                    meta=meta,
                )
            variables |= {"valor": found.amount_text, "fundamento": found.ground}
            span = SourceSpan(
                document_id=tecnico.id, start=found.span.start, end=found.span.end, text=found.span.text
            )
            extraction = Extraction(amount=found.amount_text, ground=found.ground, source_span=span)
            meta = meta.model_copy(update={"extraction": extraction})
        draft = ctx.drafts.render(template, **variables)
        action = ProposedAction(
            routine=self.name,
            process=process.number,
            zone=process.zone,
            task=str(self.task),
            draft=draft,
            tags=(TAG_TRIADO,),
            transition=str(Task.ASSINAR),
            meta=meta,
        )
        return ProposeAction(action=action, label=label, confidence=meta.confidence)
