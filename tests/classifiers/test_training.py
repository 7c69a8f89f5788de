from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
import torch

from classifiers import Classifier, Prediction, registry
from classifiers.data import Row
from classifiers.errors import ClassifierConfigError, ClassifierInputError
from classifiers.inference import load_artifact
from classifiers.model import EncoderClassifier, load_encoder
from classifiers.train import Splits, TrainConfig, train
from tests.classifiers.rows import make_rows


def _splits(model: str) -> Splits:
    return Splits(make_rows(model, 4), make_rows(model, 2), make_rows(model, 2), make_rows(model, 1))


def _config(model: str, base: Path, **kw: object) -> TrainConfig:
    args: dict[str, object] = {
        "model_name": model,
        "base": str(base),
        "keep_layers": None,
        "train_layers": 1,
        "epochs": 3,
        "batch_size": 4,
        "max_length": 64,
        "head_lr": 5e-3,
    }
    args.update(kw)
    return TrainConfig(**args)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def tiny_artifact(tiny_base: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return train(_config("contas", tiny_base), tmp_path_factory.mktemp("models"), splits=_splits("contas"))


def test_cached_upper_forward_should_match_the_full_forward(tiny_base: Path) -> None:
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(tiny_base, local_files_only=True)
    torch.manual_seed(0)
    model = EncoderClassifier(load_encoder(tiny_base), 3, frozen=1).eval()
    layers = len(model.layers)
    enc = tok(
        ["Julgo aprovadas as contas.", "Isto posto, defiro o registro do candidato."],
        padding=True,
        return_tensors="pt",
    )
    with torch.no_grad():
        full = model(enc["input_ids"], enc["attention_mask"])
        states = model.lower_states(enc["input_ids"], enc["attention_mask"])
        cached = model.upper_forward(states, enc["attention_mask"])
        again = model(enc["input_ids"], enc["attention_mask"])
    assert torch.allclose(full, cached, atol=1e-5)
    assert len(model.layers) == layers  # lower_states runs the lower layers only, then puts all back
    assert torch.equal(full, again)


def test_an_ensembles_full_forward_should_be_the_mean_of_its_members_on_the_shared_cache(
    tiny_base: Path,
) -> None:
    from transformers import AutoTokenizer

    tok = AutoTokenizer.from_pretrained(tiny_base, local_files_only=True)
    torch.manual_seed(0)
    model = EncoderClassifier(load_encoder(tiny_base), 3, members=2, frozen=1).eval()
    with torch.no_grad():  # make the second member differ from the first
        for p in model.extra_heads[0].parameters():
            p.add_(0.5)
    enc = tok(["Julgo aprovadas as contas.", "Defiro o registro."], padding=True, return_tensors="pt")
    with torch.no_grad():
        full = model(enc["input_ids"], enc["attention_mask"])
        states = model.lower_states(enc["input_ids"], enc["attention_mask"])
        members = [model.upper_forward(states, enc["attention_mask"], member=k) for k in (0, 1)]
    assert not torch.allclose(members[0], members[1], atol=1e-3)
    assert torch.allclose(full, (members[0] + members[1]) / 2, atol=1e-5)


def test_train_should_write_an_artifact_with_a_complete_card(tiny_artifact: Path) -> None:
    card = json.loads((tiny_artifact / "card.json").read_text(encoding="utf-8"))
    for key in (
        "base_sha256",
        "labels",
        "seed",
        "data_hash",
        "code_version",
        "temperature",
        "threshold",
        "metrics",
    ):
        assert key in card
    assert card["labels"] == list(registry.labels_for("contas"))
    assert set(card["metrics"]) == {"validation", "test", "handwritten"}
    assert card["metrics"]["test"]["baseline"]["macro_f1"] >= 0.0
    assert (tiny_artifact / "model.safetensors").exists()
    assert (tiny_artifact / "card.md").read_text(encoding="utf-8").startswith("# Model card")
    assert card["temperature"] > 0


def test_artifact_should_implement_the_classifier_protocol(tiny_artifact: Path) -> None:
    clf = load_artifact(tiny_artifact, "contas")
    assert isinstance(clf, Classifier)
    rows = make_rows("contas", 1)
    preds = clf.predict([r.text for r in rows] + [""])
    assert len(preds) == len(rows) + 1
    assert all(isinstance(p, Prediction) for p in preds)
    assert preds[-1].abstained and preds[-1].reason and preds[-1].label is None
    for p in preds[:-1]:
        assert abs(sum(p.probabilities.values()) - 1.0) < 1e-6
        assert p.abstained == (p.label is None)
        assert 1 <= len(p.evidence) <= 3


def test_training_should_be_deterministic_for_a_fixed_seed(
    tiny_base: Path, tiny_artifact: Path, tmp_path: Path
) -> None:
    again = train(_config("contas", tiny_base), tmp_path / "models", splits=_splits("contas"))
    texts = [r.text for r in make_rows("contas", 1)]
    a = load_artifact(tiny_artifact, "contas").probabilities(texts)
    b = load_artifact(again, "contas").probabilities(texts)
    np.testing.assert_allclose(a, b, atol=1e-6)


def test_fine_tuning_should_learn_the_toy_rows(tiny_base: Path, tmp_path: Path) -> None:
    cfg = _config("rcand", tiny_base, epochs=20, train_layers=2, lr=1e-2, head_lr=1e-2, batch_size=12)
    path = train(cfg, tmp_path / "models", splits=_splits("rcand"))
    card = json.loads((path / "card.json").read_text(encoding="utf-8"))
    assert card["loss_history"][-1] < card["loss_history"][0]
    assert card["metrics"]["test"]["transformer"]["accuracy"] >= 0.66


def test_artifact_should_refuse_to_load_for_a_model_with_other_labels(tiny_artifact: Path) -> None:
    with pytest.raises(ClassifierConfigError, match="rótulos"):
        load_artifact(tiny_artifact, "rcand")


def test_registry_should_reject_unknown_model_names() -> None:
    with pytest.raises(ClassifierInputError, match="modelo desconhecido"):
        registry.labels_for("eleicoes")


def test_registry_should_find_the_artifact_matching_data_and_code(tiny_artifact: Path) -> None:
    card = registry.read_card(tiny_artifact)
    models_dir = tiny_artifact.parent.parent
    assert registry.matching(models_dir, "contas", card["data_hash"], card["code_version"]) == tiny_artifact
    assert registry.matching(models_dir, "contas", "other-data", card["code_version"]) is None
    assert registry.latest(models_dir, "contas") == tiny_artifact


def test_registry_should_say_how_to_train_when_no_artifact_exists(tmp_path: Path) -> None:
    with pytest.raises(ClassifierConfigError, match="jano train contas"):
        registry.latest(tmp_path, "contas")


def test_stale_check_should_find_the_artifact_trained_on_the_same_generated_data(
    tiny_base: Path, tmp_path: Path
) -> None:
    from classifiers.train import load_splits, stale_check
    from fixtures.corpus import build_corpus

    config = _config("rcand", tiny_base, epochs=1, n_train=12, n_val=6, n_test=6)
    splits = load_splits(config, registry.labels_for("rcand"), build_corpus)
    path = train(config, tmp_path / "models", splits=splits)
    found, _ = stale_check(config, tmp_path / "models", build_corpus)
    assert found == path
    changed, _ = stale_check(config.model_copy(update={"n_train": 13}), tmp_path / "models", build_corpus)
    assert changed is None


def _force_votes(clf: object, votes: tuple[int, ...]) -> None:
    """Make each member answer one fixed label, whatever the text (zero weights, one large bias)."""
    model = clf.model  # type: ignore[attr-defined]
    heads = [model.head, *model.extra_heads]
    assert len(heads) == len(votes)
    with torch.no_grad():
        for head, vote in zip(heads, votes, strict=True):
            head.weight.zero_()
            head.bias.fill_(0.0)
            head.bias[vote] = 8.0


def test_a_prediction_should_abstain_where_the_ensemble_members_disagree(tiny_artifact: Path) -> None:
    text = make_rows("contas", 1)[0].text
    clf = load_artifact(tiny_artifact, "contas", explain=False)
    _force_votes(clf, (0, 2))
    split = clf.predict([text])[0]
    assert split.abstained and split.label is None
    assert split.reason == "os modelos do conjunto divergem sobre a conclusão do documento"
    _force_votes(clf, (2, 2))
    agreed = clf.predict([text])[0]
    assert not agreed.abstained and agreed.label == clf.labels[2]


def test_the_threshold_should_be_chosen_among_the_rows_the_members_agree_on(tiny_base: Path) -> None:
    """Confident errors the members disagree on are abstained anyway: they must not raise the threshold;
    the split's metrics count them as not covered."""
    from classifiers.train import calibrate_and_score

    labels = ["A", "B"]
    rows = make_rows("contas", 1)[:2]
    val = [Row(f"v{i}", rows[0].text, "A") for i in range(200)]
    agree = np.tile(np.array([[4.0, 0.0]]), (200, 1))
    members = np.stack([agree.copy(), agree.copy()])
    members[1, :20] = [0.0, 30.0]  # member 1 votes B on 20 rows: the mean says B, more surely than A
    splits = Splits([], val, val[:50], [])
    logits = {"validation": members, "test": members[:, :50]}
    config = _config("contas", tiny_base)
    _, threshold, metrics = calibrate_and_score(labels, splits, logits, "contas", config)
    assert threshold < 0.99  # counted with the 20 sure errors, no threshold would reach the target
    assert metrics["validation"]["disagreements_abstained"] == 20
    assert metrics["validation"]["coverage"] == pytest.approx(0.9)
    assert metrics["validation"]["selective_accuracy"] == 1.0


def test_a_cards_calibration_should_be_what_the_saved_artifact_gives(tiny_artifact: Path) -> None:
    # The card's temperature and NLL come from the trained model in memory; the saved weights, loaded
    # in a fresh model, must give the same (a shortened layer list once made them differ).
    from classifiers import calibration
    from classifiers.train import prepare

    clf = load_artifact(tiny_artifact, "contas", explain=False)
    rows = _splits("contas").validation
    y = np.array([clf.labels.index(r.label) for r in rows])
    mean, _ = calibration.combine(clf._member_logits(prepare([r.text for r in rows], clf.tokenizer, 64)))
    assert clf.card["members"] == 2 and clf.card["frozen_layers"] >= 1
    assert calibration.fit_temperature(mean, y) == pytest.approx(clf.temperature, rel=1e-6)
    assert calibration.nll(mean, y, clf.temperature) == pytest.approx(clf.card["validation_nll"], rel=1e-6)
