"""Activation functions and their derivatives, as in-place functions in name-keyed tables.

Each activation overwrites its argument Z (batch, units) with f(Z). Each derivative
multiplies a delta by f'(Z), written from the forward *output* A = f(Z), so backprop
never keeps pre-activations around (the scikit-learn `_base.py` habit), and may use A
as scratch (see below).
"""

import numpy as np

LEAKY_RELU_SLOPE = 0.01  # slope of leaky ReLU for negative inputs


def identity(Z: np.ndarray) -> None:
    """f(z) = z: nothing to do."""


def sigmoid(Z: np.ndarray) -> None:
    """f(z) = 1 / (1 + e^-z). exp overflows to inf for very negative z, giving 0: correct."""
    np.negative(Z, out=Z)  # -z
    np.exp(Z, out=Z)  # e^-z
    Z += 1  # 1 + e^-z
    np.reciprocal(Z, out=Z)  # A = 1 / (1 + e^-z)


def tanh(Z: np.ndarray) -> None:
    """f(z) = tanh(z)."""
    np.tanh(Z, out=Z)


def relu(Z: np.ndarray) -> None:
    """f(z) = max(z, 0)."""
    np.maximum(Z, 0, out=Z)


def leaky_relu(Z: np.ndarray) -> None:
    """f(z) = z for z >= 0, a z below (a = LEAKY_RELU_SLOPE)."""
    # max(z, a*z) equals z for z >= 0 and a*z below, because 0 < a < 1.
    np.maximum(Z, Z * LEAKY_RELU_SLOPE, out=Z)


def softmax(Z: np.ndarray) -> None:
    """Row-wise softmax, shifted by the row max so exp never overflows."""
    Z -= Z.max(axis=1, keepdims=True)  # z - max_j z_j, (batch, k): same softmax, no overflow
    np.exp(Z, out=Z)  # e^z_k
    Z /= Z.sum(axis=1, keepdims=True)  # A_k = e^z_k / sum_j e^z_j


ACTIVATIONS = {
    "identity": identity,
    "sigmoid": sigmoid,
    "tanh": tanh,
    "relu": relu,
    "leaky_relu": leaky_relu,
    "softmax": softmax,
}


def identity_derivative(A: np.ndarray, delta: np.ndarray) -> None:
    """f'(z) = 1."""


# The derivatives below use A as scratch space and leave it overwritten: backprop reads a
# layer's output only for its weight gradient, computed before, so A is dead by then, and
# reusing it saves a temporary as large as the layer on every step.


def sigmoid_derivative(A: np.ndarray, delta: np.ndarray) -> None:
    """f'(z) = a (1 - a)."""
    delta *= A  # delta = dA * a
    np.subtract(1, A, out=A)  # A = 1 - a
    delta *= A  # dZ = dA * a (1 - a)


def tanh_derivative(A: np.ndarray, delta: np.ndarray) -> None:
    """f'(z) = 1 - a^2."""
    np.square(A, out=A)  # A = a^2
    np.subtract(1, A, out=A)  # A = 1 - a^2
    delta *= A  # dZ = dA * (1 - tanh^2(z))


def relu_derivative(A: np.ndarray, delta: np.ndarray) -> None:
    """f'(z) = 1 where a > 0, else 0."""
    np.greater(A, 0, out=A)  # 1.0 / 0.0 in A's dtype: a cheaper multiply than a boolean mask
    delta *= A  # dZ = dA * [z > 0]


def leaky_relu_derivative(A: np.ndarray, delta: np.ndarray) -> None:
    """f'(z) = 1 where a > 0, else the slope (a and z share their sign)."""
    np.greater(A, 0, out=A)  # A = [z > 0], as 1.0 / 0.0
    A *= 1 - LEAKY_RELU_SLOPE
    A += LEAKY_RELU_SLOPE  # A = 1 where z > 0, slope elsewhere
    delta *= A  # dZ = dA * f'(z)


# Softmax has no entry: it is only an output, where its derivative is folded into the
# cross-entropy gradient (delta = P - Y).
DERIVATIVES = {
    "identity": identity_derivative,
    "sigmoid": sigmoid_derivative,
    "tanh": tanh_derivative,
    "relu": relu_derivative,
    "leaky_relu": leaky_relu_derivative,
}

HIDDEN_ACTIVATIONS = tuple(DERIVATIVES)
