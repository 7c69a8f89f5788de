from __future__ import annotations

import datetime as dt
import hashlib

import pytest

from bot.acts import DraftFactory
from bot.config.settings import CourtSettings
from bot.vocabulary.domain import MOVEMENTS
from bot.vocabulary.snapshot import DocumentText, ProcessSnapshot
from classifiers import Prediction
from routines.base import RoutineContext

PROCESS = "0600251-45.2020.6.24.0016"


class KeywordClassifier:
    """A fake model: the label is written in the text as [[LABEL]] (or abstains)."""

    name = "contas"
    threshold = 0.9

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def predict(self, texts: list[str]) -> list[Prediction]:
        self.calls.append(texts)
        out = []
        for text in texts:
            if "[[?]]" in text:
                out.append(Prediction(None, confidence=0.41, abstained=True, reason="confiança baixa"))
            else:
                label = text.split("[[", 1)[1].split("]]", 1)[0]
                out.append(Prediction(label, 0.97, False, evidence=[text[:40]], probabilities={label: 0.97}))
        return out


def doc(doc_id: str, doc_type: str, text: str | None, *, signed: bool = True) -> DocumentText:
    raw = (text or "").encode()
    return DocumentText(
        id=doc_id,
        type=doc_type,
        title=doc_type,
        signed=signed,
        text=text,
        sha256=hashlib.sha256(raw).hexdigest(),
    )


def snapshot(
    *docs: DocumentText,
    process_class: str = "PCE",
    parties: tuple[str, ...] = ("Maria da Silva",),
    **facts: str,
) -> ProcessSnapshot:
    return ProcessSnapshot(
        number=PROCESS, process_class=process_class, zone=16, task="Minutar sentença", parties=parties,
        documents=docs, facts={"municipio": "Joinville", "ano": "2024", "juiz": "Dr. Fulano", **facts},
    )  # fmt: skip


@pytest.fixture
def classifier() -> KeywordClassifier:
    return KeywordClassifier()


@pytest.fixture
def ctx(classifier: KeywordClassifier) -> RoutineContext:
    return RoutineContext(
        zone=16,
        drafts=DraftFactory(CourtSettings(), today=dt.date(2026, 11, 21)),
        classifier_for=lambda name: classifier,
        movement_code=lambda key: MOVEMENTS[key].code,
    )
