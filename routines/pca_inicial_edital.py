"""Routine 1 – Inicial-Edital (PCA): insert the edital, prepare its publication and the MPE intimation."""

from __future__ import annotations

from bot.vocabulary.domain import ProcessClass, Task
from bot.vocabulary.snapshot import ProcessSnapshot
from routines._inicial import is_omisso, propose_edital
from routines.base import Routine, RoutineContext, RoutineResult


class PcaInicialEdital(Routine):
    name = "pca-inicial-edital"
    title = "Inicial – edital (PCA)"
    classes = (ProcessClass.PCA,)
    task = Task.ANALISAR_NOVO

    def accepts(self, process: ProcessSnapshot) -> bool:
        # Omissos (no accounts filed) take the initial despacho instead (routine 2).
        return super().accepts(process) and not is_omisso(process)

    def decide(self, ctx: RoutineContext, process: ProcessSnapshot) -> RoutineResult:
        return propose_edital(self.name, ctx, process)
