"""Dropout, sample and class weights, early stopping on a metric, warm starts, per-epoch statistics."""

import itertools
import zlib

import numpy as np
import pytest
from sklearn import metrics as sk
from sklearn.datasets import load_breast_cancer, make_classification, make_regression

from nn_engine import MLPClassifier, MLPRegressor, model_from_bytes, model_to_bytes
from nn_engine import metrics as ours
from nn_engine.activations import HIDDEN_ACTIVATIONS
from nn_engine.losses import LOSS_FUNCTIONS
from nn_engine.network import Dropout, Workspace
from nn_engine.training import _hidden_outputs, _unit_statistics

from .test_backprop import make_problem


def numerical_gradient(net, loss, X, Y, work, weights, h=1e-6):
    grad = np.empty_like(net.params)
    for j in range(net.params.size):
        saved = net.params[j]
        net.params[j] = saved + h
        up = net.cost_and_gradient(LOSS_FUNCTIONS[loss], X, Y, 0.3, work, weights)
        net.params[j] = saved - h
        down = net.cost_and_gradient(LOSS_FUNCTIONS[loss], X, Y, 0.3, work, weights)
        net.params[j] = saved
        grad[j] = (up - down) / (2 * h)
    return grad


@pytest.mark.parametrize("activation, loss", list(itertools.product(HIDDEN_ACTIVATIONS, sorted(LOSS_FUNCTIONS))))
def test_backprop_with_dropout_masks_and_row_weights_matches_central_difference(activation, loss):
    rng = np.random.default_rng(zlib.crc32(f"{activation}/{loss}".encode()))
    net, X, Y = make_problem(loss, activation, rng)
    if activation in ("relu", "leaky_relu"):
        net.biases[0][...] += 0.3 * np.sign(net.biases[0])
    dropout = Dropout([0.4, 0.25], net.sizes[1:-1], X.shape[0], rng, net.dtype)
    dropout.draw(X.shape[0])
    dropout.draw = lambda m: None  # the same masks for every evaluation
    weights = rng.uniform(0.2, 3.0, X.shape[0])
    work = Workspace(net, X.shape[0], dropout)
    net.cost_and_gradient(LOSS_FUNCTIONS[loss], X, Y, 0.3, work, weights)
    analytic = work.grads.copy()
    assert np.abs(dropout.masks[0]).min() == 0  # some units are dropped
    np.testing.assert_allclose(analytic, numerical_gradient(net, loss, X, Y, work, weights), rtol=1e-5, atol=1e-7)


def breast_cancer():
    return load_breast_cancer(return_X_y=True)


def test_dropout_is_off_at_prediction_and_zero_dropout_changes_nothing():
    X, y = breast_cancer()
    plain = MLPClassifier([16], epochs=30, seed=3).fit(X, y)
    zero = MLPClassifier([16], epochs=30, seed=3, dropout=0.0).fit(X, y)
    assert np.array_equal(plain.network_.params, zero.network_.params)
    dropped = MLPClassifier([16, 8], epochs=30, learning_rate=0.01, seed=3, dropout=[0.5, 0.2]).fit(X, y)
    assert not np.array_equal(dropped.network_.params[:10], plain.network_.params[:10])
    np.testing.assert_array_equal(dropped.predict_proba(X), dropped.predict_proba(X))  # no random masks
    again = MLPClassifier([16, 8], epochs=30, learning_rate=0.01, seed=3, dropout=[0.5, 0.2]).fit(X, y)
    assert np.array_equal(dropped.network_.params, again.network_.params)  # same seed, same masks
    assert dropped.score(X, y) > 0.9
    restored = model_from_bytes(model_to_bytes(dropped))
    assert restored.dropout == [0.5, 0.2]
    np.testing.assert_array_equal(restored.predict_proba(X), dropped.predict_proba(X))


@pytest.mark.parametrize(
    "dropout, words",
    [(1.0, "[0, 1)"), (-0.1, "[0, 1)"), ([0.1, 0.2], "2 rates for 1 hidden"), ("x", "rate or a list")],
)
def test_bad_dropout_is_refused(dropout, words):
    X, y = breast_cancer()
    with pytest.raises(ValueError, match=words.replace("[", r"\[").replace("(", r"\(").replace(")", r"\)")):
        MLPClassifier([8], dropout=dropout).fit(X, y)


