"""Context mixing: training copies whose context comes from a document with another outcome.

In generated documents the context sentences (what the technical report found, what the MPE said, how
the process went) follow the outcome more closely than in real ones, where a sentença may disagree with
the MPE or deny a registration after a favourable opinion. A model trained on them alone learns the
context instead of the dispositivo. For a share of the training documents a copy keeps the document's
header and decisive sentences (``classifiers.text.is_decisive``) and takes its other sentences from a
random training document of a different label; the copy keeps the label of its decisive sentences.
"""

from __future__ import annotations

import random
from collections.abc import Sequence

from classifiers.text import is_decisive, paragraphs, split_sentences

CONTEXT_SENTENCES = 4  # foreign sentences per copy, from the end of the other document


def _split(text: str) -> tuple[str, list[str], list[str]]:
    """(header paragraph, decisive sentences, other sentences) of a document."""
    paras = paragraphs(text)
    if len(paras) < 2:
        return "", [], []
    sents = [s for para in paras[1:] for s in split_sentences(para)]
    return paras[0], [s for s in sents if is_decisive(s)], [s for s in sents if not is_decisive(s)]


def mixed_context(
    texts: Sequence[str], labels: Sequence[int], share: float, seed: int
) -> tuple[list[str], list[int]]:
    """Extra training documents: ``share`` of ``texts`` (those with a decisive sentence) re-contextualised.

    Deterministic for a seed. Documents without a decisive sentence are never copied.
    """
    rng = random.Random(seed)
    parsed = [_split(t) for t in texts]
    candidates = [i for i, (_, decisive, _) in enumerate(parsed) if decisive]
    by_label: dict[int, list[int]] = {}
    for i, (_, _, context) in enumerate(parsed):
        if context:
            by_label.setdefault(labels[i], []).append(i)
    chosen = rng.sample(candidates, min(len(candidates), round(share * len(texts))))
    out_texts: list[str] = []
    out_labels: list[int] = []
    for i in sorted(chosen):
        header, decisive, _ = parsed[i]
        donors = [j for label, idx in by_label.items() if label != labels[i] for j in idx]
        if not donors:
            continue
        context = parsed[rng.choice(donors)][2][-CONTEXT_SENTENCES:]
        out_texts.append("\n\n".join([header, " ".join(context), " ".join(decisive)]))
        out_labels.append(labels[i])
    return out_texts, out_labels
