from __future__ import annotations

import numpy as np

from classifiers import calibration


def test_fit_temperature_should_soften_overconfident_logits() -> None:
    rng = np.random.default_rng(0)
    y = rng.integers(0, 3, 400)
    logits = rng.normal(0, 1, (400, 3))
    correct = rng.random(400) < 0.7
    pred = np.where(correct, y, (y + 1) % 3)
    logits[np.arange(400), pred] += 4.0
    overconfident = logits * 5
    t = calibration.fit_temperature(overconfident, y)
    assert t > 2.0
    before = calibration.ece(calibration.softmax(overconfident), y)
    after = calibration.ece(calibration.softmax(overconfident, t), y)
    assert after < before
    assert calibration.nll(overconfident, y, t) < calibration.nll(overconfident, y, 1.0)


def test_ece_should_be_zero_for_perfectly_calibrated_confident_predictions() -> None:
    probs = np.array([[1.0, 0.0], [0.0, 1.0]])
    assert calibration.ece(probs, np.array([0, 1])) == 0.0
    assert calibration.ece(probs, np.array([1, 0])) == 1.0


def test_choose_threshold_should_reach_the_selective_accuracy_target() -> None:
    conf = np.linspace(0.55, 0.99, 300)
    probs = np.stack([conf, 1 - conf], axis=1)
    y = np.zeros(300, dtype=int)
    y[:10] = 1  # the ten least confident are wrong
    thr = calibration.choose_threshold(probs, y, target=0.99)
    accepted = conf >= thr
    assert (probs.argmax(1)[accepted] == y[accepted]).mean() >= 0.99
    assert accepted.sum() >= 289


def test_choose_threshold_should_count_one_error_more_than_seen() -> None:
    conf = np.linspace(0.55, 0.99, 400)
    probs = np.stack([conf, 1 - conf], axis=1)
    y = np.zeros(400, dtype=int)
    y[[0, 10, 20, 150]] = 1  # four wrong answers, three of them among the least confident
    thr = calibration.choose_threshold(probs, y, target=0.99)
    accepted = conf >= thr
    errors = int((probs.argmax(1)[accepted] != y[accepted]).sum())
    # as seen, all 400 with 4 errors meet 0.99; counted with one error more, they do not
    assert 1 - 5 / 400 < 0.99 <= 1 - 4 / 400
    assert accepted.sum() == 389  # down to the second error from the top: 389 accepted, 2 wrong
    assert errors == 2 and 1 - (errors + 1) / accepted.sum() >= 0.99


def test_choose_threshold_should_accept_nothing_when_validation_cannot_show_the_target() -> None:
    conf = np.linspace(0.6, 0.99, 50)  # 50 right answers cannot show 99 % with one error more
    probs = np.stack([conf, 1 - conf], axis=1)
    thr = calibration.choose_threshold(probs, np.zeros(50, dtype=int), target=0.99)
    assert thr == conf.max()


def test_compute_metrics_should_count_prechecks_as_not_covered() -> None:
    probs = np.array([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4]])
    y = np.array([0, 1, 1])
    m = calibration.compute_metrics(
        ["A", "B"], y, probs, probs, 0.7, abstained_before=np.array([False, True, False])
    )
    assert m.confusion == [[1, 0], [1, 1]]
    assert m.coverage == 1 / 3
    assert m.selective_accuracy == 1.0
    assert m.per_class["B"]["recall"] == 0.5


def test_combine_should_average_members_and_mark_where_their_votes_differ() -> None:
    members = np.array(
        [
            [[3.0, 0.0], [2.0, 0.0], [0.0, 1.0]],
            [[2.0, 0.0], [0.0, 4.0], [0.0, 3.0]],
        ]
    )
    mean, disagree = calibration.combine(members)
    assert np.allclose(mean, [[2.5, 0.0], [1.0, 2.0], [0.0, 2.0]])
    assert disagree.tolist() == [False, True, False]


def test_combine_should_take_a_single_models_logits_as_they_are() -> None:
    logits = np.array([[1.0, 0.0], [0.0, 1.0]])
    mean, disagree = calibration.combine(logits)
    assert mean is logits
    assert not disagree.any()
