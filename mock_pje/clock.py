"""The simulated clock: publications and deadlines of expedientes turn into automatic movements.

A DJE expediente created on day D is made available on D+1 (movement 1061), published on D+2 (92)
and its deadline runs out after ``deadline_days`` more days (1051, decurso de prazo). Mural and
"sistema" communications have no DJE steps: the deadline counts from creation.

The clock works on any :class:`ClockState` (``mock_pje.state.MockState`` is one), so the state imports
the clock and not the other way round.
"""

from __future__ import annotations

from contextlib import AbstractContextManager
from datetime import timedelta
from typing import Any, Protocol

from bot.vocabulary.domain import MOVEMENTS, Channel
from fixtures.world import START_DATE, Process
from mock_pje.flow import Action
from mock_pje.store import Store


class ClockState(Protocol):
    """What the clock reads and writes of the mock's state."""

    clock_day: int
    processes: dict[int, Process]
    store: Store

    @property
    def lock(self) -> AbstractContextManager[Any, Any]: ...

    def save(self, process: Process) -> None: ...

    def append_ledger(self, entry: dict[str, Any]) -> object: ...


_AVAILABLE = MOVEMENTS["disponibilizacao_dje"]
_PUBLISHED = MOVEMENTS["publicacao"]
_DECURSO = MOVEMENTS["decurso_prazo"]


def schedule(expediente: dict[str, Any]) -> list[tuple[int, int]]:
    """(day, movement code) of the automatic movements an expediente produces."""
    start, deadline = int(expediente["created_day"]), int(expediente["deadline_days"])
    if expediente["channel"] == Channel.DJE.value:
        return [
            (start + 1, _AVAILABLE.code),
            (start + 2, _PUBLISHED.code),
            (start + 3 + deadline, _DECURSO.code),
        ]
    return [(start + deadline + 1, _DECURSO.code)]


def materialize(state: ClockState, process: Process, *, record: bool = True) -> int:
    """Add the automatic movements due by today; return how many. ``record`` writes them to the ledger."""
    added = 0
    names = {m.code: m.name for m in (_AVAILABLE, _PUBLISHED, _DECURSO)}
    for expediente in process.expedientes:
        for day, code in schedule(expediente):
            if day > state.clock_day or code in expediente["events"]:
                continue
            expediente["events"].append(code)
            at = f"{(START_DATE + timedelta(days=day)).isoformat()}T00:01:00"
            process.movements.append(
                {
                    "code": code,
                    "name": names[code],
                    "at": at,
                    "complementos": {"expediente": str(expediente["id"])},
                    "actor_cpf": None,
                }
            )
            added += 1
            if record:
                state.append_ledger(
                    {
                        "actor_cpf": None,
                        "actor": "sistema",
                        "process": process.number,
                        "task": process.task,
                        "action": Action.AUTO_MOVEMENT.value,
                        "movement_codes": [code],
                        "document_id": expediente.get("document_id"),
                        "at": at,
                    }
                )
    return added


def advance(state: ClockState, days: int) -> int:
    """Move the clock ``days`` forward, one day at a time; return the number of automatic movements."""
    total = 0
    with state.lock:
        for _ in range(days):
            state.clock_day += 1
            for process in state.processes.values():
                if process.expedientes:
                    added = materialize(state, process)
                    if added:
                        state.save(process)
                    total += added
        state.store.set_meta("clock_day", state.clock_day)
    return total
