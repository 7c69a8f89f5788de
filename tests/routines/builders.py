"""Builders of the routine tests' inputs: a document text and a process snapshot (no browser, no model)."""

from __future__ import annotations

import hashlib

from bot.vocabulary.snapshot import DocumentText, ProcessSnapshot

PROCESS = "0600251-45.2020.6.24.0016"


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
