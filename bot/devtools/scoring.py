"""Score a triage against a mock PJe's ground truth (``/_mock/truth``): agreement and coverage.

Used by ``make demo``, the end-to-end accuracy test and the benchmarks – never by the bot's decisions.

- *agreement*: of the processes the bot proposed an outcome for, the share whose label equals the
  truth's ``expected_label``;
- *coverage*: of the processes a person need not see (truth neither divergent nor missing a
  document), the share the bot proposed;
- *manual_ok*: whether every divergent or incomplete process went to a person.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

NEEDS_PERSON = {"divergent", "missing_document"}


@dataclass
class Score:
    proposed: int = 0
    agreed: int = 0
    eligible: int = 0
    eligible_proposed: int = 0
    needs_person: int = 0
    needs_person_manual: int = 0
    disagreements: list[tuple[str, str | None, str | None]] = field(default_factory=list)
    wrongly_proposed: list[str] = field(default_factory=list)

    @property
    def agreement(self) -> float:
        return self.agreed / self.proposed if self.proposed else 0.0

    @property
    def coverage(self) -> float:
        return self.eligible_proposed / self.eligible if self.eligible else 0.0

    @property
    def manual_ok(self) -> bool:
        return self.needs_person == self.needs_person_manual


def score(outcomes: Iterable[Any], truth: Iterable[Mapping[str, Any]]) -> Score:
    """``outcomes``: objects with ``process``, ``state`` and ``label`` (triage outcomes or work items)."""
    by_process = {row["process"]: row for row in truth}
    result = Score()
    for o in outcomes:
        row = by_process.get(o.process)
        if row is None:
            continue
        flags = set(row.get("flags") or [])
        if row.get("divergent"):
            flags.add("divergent")
        person = bool(flags & NEEDS_PERSON)
        proposed = o.state == "PROPOSED" or o.state in {"APPROVED", "EXECUTING", "DONE"}
        if person:
            result.needs_person += 1
            if o.state == "MANUAL":
                result.needs_person_manual += 1
            elif proposed:
                result.wrongly_proposed.append(o.process)
        else:
            result.eligible += 1
            result.eligible_proposed += int(proposed)
        if proposed:
            result.proposed += 1
            if o.label == row.get("expected_label"):
                result.agreed += 1
            else:
                result.disagreements.append((o.process, o.label, row.get("expected_label")))
    return result
