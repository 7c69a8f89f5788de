"""TF-IDF (word + character n-grams) + logistic regression on the same model input as the transformer."""

from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.pipeline import FeatureUnion, Pipeline


def build(seed: int = 0) -> Pipeline:
    features = FeatureUnion(
        [
            (
                "word",
                TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, strip_accents="unicode"),
            ),
            (
                "char",
                TfidfVectorizer(
                    analyzer="char_wb", ngram_range=(3, 5), min_df=2, sublinear_tf=True, max_features=60000
                ),
            ),
        ]
    )
    clf = LogisticRegression(C=10.0, max_iter=2000, random_state=seed)
    return Pipeline([("tfidf", features), ("lr", clf)])


class Baseline:
    """Fitted baseline; ``logits`` are log-probabilities in the model's label order."""

    def __init__(self, labels: list[str], seed: int = 0) -> None:
        self.labels = labels
        self.pipeline = build(seed)

    def fit(self, texts: list[str], y: np.ndarray) -> Baseline:
        self.pipeline.fit(texts, y)
        return self

    def logits(self, texts: list[str]) -> np.ndarray:
        proba = np.full((len(texts), len(self.labels)), 1e-9)
        got = self.pipeline.predict_proba(texts)
        for j, cls in enumerate(self.pipeline.classes_):
            proba[:, int(cls)] = got[:, j]
        return np.log(np.clip(proba, 1e-9, 1.0))
