"""Write the measured part of docs/benchmarks.md from what the benchmarks and the model cards recorded.

Reads ``var/benchmarks/*.json`` (written by the benchmark scripts through ``benchmarks/_results.py``),
the newest model card of each model (``var/models/<model>/<version>/card.json``) and the recorded base
comparison (``classifiers/base_comparison.json`` when no newer run is in ``var/benchmarks``). It replaces
what lies between the markers of ``docs/benchmarks.md`` and leaves the rest of the page alone. A figure
nobody measured reads "not measured": nothing is copied by hand.

Reproduce:  .venv/bin/python benchmarks/report.py [--results DIR] [--models DIR] [--output FILE]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BEGIN, END = "<!-- benchmarks:begin -->", "<!-- benchmarks:end -->"
NOT_MEASURED = "not measured"

# Targets (the project's acceptance figures); the tables show each measured figure beside its target.
MIN_MACRO_F1 = 0.95
MIN_COVERAGE = 0.85
MIN_SELECTIVE_ACCURACY = 0.99
MAX_ECE = 0.05
MAX_TRAINING_S = 360.0
MIN_DOCS_PER_S = 20.0
MAX_PEAK_RSS_MB = 1536.0
MIN_PAGES_PER_S = 200.0
MAX_MOCK_START_S = 5.0
MAX_FLOOR_RATIO = 1.5
MIN_SPEEDUP_AT_4 = 3.0
JANUS_PER_MINUTE = 0.67  # TRE-BA, 2021: about 90 s per process

SKELETON = f"""# Benchmarks