def test_a_row_of_weight_two_trains_like_the_row_twice():
    X, y = make_regression(n_samples=60, n_features=4, noise=1.0, random_state=0)
    twice = np.r_[X, X[:10]], np.r_[y, y[:10]]
    weights = np.r_[np.full(10, 2.0), np.ones(50)]
    options = dict(hidden_layers=[6], epochs=40, batch_size=None, standardize=False, seed=1, learning_rate=0.01, l2=0.0)
    weighted = MLPRegressor(**options).fit(X, y, sample_weight=weights)
    duplicated = MLPRegressor(**options).fit(*twice)
    np.testing.assert_allclose(weighted.network_.params, duplicated.network_.params, rtol=1e-9, atol=1e-12)
    np.testing.assert_allclose(weighted.cost_history_["train"], duplicated.cost_history_["train"], rtol=1e-10)


def test_balanced_class_weight_is_the_sample_weight_of_n_over_k_counts():
    X, y = make_classification(n_samples=300, weights=[0.85, 0.15], random_state=0)
    options = dict(hidden_layers=[8], epochs=20, seed=2)
    balanced = MLPClassifier(class_weight="balanced", **options).fit(X, y)
    counts = np.bincount(y)
    by_hand = MLPClassifier(**options).fit(X, y, sample_weight=len(y) / (2 * counts[y]))
    np.testing.assert_allclose(balanced.network_.params, by_hand.network_.params, rtol=1e-12)
    mapped = MLPClassifier(class_weight={"1": counts[0] / counts[1]}, **options).fit(X, y)  # keys as JSON text
    plain = MLPClassifier(**options).fit(X, y)
    recall = lambda m: sk.recall_score(y, m.predict(X))  # noqa: E731
    assert recall(balanced) > recall(plain) and recall(mapped) > recall(plain)


@pytest.mark.parametrize(
    "class_weight, sample_weight, words",
    [
        ({"7": 2.0}, None, "not in y"),
        ({"0": -1.0}, None, "weights >= 0"),
        ("heavy", None, "'balanced'"),
        (None, np.full(300, -1.0), ">= 0"),
        (None, np.zeros(300), "all 0"),
        (None, np.ones(5), "one number per row"),
    ],
)
def test_bad_weights_are_refused(class_weight, sample_weight, words):
    X, y = make_classification(n_samples=300, random_state=0)
    with pytest.raises(ValueError, match=words):
        MLPClassifier([4], epochs=2, class_weight=class_weight).fit(X, y, sample_weight=sample_weight)


def test_a_regressor_refuses_class_weight():
    with pytest.raises(ValueError, match="classifiers"):
        MLPRegressor([4], class_weight="balanced").fit(np.ones((4, 2)), np.arange(4.0))


def test_weighted_metrics_match_scikit_learn():
    rng = np.random.default_rng(0)
    y_true, y_pred, w = rng.integers(0, 3, 200), rng.integers(0, 3, 200), rng.uniform(0, 2, 200)
    classes = np.arange(3)
    assert ours.accuracy(y_true, y_pred, w) == pytest.approx(sk.accuracy_score(y_true, y_pred, sample_weight=w))
    assert ours.f1_macro(y_true, y_pred, classes, w) == pytest.approx(
        sk.f1_score(y_true, y_pred, average="macro", sample_weight=w)
    )
    np.testing.assert_allclose(
        ours.confusion_matrix(y_true, y_pred, classes, w), sk.confusion_matrix(y_true, y_pred, sample_weight=w)
    )
    proba = rng.dirichlet(np.ones(3), 200)
    assert ours.log_loss(y_true, proba, classes, w) == pytest.approx(sk.log_loss(y_true, proba, sample_weight=w))
    t, p = rng.normal(size=200), rng.normal(size=200)
    assert ours.r2_score(t, p, w) == pytest.approx(sk.r2_score(t, p, sample_weight=w))
    assert ours.mean_squared_error(t, p, w) == pytest.approx(sk.mean_squared_error(t, p, sample_weight=w))
    assert ours.mean_absolute_error(t, p, w) == pytest.approx(sk.mean_absolute_error(t, p, sample_weight=w))


