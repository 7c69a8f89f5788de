"""Routine 1 – Inicial-Edital (PCE): insert the edital, prepare its publication and the MPE intimation."""

from __future__ import annotations

from bot.vocabulary.domain import ProcessClass, Task
from bot.vocabulary.snapshot import ProcessSnapshot
from routines._inicial import propose_edital
from routines.base import Routine, RoutineContext, RoutineResult


class PceInicialEdital(Routine):
    name = "pce-inicial-edital"
    title = "Inicial – edital (PCE)"
    classes = (ProcessClass.PCE,)
    task = Task.ANALISAR_NOVO

    def decide(self, ctx: RoutineContext, process: ProcessSnapshot) -> RoutineResult:
        return propose_edital(self.name, ctx, process)
