"""Backpropagation against a central-difference numerical gradient, and one net by hand."""

import itertools
import zlib

import numpy as np
import pytest

from nn_engine.activations import HIDDEN_ACTIVATIONS
from nn_engine.initializers import init_weights
from nn_engine.losses import LOSS_FUNCTIONS, OUTPUT_ACTIVATION
from nn_engine.network import Network, Workspace

N_OUTPUTS = {"binary_cross_entropy": 1, "categorical_cross_entropy": 3, "squared_error": 2}


def make_problem(loss: str, activation: str, rng: np.random.Generator):
    """A 4-5-3-k network with random weights and biases and a batch of 7 rows."""
    k = N_OUTPUTS[loss]
    net = Network([4, 5, 3, k], activation, OUTPUT_ACTIVATION[loss])
    for W in net.weights:
        init_weights(W, "xavier_normal", rng)
    for b in net.biases:
        b[...] = rng.normal(0, 0.5, b.shape)  # nonzero biases, so their gradients are checked too
    X = rng.normal(size=(7, 4))
    if loss == "binary_cross_entropy":
        Y = rng.integers(0, 2, (7, 1)).astype(float)
    elif loss == "categorical_cross_entropy":
        Y = np.eye(k)[rng.integers(0, k, 7)]
    else:
        Y = rng.normal(size=(7, k))
    return net, X, Y


def numerical_gradient(net: Network, loss: str, X, Y, l2: float, h: float = 1e-6) -> np.ndarray:
    work = Workspace(net, X.shape[0])
    cost = lambda: net.cost_and_gradient(LOSS_FUNCTIONS[loss], X, Y, l2, work)  # noqa: E731
    grad = np.empty_like(net.params)
    for j in range(net.params.size):
        saved = net.params[j]
        net.params[j] = saved + h
        up = cost()
        net.params[j] = saved - h
        down = cost()
        net.params[j] = saved
        grad[j] = (up - down) / (2 * h)
    return grad


@pytest.mark.parametrize(
    "activation, loss, l2",
    list(itertools.product(HIDDEN_ACTIVATIONS, sorted(LOSS_FUNCTIONS), [0.0, 0.7])),
)
def test_backprop_matches_central_difference(activation, loss, l2):
    rng = np.random.default_rng(zlib.crc32(f"{activation}/{loss}/{l2}".encode()))
    net, X, Y = make_problem(loss, activation, rng)
    if activation in ("relu", "leaky_relu"):
        # Keep pre-activations away from the kink at 0, where the derivative is undefined.
        net.biases[0][...] += 0.3 * np.sign(net.biases[0])
    work = Workspace(net, X.shape[0])
    net.cost_and_gradient(LOSS_FUNCTIONS[loss], X, Y, l2, work)
    analytic = work.grads.copy()
    numeric = numerical_gradient(net, loss, X, Y, l2)
    relative_error = np.linalg.norm(analytic - numeric) / np.linalg.norm(analytic + numeric)
    assert relative_error < 1e-6


def test_l2_penalises_weights_but_not_biases():
    rng = np.random.default_rng(0)
    net, X, Y = make_problem("squared_error", "tanh", rng)
    work = Workspace(net, X.shape[0])
    loss = LOSS_FUNCTIONS["squared_error"]
    plain = net.cost_and_gradient(loss, X, Y, 0.0, work)
    plain_grads = work.grads.copy()
    penalised = net.cost_and_gradient(loss, X, Y, 2.0, work)
    weights = net.params[: net.n_weights]
    assert penalised - plain == pytest.approx(2.0 / (2 * 7) * np.sum(weights**2))
    np.testing.assert_allclose(work.grads[: net.n_weights] - plain_grads[: net.n_weights], 2.0 / 7 * weights)
    np.testing.assert_array_equal(work.grads[net.n_weights :], plain_grads[net.n_weights :])


def test_tiny_network_worked_by_hand():
    """1 input -> 1 sigmoid hidden unit -> 1 sigmoid output, one row x = 1, y = 1.

    w1 = 0, b1 = 0: z1 = 0, a1 = sigmoid(0) = 0.5
    w2 = 2, b2 = -1: z2 = 2 * 0.5 - 1 = 0, a2 = 0.5
    cost = -log(0.5) = 0.693147...
    delta2 = a2 - y = -0.5        -> dw2 = a1 * delta2 = -0.25, db2 = -0.5
    delta1 = delta2 * w2 * a1 (1 - a1) = -0.5 * 2 * 0.25 = -0.25
                                  -> dw1 = x * delta1 = -0.25, db1 = -0.25
    """
    net = Network([1, 1, 1], "sigmoid", "sigmoid")
    net.weights[0][...] = 0.0
    net.weights[1][...] = 2.0
    net.biases[1][...] = -1.0
    work = Workspace(net, 1)
    cost = net.cost_and_gradient(
        LOSS_FUNCTIONS["binary_cross_entropy"], np.array([[1.0]]), np.array([[1.0]]), 0.0, work
    )
    assert cost == pytest.approx(np.log(2))
    # flat layout: weights of every layer, then biases: [w1, w2, b1, b2]
    np.testing.assert_allclose(work.grads, [-0.25, -0.25, -0.25, -0.5])


def test_float32_gradient_agrees_with_float64():
    rng = np.random.default_rng(1)
    net64, X, Y = make_problem("categorical_cross_entropy", "tanh", rng)
    net32 = Network(net64.sizes, "tanh", "softmax", np.float32)
    net32.params[...] = net64.params
    loss = LOSS_FUNCTIONS["categorical_cross_entropy"]
    work64, work32 = Workspace(net64, 7), Workspace(net32, 7)
    net64.cost_and_gradient(loss, X, Y, 0.1, work64)
    net32.cost_and_gradient(loss, X.astype(np.float32), Y.astype(np.float32), 0.1, work32)
    assert work32.grads.dtype == np.float32
    np.testing.assert_allclose(work32.grads, work64.grads, rtol=1e-3, atol=1e-5)