{BEGIN}
{END}
"""


def newest_cards(models_dir: Path) -> dict[str, dict[str, Any]]:
    """The newest model card of each model under ``models_dir`` (versions sort by their timestamp)."""
    cards: dict[str, dict[str, Any]] = {}
    if not models_dir.is_dir():
        return cards
    for model_dir in sorted(p for p in models_dir.iterdir() if p.is_dir()):
        versions = sorted(p for p in model_dir.iterdir() if (p / "card.json").is_file())
        if versions:
            cards[model_dir.name] = json.loads((versions[-1] / "card.json").read_text(encoding="utf-8"))
    return cards


def load_results(results_dir: Path) -> dict[str, dict[str, Any]]:
    """Every ``<name>.json`` the benchmark scripts wrote, by name."""
    if not results_dir.is_dir():
        return {}
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(results_dir.glob("*.json"))}


def _f(value: Any, digits: int = 3) -> str:
    return NOT_MEASURED if value is None else f"{value:.{digits}f}"


def _check(ok: bool | None) -> str:
    return "–" if ok is None else ("met" if ok else "**not met**")


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(row) + " |" for row in rows]


def _source(result: dict[str, Any]) -> str:
    host = result.get("host", {})
    return (
        f"Measured {result.get('measured_at', '?')} with `{result.get('command', '?')}` "
        f"({host.get('cpus', '?')} CPUs, load {host.get('load_1min', '?')} at the end)."
    )


def classifier_section(cards: dict[str, dict[str, Any]]) -> list[str]:
    lines = ["## Classifiers", ""]
    if not cards:
        return lines + [f"No model card found: {NOT_MEASURED} (train with `jano train MODEL`).", ""]
    lines += ["From the newest model card of each model (`var/models/<model>/<version>/card.json`).", ""]
    rows = []
    for model, card in cards.items():
        seconds = card.get("training_seconds")
        rows.append(
            [
                f"`{model}`",
                str(card.get("version", "?")),
                str(card.get("base_model", "?")),
                str(card.get("members", "?")),
                str(card.get("max_length", "?")),
                str(card.get("seed", "?")),
                _f(seconds, 0),
                _check(None if seconds is None else seconds <= MAX_TRAINING_S),
            ]
        )
    header = ["model", "version", "base", "members", "tokens", "seed", "training s", "≤ 360 s"]
    lines += _table(header, rows) + [""]
    rows = []
    for model, card in cards.items():
        for split in ("validation", "test", "handwritten"):
            metrics = card.get("metrics", {}).get(split)
            if not metrics:
                continue
            t, b = metrics.get("transformer", {}), metrics.get("baseline", {})
            f1, base_f1 = t.get("macro_f1"), b.get("macro_f1")
            cov, sel, ece = t.get("coverage"), t.get("selective_accuracy"), t.get("ece_after")
            ok = None
            if split != "validation" and None not in (f1, base_f1, cov, sel, ece):
                ok = (
                    f1 >= MIN_MACRO_F1
                    and f1 >= base_f1
                    and cov >= MIN_COVERAGE
                    and sel >= MIN_SELECTIVE_ACCURACY
                    and ece <= MAX_ECE
                )
            name = "hand-written" if split == "handwritten" else split
            rows.append(
                [f"`{model}`", f"{name} ({t.get('n', '?')})", _f(f1, 4), _f(base_f1, 4), _f(cov), _f(sel)]
                + [_f(ece), _check(ok)]
            )
    header = ["model", "split (n)", "macro-F1", "baseline macro-F1", "coverage", "selective accuracy"]
    header += ["ECE", "targets"]
    lines += _table(header, rows)
    lines += [
        "",
        f"Targets on the test and hand-written splits: macro-F1 ≥ {MIN_MACRO_F1} and ≥ the TF-IDF "
        f"baseline's; at the abstention threshold, coverage ≥ {MIN_COVERAGE} with selective accuracy ≥ "
        f"{MIN_SELECTIVE_ACCURACY}; ECE after temperature scaling ≤ {MAX_ECE}. The validation split is the "
        "one thresholds and the base are chosen on (shown for information).",
        "",
    ]
    return lines


def base_comparison_section(comparison: dict[str, Any] | None, source: str) -> list[str]:
    lines = ["## Base comparison", ""]
    if not comparison or not comparison.get("results"):
        return lines + [f"{NOT_MEASURED.capitalize()} (`benchmarks/base_comparison.py`).", ""]
    lines += [f"From {source}. {comparison.get('protocol', '')}".rstrip(), ""]
    rows = []
    for model, bases in comparison["results"].items():
        for base, r in bases.items():
            spread = f"{_f(r.get('macro_f1'))} ({_f(r.get('macro_f1_min'))}–{_f(r.get('macro_f1_max'))})"
            rows.append(
                [f"`{model}`", base, spread, _f(r.get("nll")), _f(r.get("test_macro_f1"))]
                + [_f(r.get("handwritten_macro_f1")), _f(r.get("training_seconds"), 0)]
            )
    header = ["model", "base", "validation macro-F1, mean (min–max)", "validation NLL", "test macro-F1"]
    header += ["hand-written macro-F1", "training s"]
    return lines + _table(header, rows) + [""]


def inference_section(results: dict[str, dict[str, Any]]) -> list[str]:
    lines = ["## Classifier inference", ""]
    found = {k: v for k, v in results.items() if k.startswith("classifier-")}
    if not found:
        return lines + [f"{NOT_MEASURED.capitalize()} (`benchmarks/classifier.py --model MODEL`).", ""]
    rows = []
    for result in found.values():
        fig = result["figures"]
        t, b = fig["transformer"], fig["baseline"]
        ok = t["docs_per_s"] >= MIN_DOCS_PER_S and t["peak_rss_mb"] <= MAX_PEAK_RSS_MB
        rows.append(
            [f"`{fig['model']}`", str(fig["n"]), str(fig["threads"]), str(t.get("max_length", "?"))]
            + [_f(t["docs_per_s"], 1), _f(t["peak_rss_mb"], 0), _f(b["docs_per_s"], 1), _check(ok)]
        )
    header = ["model", "documents", "threads", "tokens", "docs/s", "peak RSS MB", "baseline docs/s"]
    header += [f"≥ {MIN_DOCS_PER_S:.0f} docs/s, ≤ {MAX_PEAK_RSS_MB:.0f} MB"]
    lines += _table(header, rows) + [""]
    return lines + [_source(r) for r in found.values()] + [""]


def mock_section(results: dict[str, dict[str, Any]]) -> list[str]:
    lines = ["## Mock PJe capacity", ""]
    result = results.get("mock_capacity")
    if result is None:
        return lines + [f"{NOT_MEASURED.capitalize()} (`benchmarks/mock_capacity.py`).", ""]
    fig = result["figures"]
    rows = [
        [
            f"pages per second ({fig.get('world', '')}, loopback, {fig.get('concurrency')} sessions)",
            _f(fig["pages_per_s"], 0),
            f"≥ {MIN_PAGES_PER_S:.0f}",
            _check(fig["pages_per_s"] >= MIN_PAGES_PER_S),
        ],
        [
            "server start-up, s",
            _f(fig["server_ready_s"], 2),
            f"< {MAX_MOCK_START_S:.0f}",
            _check(fig["server_ready_s"] < MAX_MOCK_START_S),
        ],
        ["pages per CPU second of the server", _f(fig.get("pages_per_cpu_s"), 0), "–", "–"],
    ]
    return lines + _table(["figure", "measured", "target", "verdict"], rows) + ["", _source(result), ""]


def _cell(value: Any) -> str:
    return "–" if value is None else str(value)


def _phase(phases: list[dict[str, Any]], name: str, latency: int, concurrency: int) -> dict[str, Any] | None:
    return next(
        (
            p
            for p in phases
            if p["phase"] == name and p["latency_ms"] == latency and p["concurrency"] == concurrency
        ),
        None,
    )


def throughput_section(results: dict[str, dict[str, Any]]) -> list[str]:
    lines = ["## Throughput", ""]
    result = results.get("throughput")
    if result is None:
        return lines + [f"{NOT_MEASURED.capitalize()} (`benchmarks/throughput.py`).", ""]
    phases = result["figures"]["phases"]
    rows = []
    for name in ("triagem", "execução"):
        one, four = _phase(phases, name, 200, 1), _phase(phases, name, 200, 4)
        ratio = one.get("ratio") if one else None
        speedup = four.get("speedup") if four else None
        label = "triage" if name == "triagem" else "execution"
        rows.append(
            [
                f"{label}: time ÷ mock-bound floor, 200 ms, concurrency 1",
                NOT_MEASURED if ratio is None else f"{ratio:.2f}×",
                f"≤ {MAX_FLOOR_RATIO}×",
                _check(None if ratio is None else ratio <= MAX_FLOOR_RATIO),
            ]
        )
        rows.append(
            [
                f"{label}: speed-up at concurrency 4, 200 ms",
                NOT_MEASURED if speedup is None else f"{speedup:.2f}×",
                f"≥ {MIN_SPEEDUP_AT_4:.0f}×",
                _check(None if speedup is None else speedup >= MIN_SPEEDUP_AT_4),
            ]
        )
    lines += _table(["figure", "measured", "target", "verdict"], rows) + [""]
    header = ["phase", "latency ms", "concurrency", "processes", "s", "processes/min", "requests"]
    header += ["floor s", "ratio", "speed-up", "load"]
    detail = [
        [
            _cell(p.get(k))
            for k in ("phase", "latency_ms", "concurrency", "processes", "seconds", "per_minute")
        ]
        + [_cell(p.get(k)) for k in ("requests", "floor_s", "ratio", "speedup", "load_1min")]
        for p in phases
    ]
    lines += _table(header, detail)
    lines += [
        "",
        f"Classifier: {result['figures'].get('classifier', '?')}. For scale: Janus, TRE-BA, reported about "
        f"90 s per process ({JANUS_PER_MINUTE} processes/min).",
        "",
        _source(result),
        "",
    ]
    return lines


def render(results_dir: Path, models_dir: Path, recorded_comparison: Path) -> str:
    """The generated markdown: every section, from what was measured (and nothing else)."""
    results = load_results(results_dir)
    if "base_comparison" in results:
        comparison = results["base_comparison"]["figures"]
        source = f"`{results['base_comparison'].get('command', 'benchmarks/base_comparison.py')}`"
    elif recorded_comparison.is_file():
        comparison = json.loads(recorded_comparison.read_text(encoding="utf-8"))
        shown = recorded_comparison.relative_to(ROOT) if recorded_comparison.is_relative_to(ROOT) else None
        source = f"`{shown or recorded_comparison}`"
    else:
        comparison, source = None, ""
    lines = ["_Generated by `benchmarks/report.py`; do not edit between the markers._", ""]
    lines += classifier_section(newest_cards(models_dir))
    lines += base_comparison_section(comparison, source)
    lines += inference_section(results)
    lines += mock_section(results)
    lines += throughput_section(results)
    return "\n".join(lines).rstrip() + "\n"


def update(document: str, generated: str) -> str:
    """``document`` with what lies between the markers replaced by ``generated``."""
    if BEGIN not in document or END not in document:
        document = SKELETON
    head, rest = document.split(BEGIN, 1)
    tail = rest.split(END, 1)[1]
    return f"{head}{BEGIN}\n{generated}{END}{tail}"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--results", type=Path, default=ROOT / "var" / "benchmarks")
    parser.add_argument("--models", type=Path, default=ROOT / "var" / "models")
    parser.add_argument("--comparison", type=Path, default=ROOT / "classifiers" / "base_comparison.json")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "benchmarks.md")
    args = parser.parse_args()
    current = args.output.read_text(encoding="utf-8") if args.output.is_file() else SKELETON
    args.output.write_text(
        update(current, render(args.results, args.models, args.comparison)), encoding="utf-8"
    )
    print(f"{args.output}: updated")


if __name__ == "__main__":
    main()