@pytest.mark.parametrize("metric, greater", [("accuracy", True), ("f1_macro", True), ("log_loss", False)])
def test_early_stopping_on_a_metric_keeps_its_best_epoch(metric, greater):
    X, y = breast_cancer()
    seen = []
    model = MLPClassifier(
        [16], epochs=300, learning_rate=0.01, early_stopping=True, early_stopping_metric=metric, patience=5, seed=0
    ).fit(X, y, observer=seen.append)
    values = [s.monitored for s in seen]
    assert model.monitor_ == metric and model.stop_reason_ == "early_stopping"
    best = (max if greater else min)(values)
    assert model.best_score_ == pytest.approx(best, abs=1e-4)  # within min_delta of the very best
    assert values[model.best_epoch_ - 1] == model.best_score_
    restored = model_from_bytes(model_to_bytes(model))
    assert (restored.monitor_, restored.best_score_) == (metric, model.best_score_)


def test_early_stopping_on_r2_for_a_regressor():
    X, y = make_regression(n_samples=400, n_features=5, noise=5.0, random_state=0)
    model = MLPRegressor([16], epochs=200, early_stopping=True, early_stopping_metric="r2", seed=0).fit(X, y)
    assert model.monitor_ == "r2" and 0.5 < model.best_score_ <= 1


def test_a_metric_needs_validation_rows_and_must_suit_the_task():
    X, y = breast_cancer()
    with pytest.raises(ValueError, match="validation_fraction > 0"):
        MLPClassifier([4], early_stopping_metric="accuracy", validation_fraction=0.0).fit(X, y)
    with pytest.raises(ValueError, match="early_stopping_metric must be"):
        MLPClassifier([4], early_stopping_metric="r2").fit(X, y)


def test_a_stop_asked_by_the_callback_keeps_the_best_weights():
    X, y = breast_cancer()
    seen = []
    # A learning rate this high makes the validation cost jump about, so the last epoch is rarely the best.
    model = MLPClassifier([32], epochs=40, learning_rate=0.5, optimizer="sgd", validation_fraction=0.2, seed=0)
    model.fit(X, y, observer=seen.append, callback=lambda epoch, *_: epoch == 25)
    costs = [s.validation_cost for s in seen]
    assert model.stop_reason_ == "callback" and len(costs) == 25
    assert model.best_epoch_ == int(np.argmin(costs)) + 1


def test_a_warm_start_continues_from_the_weights_and_scaling():
    X, y = breast_cancer()
    first = MLPClassifier([12], epochs=30, seed=0, validation_fraction=0.0).fit(X, y)
    fresh = MLPClassifier([12], epochs=1, seed=5, validation_fraction=0.0).fit(X, y)
    warm = MLPClassifier([12], epochs=1, seed=5, validation_fraction=0.0).fit(X, y, init_model=first)
    assert warm.scaler_ is first.scaler_ and warm.init_ == "warm_start"
    assert warm.cost_history_["train"][0] < 0.5 * fresh.cost_history_["train"][0]
    assert warm.cost_history_["train"][0] <= first.cost_history_["train"][-1] * 1.05


@pytest.mark.parametrize(
    "change, words",
    [
        (dict(hidden_layers=[13]), "layers"),
        (dict(activation="tanh"), "uses relu"),
        (dict(dtype="float32"), "float64"),
    ],
)
def test_a_warm_start_from_another_architecture_is_refused(change, words):
    X, y = breast_cancer()
    first = MLPClassifier([12], epochs=2, seed=0).fit(X, y)
    with pytest.raises(ValueError, match=words):
        MLPClassifier(**{"hidden_layers": [12], "epochs": 2, **change}).fit(X, y, init_model=first)


