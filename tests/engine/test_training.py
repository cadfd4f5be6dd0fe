"""The training loop: batching, validation, early stopping, callback, divergence, seeds, dtype."""

import math

import numpy as np
import pytest
from sklearn.datasets import load_breast_cancer

from nn_engine import (
    InvalidInputError,
    MLPClassifier,
    MLPRegressor,
    NNEngineError,
    NotFittedError,
    TrainingDivergedError,
    training,
)
from nn_engine.initializers import init_weights
from nn_engine.losses import LOSS_FUNCTIONS
from nn_engine.network import Network, Workspace
from nn_engine.optimizers import SGD
from nn_engine.schedules import LearningRateSchedule
from nn_engine.training import data_cost, train


@pytest.fixture(scope="module")
def cancer():
    return load_breast_cancer(return_X_y=True)


class CountingSGD(SGD):
    """SGD that counts its updates and remembers the learning rate of each."""

    def __init__(self, params, learning_rate):
        super().__init__(params, learning_rate)
        self.rates = []

    def _update(self, grads):
        self.rates.append(self.learning_rate)
        super()._update(grads)


def small_problem(n=103, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.normal(size=(n, 3))
    Y = (X[:, :1] + X[:, 1:2] ** 2 > 0.5).astype(float)
    net = Network([3, 6, 1], "tanh", "sigmoid")
    for W in net.weights:
        init_weights(W, "xavier_uniform", rng)
    return net, X, Y, rng


@pytest.mark.parametrize("batch_size, per_epoch", [(10, 11), (103, 1), (500, 1), (None, 1)])
def test_iterations_per_epoch_are_ceil_n_over_batch(batch_size, per_epoch):
    net, X, Y, rng = small_problem()
    optimizer = CountingSGD(net.params, 0.1)
    train(
        net,
        "binary_cross_entropy",
        X,
        Y,
        optimizer=optimizer,
        schedule=LearningRateSchedule("constant", 0.1),
        epochs=3,
        batch_size=batch_size,
        rng=rng,
    )
    assert len(optimizer.rates) == 3 * per_epoch


def test_schedule_sets_the_learning_rate_each_epoch():
    net, X, Y, rng = small_problem()
    optimizer = CountingSGD(net.params, 0.1)
    train(
        net,
        "binary_cross_entropy",
        X,
        Y,
        optimizer=optimizer,
        epochs=4,
        batch_size=None,
        rng=rng,
        schedule=LearningRateSchedule("step", 0.1, step_size=2, gamma=0.5),
    )
    assert optimizer.rates == pytest.approx([0.1, 0.1, 0.05, 0.05])


def test_full_batch_cost_history_starts_at_the_initial_cost_with_its_l2_term():
    net, X, Y, rng = small_problem()
    weights = net.params[: net.n_weights]
    expected = data_cost(net, "binary_cross_entropy", X, Y) + 0.5 / (2 * len(X)) * float(weights @ weights)
    result = train(
        net,
        "binary_cross_entropy",
        X,
        Y,
        optimizer=SGD(net.params, 0.5),
        schedule=LearningRateSchedule("constant", 0.5),
        epochs=20,
        batch_size=None,
        l2=0.5,
        rng=rng,
    )
    assert result.train_cost[0] == pytest.approx(expected, rel=1e-12)
    assert result.train_cost[-1] < result.train_cost[0]
    assert result.validation_cost is None and len(result.train_cost) == 20


def test_shuffling_changes_the_batches_from_epoch_to_epoch():
    results = []
    for shuffle in (False, True):
        net, X, Y, rng = small_problem()
        train(
            net,
            "binary_cross_entropy",
            X,
            Y,
            optimizer=SGD(net.params, 0.1),
            epochs=2,
            batch_size=10,
            shuffle=shuffle,
            rng=rng,
            schedule=LearningRateSchedule("constant", 0.1),
        )
        results.append(net.params.copy())
    assert not np.array_equal(*results)


def test_early_stopping_restores_the_weights_of_the_best_validation_epoch():
    rng = np.random.default_rng(3)
    X, X_val = rng.normal(size=(40, 5)), rng.normal(size=(40, 5))
    Y, Y_val = rng.normal(size=(40, 1)), rng.normal(size=(40, 1))  # pure noise: it can only overfit
    net = Network([5, 64, 1], "relu", "identity")
    for W in net.weights:
        init_weights(W, "he_uniform", rng)
    result = train(
        net,
        "squared_error",
        X,
        Y,
        X_val=X_val,
        Y_val=Y_val,
        optimizer=SGD(net.params, 0.05),
        schedule=LearningRateSchedule("constant", 0.05),
        epochs=500,
        batch_size=None,
        rng=rng,
        early_stopping=True,
        patience=5,
        min_delta=0.0,
    )
    assert result.stop_reason == "early_stopping"
    assert len(result.train_cost) == result.best_epoch + 5
    best = min(result.validation_cost)
    assert result.validation_cost[result.best_epoch - 1] == best
    assert data_cost(net, "squared_error", X_val, Y_val) == pytest.approx(best, rel=1e-12)


def test_estimator_early_stopping_holds_out_a_validation_split(cancer):
    X, y = cancer
    model = MLPClassifier([8], early_stopping=True, patience=3, epochs=300, seed=0).fit(X, y)
    assert len(model.cost_history_["validation"]) == model.n_epochs_ == len(model.cost_history_["train"])
    assert model.stop_reason_ == "early_stopping" and model.best_epoch_ < model.n_epochs_


def test_callback_sees_every_epoch_in_order_and_can_stop_training(cancer):
    X, y = cancer
    seen = []

    def callback(epoch, train_cost, validation_cost):
        seen.append((epoch, train_cost, validation_cost))
        return epoch == 5  # a truthy value stops training

    model = MLPClassifier([8], validation_fraction=0.2, epochs=50, seed=0).fit(X, y, callback=callback)
    assert [e for e, _, _ in seen] == [1, 2, 3, 4, 5]
    assert model.n_epochs_ == 5 and model.stop_reason_ == "callback"
    assert [t for _, t, _ in seen] == model.cost_history_["train"]
    assert [v for _, _, v in seen] == model.cost_history_["validation"]


def test_divergence_raises_with_the_epoch_and_keeps_no_model(cancer):
    X, y = cancer
    model = MLPRegressor([16], optimizer="sgd", learning_rate=1e3, epochs=50, seed=0)
    with pytest.raises(TrainingDivergedError, match=r"at epoch \d+.*lower the learning rate") as info:
        model.fit(X, X[:, 0] * 100)
    assert 1 <= info.value.epoch <= 50
    with pytest.raises(NotFittedError):
        model.predict(X)


def unscaled_grid() -> tuple[np.ndarray, np.ndarray]:
    """60 rows of two features in the thousands, unscaled, and a class from their sum."""
    i = np.arange(60)
    X = np.c_[(i % 7) * 1000.0, (i % 5) * 1000.0]
    return X, X.sum(axis=1) > 5000


def test_a_cost_that_explodes_but_stays_finite_is_divergence(monkeypatch):
    X, y = unscaled_grid()
    params = dict(optimizer="sgd", learning_rate=10, epochs=30, standardize=False, seed=0)
    seen = []
    model = MLPClassifier([14], **params)
    with pytest.raises(TrainingDivergedError, match=r"at epoch 3: the cost grew to .* over 1e\+06 times") as info:
        model.fit(X, y, observer=seen.append)
    assert math.isfinite(info.value.cost) and info.value.cost > training.MAX_COST_GROWTH * seen[0].train_cost
    assert [stats.epoch for stats in seen] == [1, 2, 3]  # the epoch past the bound is observed, then refused
    with pytest.raises(NotFittedError):
        model.predict(X)
    monkeypatch.setattr(training, "MAX_COST_GROWTH", math.inf)  # without the bound, the same run "succeeds"
    monkeypatch.setattr(training, "MAX_ABS_PARAM", math.inf)
    assert MLPClassifier([14], **params).fit(X, y).cost_history_["train"][-1] > 1e10


def test_weights_beyond_the_bound_are_divergence_while_the_cost_is_bounded():
    # cross-entropy is clipped, so without L2 the cost cannot explode; the weights do
    X, y = unscaled_grid()
    model = MLPClassifier([8], optimizer="sgd", learning_rate=1e3, l2=0, epochs=200, batch_size=None, seed=0)
    with pytest.raises(TrainingDivergedError, match=r"a weight reached .* beyond the bound of a stable run \(1e\+10\)"):
        model.fit(X / 1000, y)


def test_same_seed_gives_bit_identical_weights_and_history(cancer):
    X, y = cancer
    kwargs = dict(hidden_layers=[10, 5], epochs=15, batch_size=32, validation_fraction=0.1, seed=42)
    a, b = MLPClassifier(**kwargs).fit(X, y), MLPClassifier(**kwargs).fit(X, y)
    assert a.network_.params.tobytes() == b.network_.params.tobytes()
    assert a.cost_history_ == b.cost_history_
    c = MLPClassifier(**{**kwargs, "seed": 43}).fit(X, y)
    assert not np.array_equal(a.network_.params, c.network_.params)


@pytest.mark.parametrize(
    "activation, expected",
    [("relu", "he_uniform"), ("leaky_relu", "he_uniform"), ("tanh", "xavier_uniform"), ("sigmoid", "xavier_uniform")],
)
def test_auto_init_follows_the_activation(cancer, activation, expected):
    X, y = cancer
    assert MLPClassifier([4], activation, epochs=1, seed=0).fit(X, y).init_ == expected


@pytest.mark.parametrize(
    "method, variance",
    [("xavier_uniform", 2 / 700), ("glorot_normal", 2 / 700), ("he_uniform", 2 / 400), ("he_normal", 2 / 400)],
)
def test_initialisers_draw_with_their_variance(method, variance):
    W = np.empty((400, 300))
    init_weights(W, method, np.random.default_rng(0))
    assert W.mean() == pytest.approx(0, abs=0.03 * math.sqrt(variance))  # std of the mean is ~0.003 sd
    assert W.var() == pytest.approx(variance, rel=0.02)


def test_float32_trains_in_float32_and_agrees_with_float64(cancer):
    X, y = cancer
    m32 = MLPClassifier([14], dtype="float32", epochs=50, seed=0).fit(X.astype(np.float32), y)
    m64 = MLPClassifier([14], dtype="float64", epochs=50, seed=0).fit(X, y)
    assert m32.network_.params.dtype == np.float32 and m32.predict_proba(X).dtype == np.float32
    assert np.mean(m32.predict(X) == m64.predict(X)) > 0.98


def test_workspace_views_are_reused_for_a_batch_size():
    net, X, Y, rng = small_problem()
    work = Workspace(net, 10)
    assert work.sized(3) is work.sized(3)
    cost = net.cost_and_gradient(LOSS_FUNCTIONS["binary_cross_entropy"], X[:3], Y[:3], 0.0, work)
    assert cost == pytest.approx(data_cost(net, "binary_cross_entropy", X[:3], Y[:3]))


@pytest.mark.parametrize(
    "make, params",
    [
        (MLPClassifier, {"learning_rate": -1}),
        (MLPClassifier, {"optimizer": "rmsprop"}),
        (MLPRegressor, {"class_weight": "balanced"}),
        (MLPClassifier, {"dropout": [0.1, 0.2]}),
    ],
)
def test_a_bad_parameter_raises_invalid_input_error_which_is_a_value_error(make, params):
    X, y = np.random.default_rng(0).normal(size=(20, 3)), np.arange(20) % 2
    with pytest.raises(InvalidInputError) as caught:
        make(hidden_layers=[4], epochs=1, **params).fit(X, y)
    assert isinstance(caught.value, ValueError) and isinstance(caught.value, NNEngineError)


def test_bad_data_raises_invalid_input_error_and_numpy_errors_stay_plain():
    with pytest.raises(InvalidInputError, match="2-D"):
        MLPClassifier(epochs=1).fit(np.zeros(5), np.zeros(5))
    with pytest.raises(InvalidInputError):
        MLPClassifier(hidden_layers=[4]).set_params(no_such_parameter=1)
    with pytest.raises(ValueError) as caught:  # a shape mismatch deep in NumPy is not the caller's input error
        Network([3, 2, 1], "relu", "sigmoid").predict(np.zeros((4, 5)))
    assert not isinstance(caught.value, InvalidInputError)
