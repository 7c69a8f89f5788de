"""Helpers shared by the accounts routines (PCE, PCA): draft variables and reading outcomes."""

from __future__ import annotations

from bot.core.errors import BusinessError
from bot.vocabulary.actions import AuditMeta, DocumentRead, ModelInfo
from bot.vocabulary.domain import CLASS_INFO, ProcessClass
from bot.vocabulary.snapshot import DocumentText, ProcessSnapshot
from classifiers import Classifier, Prediction
from routines.base import Manual

FLAG_MISSING = "missing_document"
FLAG_NO_TEXT = "no_text_layer"
FLAG_LOW_CONFIDENCE = "low_confidence"
MPE = "Ministério Público Eleitoral"


def interested_parties(process: ProcessSnapshot) -> list[str]:
    """The parties the act is about: everyone but the MPE (custos legis)."""
    return [p for p in process.parties if p.strip().lower() != MPE.lower()]


def class_caption(process_class: str) -> str:
    """An accounts class as an act's header writes it, "PRESTAÇÃO DE CONTAS ELEITORAIS (12193)" (from
    CLASS_INFO); any other class as given."""
    if process_class not in (ProcessClass.PCE, ProcessClass.PCA):
        return process_class
    code, name = CLASS_INFO[ProcessClass(process_class)]
    return f"{name.upper()} ({code})"


def draft_variables(process: ProcessSnapshot) -> dict[str, object]:
    """Variables every accounts act uses, from what PJe shows about the process."""
    objetos: dict[str, str] = {
        ProcessClass.PCE: f"às Eleições {process.facts.get('ano', '')}".rstrip(),
        ProcessClass.PCA: f"ao exercício financeiro de {process.facts.get('ano', '')}".rstrip(),
    }
    objeto = objetos.get(process.process_class, "ao período indicado nos autos")
    return {
        "processo": process.number,
        "classe": class_caption(process.process_class),
        "zona": process.zone,
        "municipio": process.facts.get("municipio"),
        "partes": interested_parties(process) or ["o interessado"],
        "juiz": process.facts.get("juiz"),
        "objeto": objeto,
        "exercicio": process.facts.get("ano", ""),
        "norma": "Res. TSE nº 23.607/2019"
        if process.process_class == ProcessClass.PCE
        else "Res. TSE nº 23.604/2019",
    }


def require_text(
    process: ProcessSnapshot, doc_type: str, *, signed: bool | None = None
) -> DocumentText | Manual:
    """The latest document of ``doc_type`` with text, or the Manual decision explaining its absence."""
    doc = process.latest(doc_type, signed=signed)
    if doc is None:
        what = f"{doc_type} assinado(a)" if signed else doc_type
        return Manual(reason=f"documento ausente: {what}", flags=(FLAG_MISSING,))
    if not doc.text or not doc.text.strip():
        return Manual(
            reason=f"{doc_type} (id {doc.id}) sem texto legível: {doc.problem or 'sem camada de texto'}",
            flags=(FLAG_NO_TEXT,),
        )
    return doc


def classify(classifier: Classifier, docs: list[DocumentText]) -> list[Prediction]:
    predictions = list(classifier.predict([d.text or "" for d in docs]))
    if len(predictions) != len(docs):
        raise BusinessError("o classificador não devolveu uma resposta por documento")
    return predictions


def low_confidence(doc: DocumentText, prediction: Prediction) -> Manual | None:
    if prediction.abstained or prediction.label is None:
        why = prediction.reason or f"confiança {prediction.confidence:.2f} abaixo do limiar"
        return Manual(
            reason=f"classificação incerta do(a) {doc.type} (id {doc.id}): {why}",
            flags=(FLAG_LOW_CONFIDENCE,),
            label=prediction.label,
            confidence=prediction.confidence,
        )
    return None


def documents_read(*docs: DocumentText) -> tuple[DocumentRead, ...]:
    return tuple(DocumentRead(id=d.id, type=d.type, sha256=d.sha256) for d in docs)


def model_info(classifier: Classifier) -> ModelInfo | None:
    """Name, version, weights and data hashes from the classifier's model card (when it has one)."""
    card = getattr(classifier, "card", None)
    if not isinstance(card, dict) or not card.get("model"):
        return None
    return ModelInfo(
        name=str(card["model"]),
        version=str(card.get("version", "")),
        weights_hash=card.get("weights_sha256"),
        data_hash=card.get("data_hash"),
    )


def meta_for(classifier: Classifier, docs: list[DocumentText], predictions: list[Prediction]) -> AuditMeta:
    """Audit metadata of a decision taken from ``predictions`` (one per document)."""
    main = predictions[-1]
    return AuditMeta(
        documents=documents_read(*docs),
        model=model_info(classifier),
        label=main.label,
        confidence=min(p.confidence for p in predictions),
        alternatives=dict(main.probabilities),
        threshold=getattr(classifier, "threshold", None),
        evidence=tuple(e for p in predictions for e in p.evidence),
        notes={"labels": {d.id: p.label for d, p in zip(docs, predictions, strict=True)}},
    )
