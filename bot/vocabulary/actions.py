"""The proposed action: exactly what the executor will do in PJe, plus what the audit must keep.

:class:`ProposedAction` is frozen. Its executable part (draft, movements with complementos,
communication plan, tags, transition, and the process/task they apply to) is what a supervisor
approves: :meth:`ProposedAction.payload_hash` hashes that part only, so an approval is bound to it.
:class:`AuditMeta` (documents read, model, label, confidence, evidence ...) is kept beside it for the
record (docs/domain.md#what-the-record-keeps) and never changes the hash.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

from bot.core.cnj import parse as parse_cnj
from bot.core.hashing import canonical_json, sha256_hex
from bot.vocabulary.domain import Channel


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class Draft(_Frozen):
    """The act the bot inserts in PJe (sent for the judge's signature, never signed by the bot)."""

    document_type: str = Field(description="PJe document type, e.g. 'Sentença'")
    template_id: str
    template_version: str
    title: str = ""
    body: str = Field(description="the full text of the act, as it will be inserted")
    body_format: Literal["html", "text"] = "html"
    ai_footer: str | None = Field(None, description="AI footer printed in the act (None when not printed)")
    attach: bool = Field(
        False,
        description="sign and attach as the servant (editais, certidões); otherwise it waits for the judge",
    )


class MovementPlan(_Frozen):
    code: int
    name: str
    complementos: dict[str, str] = Field(default_factory=dict)


class CommunicationPlan(_Frozen):
    channel: Channel
    addressees: tuple[str, ...] = ()
    deadline_days: int = 0
    linked_document: str | None = Field(None, description="'draft' or a PJe document id")


class DocumentRead(_Frozen):
    id: str
    type: str = ""
    sha256: str


class ModelInfo(_Frozen):
    name: str
    version: str
    weights_hash: str | None = None
    data_hash: str | None = None


class SourceSpan(_Frozen):
    document_id: str
    start: int
    end: int
    text: str


class Extraction(_Frozen):
    """A value read from a document (e.g. the amount to return and its ground) with where it came from."""

    amount: str | None = None
    ground: str | None = None
    source_span: SourceSpan | None = None


class AuditMeta(_Frozen):
    """What the law asks to record about an AI-assisted act; not part of what is executed."""

    documents: tuple[DocumentRead, ...] = ()
    model: ModelInfo | None = None
    label: str | None = None
    confidence: float | None = None
    alternatives: dict[str, float] = Field(default_factory=dict)
    threshold: float | None = None
    explanation: tuple[str, ...] = ()
    evidence: tuple[str, ...] = ()
    extraction: Extraction | None = None
    notes: dict[str, Any] = Field(default_factory=dict)


class ProposedAction(_Frozen):
    """One action proposed for one process by one routine."""

    routine: str
    process: str
    zone: int
    task: str = Field(description="the PJe task the process sits in when the action is executed")
    draft: Draft | None = None
    movements: tuple[MovementPlan, ...] = ()
    communications: tuple[CommunicationPlan, ...] = ()
    tags: tuple[str, ...] = ()
    transition: str | None = Field(None, description="target task name to move the process to")
    meta: AuditMeta = Field(default_factory=AuditMeta)

    @field_validator("process")
    @classmethod
    def _valid_cnj(cls, value: str) -> str:
        return str(parse_cnj(value))

    def executable(self) -> dict[str, Any]:
        """Exactly what the executor will do, as plain JSON data (no audit metadata)."""
        return self.model_dump(mode="json", exclude={"meta"})

    def payload_hash(self) -> str:
        """sha256 of the canonical JSON of :meth:`executable`: what an approval is bound to."""
        return sha256_hex(canonical_json(self.executable()))

    def with_draft_body(self, body: str) -> ProposedAction:
        """A copy whose draft text is ``body`` (an edit by a supervisor).

        Raises:
            ValueError: the action has no draft to edit.
        """
        if self.draft is None:
            raise ValueError("this action has no draft")
        return self.model_copy(update={"draft": self.draft.model_copy(update={"body": body})})