def test_a_warm_start_on_other_classes_or_estimator_is_refused():
    X, y = breast_cancer()
    first = MLPClassifier([12], epochs=2, seed=0).fit(X, y)
    with pytest.raises(ValueError, match="classes"):
        MLPClassifier([12], epochs=2).fit(X, np.where(y == 1, "yes", "no"), init_model=first)
    with pytest.raises(ValueError, match="fitted MLPRegressor"):
        MLPRegressor([12], epochs=2).fit(X, y.astype(float), init_model=first)


@pytest.mark.parametrize("activation", ["relu", "tanh", "sigmoid", "leaky_relu"])
def test_epoch_statistics_split_the_cost_and_describe_the_units(activation):
    X, y = breast_cancer()
    seen = []
    model = MLPClassifier([16, 8], activation=activation, l2=0.5, epochs=5, validation_fraction=0.2, seed=0)
    model.fit(X, y, observer=seen.append)
    for stats in seen:
        assert stats.train_loss + stats.train_l2 == pytest.approx(stats.train_cost)
        assert stats.train_l2 > 0 and stats.validation_l2 > 0
        assert len(stats.grad_norms) == 3 and all(g > 0 for g in stats.grad_norms)
        if activation == "relu":
            assert len(stats.dead_units) == 2 and all(0 <= d <= 1 for d in stats.dead_units)
        if activation in ("tanh", "sigmoid"):
            assert len(stats.saturation) == 2 and all(0 <= s <= 1 for s in stats.saturation)
        if activation == "leaky_relu":
            assert stats.dead_units is None and stats.saturation is None
    history = model.cost_history_
    assert history["train_loss"] == [s.train_loss for s in seen]
    assert history["validation"] == [s.validation_cost for s in seen]


def test_a_relu_layer_pushed_negative_is_reported_dead():
    X, y = breast_cancer()
    seen = []
    model = MLPClassifier([8], epochs=1, seed=0, validation_fraction=0.2).fit(X, y, observer=seen.append)
    assert seen[0].dead_units[0] < 1
    model.network_.biases[0][...] = -1e6  # every unit off for every row
    hidden = _hidden_outputs(model.network_, model.scaler_.transform(X, np.float64))[1]
    assert _unit_statistics(model.network_, hidden)[0] == [1.0]


def test_the_metric_table_lists_each_task_and_scores_by_name():
    assert ours.metrics_for("classification") == ["accuracy", "f1_macro", "precision_macro", "recall_macro", "log_loss"]
    assert ours.metrics_for("regression") == ["mse", "mae", "r2"]
    directions = [ours.METRICS[n].greater_is_better for n in ("accuracy", "log_loss", "mse", "r2")]
    assert directions == [True, False, False, True]
    assert ours.METRICS["log_loss"].needs_proba and not ours.METRICS["accuracy"].needs_proba
    classes = np.array(["a", "b"])
    y_true, y_pred = np.array(["a", "b", "b", "a"]), np.array(["a", "b", "a", "a"])
    proba = np.array([[0.9, 0.1], [0.2, 0.8], [0.6, 0.4], [0.7, 0.3]])
    assert ours.score("accuracy", y_true, y_pred) == 0.75
    assert ours.score("recall_macro", y_true, y_pred, classes=classes) == pytest.approx(
        sk.recall_score(y_true, y_pred, average="macro")
    )
    assert ours.score("precision_macro", y_true, y_pred, classes=classes) == pytest.approx(
        sk.precision_score(y_true, y_pred, average="macro")
    )
    assert ours.score("log_loss", y_true, proba=proba, classes=classes) == pytest.approx(sk.log_loss(y_true, proba))
    assert ours.score("mae", [1.0, 2.0], [1.5, 2.0]) == 0.25
    with pytest.raises(ValueError, match="unknown metric"):
        ours.score("auc", y_true, y_pred)


def test_early_stopping_can_watch_every_classification_metric_of_the_table():
    X, y = breast_cancer()
    model = MLPClassifier([4], epochs=5, early_stopping_metric="recall_macro", validation_fraction=0.2, seed=0)
    model.fit(X, y)
    assert model.monitor_ == "recall_macro" and model.best_score_ is None  # no early stopping: last weights kept
