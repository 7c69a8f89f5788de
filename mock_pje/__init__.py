"""A FastAPI app imitating PJe 1º grau for electoral zones, with seeded data and fault injection.

Run it with ``jano mock serve --port 8080 --seed 7 --zones 3 --per-zone 40 --faults off`` (add
``--db var/mock.db`` to keep the state across restarts), or from Python (tests, benchmarks, the demo)
with ``mock_pje.launcher`` (a thread or a child process). Screens and their stable handles:
``docs/pje-handles.md``.
Layout: ``app.py`` (factory + guard middleware), ``state.py`` (world, sessions, ledger, clock),
``actions.py`` (the one door for writes), ``flow.py`` (transitions and allowed actions), ``faults.py``,
``clock.py``, ``store.py`` (SQLite), ``routes/`` (one router per screen), ``templates/``, ``static/``.

The other side of the wire: may import ``fixtures``, ``bot.vocabulary`` and ``bot.core`` (check digits,
errors); never the routines nor any bot module
that drives a browser, the queue, the pipeline or DBOS (import-linter contracts in pyproject).
"""

from mock_pje.app import create_app
from mock_pje.settings import FaultProfile, MockSettings, Quirk
from mock_pje.state import MockState

__all__ = ["FaultProfile", "MockSettings", "MockState", "Quirk", "create_app"]
