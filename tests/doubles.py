"""Classifier doubles: the routine tests' keyword reader and the oracle of the end-to-end tests and the
benchmarks (never imported by product code)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from classifiers import Prediction

if TYPE_CHECKING:
    from mock_pje.launcher import MockHandle


class OracleClassifier:
    """A test double that knows the seeded label of each mock document (matched by its text).

    Tests of the bot's machinery (first law, exactly once) must not depend on a model's accuracy; the
    accuracy of the real fine-tuned classifier is measured by its own tests and by the end-to-end
    accuracy test.
    """

    def __init__(self, mock: MockHandle) -> None:
        self.known = [
            (" ".join(d.text.split())[-200:], d.label)
            for d in mock.state.documents.values()
            if d.label and d.text
        ]

    def learn(self, text: str, label: str) -> None:
        """Also know ``text`` (e.g. a sentença the bot drafted and the judge signed)."""
        self.known.append((" ".join(text.split()), label))

    def predict(self, texts: list[str]) -> list[Prediction]:
        out = []
        for text in texts:
            flat = " ".join(text.split())
            matches = [(len(key), lab) for key, lab in self.known if key and key in flat]
            label = max(matches)[1] if matches else None
            if label is None:
                out.append(Prediction(None, 0.3, True, reason="documento desconhecido"))
            else:
                out.append(
                    Prediction(label, 0.99, False, probabilities={label: 0.99}, evidence=[flat[-120:]])
                )
        return out


class KeywordClassifier:
    """A fake model: the label is written in the text as [[LABEL]] (or abstains)."""

    name = "contas"
    threshold = 0.9

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def predict(self, texts: list[str]) -> list[Prediction]:
        self.calls.append(texts)
        out = []
        for text in texts:
            if "[[?]]" in text:
                out.append(Prediction(None, confidence=0.41, abstained=True, reason="confiança baixa"))
            else:
                label = text.split("[[", 1)[1].split("]]", 1)[0]
                out.append(Prediction(label, 0.97, False, evidence=[text[:40]], probabilities={label: 0.97}))
        return out
