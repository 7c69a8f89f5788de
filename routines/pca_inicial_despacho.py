"""Routine 2 – Inicial-Despacho (PCA omissos): the initial despacho for parties that did not file."""

from __future__ import annotations

from bot.vocabulary.domain import ProcessClass, Task
from bot.vocabulary.snapshot import ProcessSnapshot
from routines._inicial import is_omisso, propose_despacho_omissos
from routines.base import Routine, RoutineContext, RoutineResult


class PcaInicialDespacho(Routine):
    name = "pca-inicial-despacho"
    title = "Inicial – despacho (PCA omissos)"
    classes = (ProcessClass.PCA,)
    task = Task.ANALISAR_NOVO

    def accepts(self, process: ProcessSnapshot) -> bool:
        return super().accepts(process) and is_omisso(process)

    def decide(self, ctx: RoutineContext, process: ProcessSnapshot) -> RoutineResult:
        return propose_despacho_omissos(self.name, ctx, process)
