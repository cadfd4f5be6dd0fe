"""Each optimiser's update recomputed from its textbook formula."""

import numpy as np
import pytest

from nn_engine import InvalidInputError
from nn_engine.optimizers import OPTIMIZERS, SGD, make_optimizer, optimizer_options
from nn_engine.schedules import LR_SCHEDULES, LearningRateSchedule

GRADS = [np.array([0.5, -1.0, 2.0]), np.array([0.1, 0.3, -0.2]), np.array([-1.0, 0.0, 4.0])]
SETTINGS = dict(learning_rate=0.1, momentum=0.9, beta_1=0.9, beta_2=0.999, epsilon=1e-8)


def run(name: str) -> np.ndarray:
    params = np.array([1.0, 2.0, 3.0])
    optimizer = make_optimizer(name, params, **SETTINGS)
    for g in GRADS:
        optimizer.update_params(g)
    return params


def test_sgd_steps_against_the_gradient():
    expected = np.array([1.0, 2.0, 3.0]) - 0.1 * sum(GRADS)
    np.testing.assert_allclose(run("sgd"), expected)


def test_momentum_accumulates_velocity():
    p, v = np.array([1.0, 2.0, 3.0]), np.zeros(3)
    for g in GRADS:
        v = 0.9 * v - 0.1 * g
        p = p + v
    np.testing.assert_allclose(run("momentum"), p)


def test_nesterov_applies_the_look_ahead_step():
    p, v = np.array([1.0, 2.0, 3.0]), np.zeros(3)
    for g in GRADS:
        v = 0.9 * v - 0.1 * g
        p = p + 0.9 * v - 0.1 * g
    np.testing.assert_allclose(run("nesterov"), p)


def test_adam_matches_kingma_and_ba():
    p, m, v = np.array([1.0, 2.0, 3.0]), np.zeros(3), np.zeros(3)
    for t, g in enumerate(GRADS, start=1):
        m = 0.9 * m + 0.1 * g
        v = 0.999 * v + 0.001 * g**2
        m_hat, v_hat = m / (1 - 0.9**t), v / (1 - 0.999**t)
        p = p - 0.1 * m_hat / (np.sqrt(v_hat) + 1e-8)
    np.testing.assert_allclose(run("adam"), p, rtol=1e-12)


def test_optimizer_updates_the_bound_array_in_place():
    params = np.zeros(3)
    optimizer = make_optimizer("adam", params, **SETTINGS)
    optimizer.update_params(np.ones(3))
    assert optimizer.params is params and np.all(params < 0)


def test_unknown_optimizer_is_refused():
    with pytest.raises(ValueError, match="unknown optimizer 'rmsprop'"):
        make_optimizer("rmsprop", np.zeros(2), **SETTINGS)


@pytest.mark.parametrize(
    "kind, epochs, expected",
    [
        ("constant", [1, 2, 100], [0.1, 0.1, 0.1]),
        # step: halve every 10 epochs
        ("step", [1, 10, 11, 21], [0.1, 0.1, 0.05, 0.025]),
        # invscaling: 0.1 / epoch ** 0.5
        ("invscaling", [1, 4, 100], [0.1, 0.05, 0.01]),
        # triangular: 0.1 at epoch 1, up to 1.0 at epoch 11, back to 0.1 at epoch 21
        ("cyclical", [1, 6, 11, 16, 21, 31], [0.1, 0.55, 1.0, 0.55, 0.1, 1.0]),
    ],
)
def test_learning_rate_schedules(kind, epochs, expected):
    schedule = LearningRateSchedule(kind, base=0.1, step_size=10, gamma=0.5, power_t=0.5, max_learning_rate=1.0)
    assert [schedule.learning_rate(e) for e in epochs] == pytest.approx(expected)


def test_optimizers_table_names_each_class_and_make_optimizer_passes_only_its_settings():
    assert list(OPTIMIZERS) == ["sgd", "momentum", "nesterov", "adam"]
    assert optimizer_options("sgd") == ("learning_rate",)
    assert optimizer_options("nesterov") == ("learning_rate", "momentum")
    assert optimizer_options("adam") == ("learning_rate", "beta_1", "beta_2", "epsilon")
    sgd = make_optimizer("sgd", np.zeros(2), learning_rate=0.5, momentum=0.1, beta_1=0.2)
    assert type(sgd) is SGD and sgd.learning_rate == 0.5
    adam = make_optimizer("adam", np.zeros(2), learning_rate=0.01, momentum=0.9, beta_2=0.9)
    assert (adam.learning_rate, adam.beta_1, adam.beta_2) == (0.01, 0.9, 0.9)


def test_unknown_optimizer_is_an_invalid_input_error():
    with pytest.raises(InvalidInputError, match="choose one of sgd, momentum, nesterov, adam"):
        make_optimizer("rmsprop", np.zeros(2), learning_rate=0.1)


def test_schedules_table_and_an_unknown_schedule():
    assert list(LR_SCHEDULES) == ["constant", "step", "invscaling", "cyclical"]
    with pytest.raises(InvalidInputError, match="unknown lr_schedule 'cosine'"):
        LearningRateSchedule("cosine", 0.1)


def test_initializers_table_keeps_the_service_order_and_refuses_an_unknown_name():
    from nn_engine.initializers import INITIALIZERS, init_weights

    names = ["xavier_uniform", "xavier_normal", "glorot_uniform", "glorot_normal", "he_uniform", "he_normal"]
    assert list(INITIALIZERS) == names and "auto" not in INITIALIZERS
    with pytest.raises(InvalidInputError, match="unknown initializer 'lecun'"):
        init_weights(np.zeros((2, 2)), "lecun", np.random.default_rng(0))
