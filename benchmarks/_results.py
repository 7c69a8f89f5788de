"""Where the benchmark scripts record their figures: one JSON file per benchmark, for ``report.py``.

Each script still prints its figures; :func:`record` also writes them to
``var/benchmarks/<name>.json`` (``JANO_BENCHMARKS_DIR`` overrides the directory), with when and how they
were measured, so ``benchmarks/report.py`` can build ``docs/benchmarks.md`` from measured figures only.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


def results_dir() -> Path:
    """The directory the figures go to: ``JANO_BENCHMARKS_DIR`` or ``var/benchmarks``."""
    return Path(os.environ.get("JANO_BENCHMARKS_DIR") or ROOT / "var" / "benchmarks")


def record(name: str, figures: dict[str, Any], *, command: str) -> Path:
    """Write ``figures`` as ``<results dir>/<name>.json`` with the time, the command and the host.

    Args:
        name: file stem, e.g. ``mock_capacity`` or ``classifier-contas``.
        figures: the measured values (JSON-serializable).
        command: the command line that reproduces them.

    Returns:
        The path written (replaced atomically).
    """
    out = results_dir()
    out.mkdir(parents=True, exist_ok=True)
    payload = {
        "benchmark": name,
        "measured_at": dt.datetime.now(dt.UTC).strftime("%Y-%m-%dT%H:%M:%SZ"),
        "command": command,
        "host": {
            "cpus": os.cpu_count(),
            "load_1min": round(os.getloadavg()[0], 2),
            "python": sys.version.split()[0],
        },
        "figures": figures,
    }
    path = out / f"{name}.json"
    tmp = path.with_suffix(".json.tmp")
    tmp.write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    tmp.replace(path)
    return path
