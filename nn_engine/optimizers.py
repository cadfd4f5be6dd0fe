"""Gradient-descent optimisers over one flat parameter vector.

An optimiser is bound to its parameters at construction; `update_params(grads)` moves
them in place. All parameters live in one contiguous vector (see `network.py`), so
each update is a handful of whole-vector NumPy operations whatever the depth.
"""

import math

import numpy as np

from .exceptions import InvalidInputError

OPTIMIZERS = ("sgd", "momentum", "nesterov", "adam")


class Optimizer:
    def __init__(self, params: np.ndarray, learning_rate: float):
        self.params = params
        self.learning_rate = learning_rate
        self._tmp = np.empty_like(params)

    def update_params(self, grads: np.ndarray) -> None:
        """Move params one step against grads (same shape as params)."""
        self._update(grads)

    def _update(self, grads: np.ndarray) -> None:
        raise NotImplementedError


class SGD(Optimizer):
    """Plain gradient descent: p -= lr * g."""

    def _update(self, grads: np.ndarray) -> None:
        np.multiply(grads, self.learning_rate, out=self._tmp)
        self.params -= self._tmp


class Momentum(Optimizer):
    """Classical momentum, v = mu v - lr g; p += v. With nesterov, p += mu v - lr g
    (the look-ahead form used by scikit-learn and Sutskever et al. 2013)."""

    def __init__(self, params: np.ndarray, learning_rate: float, momentum: float = 0.9, nesterov: bool = False):
        super().__init__(params, learning_rate)
        self.momentum = momentum
        self.nesterov = nesterov
        self.velocity = np.zeros_like(params)

    def _update(self, grads: np.ndarray) -> None:
        v, tmp = self.velocity, self._tmp
        np.multiply(grads, self.learning_rate, out=tmp)  # lr g
        v *= self.momentum
        v -= tmp
        if self.nesterov:
            tmp *= -1  # -lr g
            self.params += tmp
            np.multiply(v, self.momentum, out=tmp)
        else:
            tmp = v
        self.params += tmp


class Adam(Optimizer):
    """Adam, as in Algorithm 1 of Kingma & Ba (2015): p -= lr m_hat / (sqrt(v_hat) + eps).

    The moments are kept scaled, M = m / (1 - b1) and V = v / (1 - b2), which turns their
    updates into M = b1 M + g and V = b2 V + g^2. With c = sqrt((1 - b2) / (1 - b2^t)),
    sqrt(v_hat) = c sqrt(V), so the step is lr (1 - b1) / ((1 - b1^t) c) * M / (sqrt(V) + eps / c):
    the paper's arithmetic in fewer passes over the vector.
    """

    def __init__(self, params: np.ndarray, learning_rate: float = 0.001, beta_1: float = 0.9, beta_2: float = 0.999, epsilon: float = 1e-8):
        super().__init__(params, learning_rate)
        self.beta_1, self.beta_2, self.epsilon = beta_1, beta_2, epsilon
        self.t = 0
        self.M = np.zeros_like(params)
        self.V = np.zeros_like(params)

    def _update(self, grads: np.ndarray) -> None:
        b1, b2 = self.beta_1, self.beta_2
        self.t += 1
        c = math.sqrt((1 - b2) / (1 - b2**self.t))
        step = self.learning_rate * (1 - b1) / ((1 - b1**self.t) * c)
        M, V, tmp = self.M, self.V, self._tmp
        M *= b1
        M += grads
        np.multiply(grads, grads, out=tmp)
        V *= b2
        V += tmp
        np.sqrt(V, out=tmp)
        tmp += self.epsilon / c
        np.divide(M, tmp, out=tmp)
        tmp *= step
        self.params -= tmp


def make_optimizer(name: str, params: np.ndarray, *, learning_rate: float, momentum: float, beta_1: float, beta_2: float, epsilon: float) -> Optimizer:
    if name == "sgd":
        return SGD(params, learning_rate)
    if name in ("momentum", "nesterov"):
        return Momentum(params, learning_rate, momentum, nesterov=name == "nesterov")
    if name == "adam":
        return Adam(params, learning_rate, beta_1, beta_2, epsilon)
    raise InvalidInputError(f"unknown optimizer {name!r}; choose one of {', '.join(OPTIMIZERS)}")
