"""The snapshot a routine reads: one process as the page objects saw it, and its documents.

The PJe facade builds it (``bot.pje``); routines decide on it (``routines``). Plain frozen data, so
both sides depend on this module and not on each other.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from bot.vocabulary.domain import DocumentType


@dataclass(frozen=True)
class DocumentText:
    """A document of the process as the routine sees it."""

    id: str
    type: str
    title: str
    signed: bool
    text: str | None  # None: no text layer (image-only PDF) or unreadable
    sha256: str
    problem: str | None = None  # why text is None, in pt-BR

    @staticmethod
    def digest(content: bytes) -> str:
        return hashlib.sha256(content).hexdigest()


@dataclass(frozen=True)
class ProcessSnapshot:
    """What the page objects read about one process: header facts and its documents."""

    number: str
    process_class: str
    zone: int
    task: str
    parties: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    documents: tuple[DocumentText, ...] = ()
    facts: dict[str, str] = field(default_factory=dict)  # municipality, year, judge... when PJe shows them

    def latest(self, doc_type: DocumentType | str, *, signed: bool | None = None) -> DocumentText | None:
        """The most recent document of ``doc_type`` (documents are in PJe order: oldest first)."""
        for doc in reversed(self.documents):
            if doc.type == str(doc_type) and (signed is None or doc.signed == signed):
                return doc
        return None
