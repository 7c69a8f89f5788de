"""What a routine is: a declaration (id, classes, task, documents read, AI or not) and a decision.

A routine never touches a selector or the database. The pipeline hands it a :class:`ProcessSnapshot`
(read through page objects) and a :class:`RoutineContext` (classifier, drafts, settings); it returns
a :class:`ProposeAction` (an action for a supervisor to approve) or a :class:`Manual` (a person must act,
with a reason). Routines are registered by subclassing :class:`Routine`: ``routines/__init__.py``
imports each module and builds the registry.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import ClassVar

from pydantic import BaseModel, Field

from bot.acts import DraftFactory
from bot.vocabulary.actions import AuditMeta, ProposedAction
from bot.vocabulary.domain import DocumentType, ProcessClass, Task
from bot.vocabulary.snapshot import ProcessSnapshot
from classifiers import Classifier


@dataclass(frozen=True)
class ProposeAction:
    """An action for a supervisor to approve, with the label and confidence it was decided on."""

    action: ProposedAction
    label: str | None = None
    confidence: float | None = None
    flags: tuple[str, ...] = ()


@dataclass(frozen=True)
class Manual:
    """A person must act: ``reason`` in pt-BR, ``flags`` such as JANO_DIVERGENCIA or missing_document."""

    reason: str
    flags: tuple[str, ...] = ()
    label: str | None = None
    confidence: float | None = None
    meta: AuditMeta = field(default_factory=AuditMeta)


# What :meth:`Routine.decide` returns.
RoutineResult = ProposeAction | Manual


@dataclass
class RoutineContext:
    """What a routine may use. Seams are constructor arguments: tests pass fakes."""

    zone: int
    drafts: DraftFactory
    classifier_for: Callable[[str], Classifier]
    movement_code: Callable[[str], int]


class RoutineInput(BaseModel):
    zone: int = Field(ge=1, description="zona eleitoral")
    limit: int | None = Field(None, ge=1, description="no máximo N processos")


class Routine:
    """Base class of every routine; subclasses declare the class attributes and :meth:`decide`."""

    name: ClassVar[str]
    title: ClassVar[str]
    classes: ClassVar[tuple[ProcessClass, ...]]
    task: ClassVar[Task]
    reads: ClassVar[tuple[DocumentType, ...]] = ()
    uses_ai: ClassVar[bool] = False
    model: ClassVar[str | None] = None
    Input: ClassVar[type[RoutineInput]] = RoutineInput

    def accepts(self, process: ProcessSnapshot) -> bool:
        """Whether this routine handles a process of this class (the task list may mix classes)."""
        return any(process.process_class == str(c) for c in self.classes)

    def decide(self, ctx: RoutineContext, process: ProcessSnapshot) -> RoutineResult:
        raise NotImplementedError

    @classmethod
    def describe(cls) -> dict[str, object]:
        return {
            "id": cls.name,
            "title": cls.title,
            "classes": [str(c) for c in cls.classes],
            "task": str(cls.task),
            "reads": [str(d) for d in cls.reads],
            "uses_ai": cls.uses_ai,
            "model": cls.model,
        }
