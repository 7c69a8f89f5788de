"""Classifier throughput and memory: docs/s for batch inference at the production max length, peak RSS.

Usage: ``python benchmarks/classifier.py [--model contas] [--n 200] [--threads 2] [--explain]``

Runs the newest artifact of MODEL (train it first: ``jano train MODEL``) on ``n`` generated test
documents, then the TF-IDF + logistic-regression baseline on the same inputs. Peak memory is the
process's maximum RSS (``resource.getrusage``), measured in a fresh child process for each side so
the two figures do not mix. Targets: >= 20 docs/s and <= 1.5 GB.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def _peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024.0


def run_transformer(model: str, n: int, threads: int, explain: bool) -> dict[str, float]:
    import torch

    from bot.config.settings import Settings
    from classifiers.data import generated
    from classifiers.inference import load_classifier
    from fixtures.corpus import build_corpus

    torch.set_num_threads(threads)
    texts = [r.text for r in generated(build_corpus, model, "test", n)]
    clf = load_classifier(model, Settings.load().classifier, explain=explain)
    clf.predict(texts[:8])  # warm-up
    started = time.perf_counter()
    preds = clf.predict(texts)
    seconds = time.perf_counter() - started
    return {
        "docs_per_s": len(texts) / seconds,
        "seconds": seconds,
        "max_length": clf.max_length,
        "abstained": sum(p.abstained for p in preds),
        "peak_rss_mb": _peak_rss_mb(),
    }


def run_baseline(model: str, n: int) -> dict[str, float]:
    import numpy as np

    from classifiers.baseline import Baseline
    from classifiers.data import generated
    from classifiers.registry import labels_for
    from classifiers.text import model_input
    from fixtures.corpus import build_corpus

    labels = list(labels_for(model))
    train = generated(build_corpus, model, "train", 480)
    base = Baseline(labels).fit(
        [model_input(r.text)[0] for r in train], np.array([labels.index(r.label) for r in train])
    )
    texts = [r.text for r in generated(build_corpus, model, "test", n)]
    started = time.perf_counter()
    base.logits([model_input(t)[0] for t in texts])
    seconds = time.perf_counter() - started
    return {"docs_per_s": len(texts) / seconds, "seconds": seconds, "peak_rss_mb": _peak_rss_mb()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--model", default="contas")
    parser.add_argument("--n", type=int, default=200)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--explain", action="store_true", help="include occlusion evidence in the timing")
    parser.add_argument("--side", choices=["transformer", "baseline"], help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.side == "transformer":
        print(json.dumps(run_transformer(args.model, args.n, args.threads, args.explain)))
        return
    if args.side == "baseline":
        print(json.dumps(run_baseline(args.model, args.n)))
        return
    results = {}
    for side in ("transformer", "baseline"):
        cmd = [sys.executable, __file__, "--side", side, "--model", args.model, "--n", str(args.n)]
        cmd += ["--threads", str(args.threads)] + (["--explain"] if args.explain else [])
        out = subprocess.run(cmd, check=True, capture_output=True, text=True).stdout
        results[side] = json.loads(out.strip().splitlines()[-1])
    t, b = results["transformer"], results["baseline"]
    print(f"classifier benchmark – model {args.model}, {args.n} documents, {args.threads} threads")
    print(f"{'':14}{'docs/s':>10}{'peak RSS MB':>14}")
    print(
        f"{'transformer':14}{t['docs_per_s']:>10.1f}{t['peak_rss_mb']:>14.0f}"
        f"   (max length {t['max_length']})"
    )
    print(f"{'baseline':14}{b['docs_per_s']:>10.1f}{b['peak_rss_mb']:>14.0f}")
    print(
        f"targets: >= 20 docs/s ({'ok' if t['docs_per_s'] >= 20 else 'NOT MET'}), "
        f"<= 1536 MB ({'ok' if t['peak_rss_mb'] <= 1536 else 'NOT MET'})"
    )
    print(f"ratio transformer/baseline speed: {t['docs_per_s'] / b['docs_per_s']:.3f}")
    from benchmarks._results import record

    command = f".venv/bin/python benchmarks/classifier.py --model {args.model} --n {args.n}"
    command += f" --threads {args.threads}" + (" --explain" if args.explain else "")
    figures = {"model": args.model, "n": args.n, "threads": args.threads, "explain": args.explain}
    figures |= {"transformer": t, "baseline": b, "target_docs_per_s": 20, "target_peak_rss_mb": 1536}
    record(f"classifier-{args.model}", figures, command=command)


if __name__ == "__main__":
    main()
