"""Gradient-descent optimisers over one flat parameter vector, in a name-keyed table.

An optimiser is bound to its parameters at construction; `update_params(grads)` moves
them in place (scikit-learn's `_stochastic_optimizers.py` habit). All parameters live in
one contiguous vector (see `network.py`), so each update is a handful of whole-vector
NumPy operations whatever the depth. `OPTIMIZERS` maps each accepted name to its class;
`make_optimizer` builds one by name from a superset of settings.
"""

import inspect
import math
from typing import Any

import numpy as np

from .exceptions import InvalidInputError


class Optimizer:
    """Base class: holds the bound params (n_params,) and a scratch vector of the same shape."""

    def __init__(self, params: np.ndarray, learning_rate: float):
        self.params = params  # (n_params,), updated in place
        self.learning_rate = learning_rate  # the schedule resets it every epoch
        self._tmp = np.empty_like(params)  # (n_params,) scratch, so an update allocates nothing

    def update_params(self, grads: np.ndarray) -> None:
        """Move params one step against grads (same shape as params)."""
        self._update(grads)

    def _update(self, grads: np.ndarray) -> None:
        raise NotImplementedError


class SGD(Optimizer):
    """Plain gradient descent: p -= lr * g."""

    def _update(self, grads: np.ndarray) -> None:
        np.multiply(grads, self.learning_rate, out=self._tmp)  # tmp = lr g
        self.params -= self._tmp  # p = p - lr g


class Momentum(Optimizer):
    """Classical momentum: v = mu v - lr g; p += v."""

    def __init__(self, params: np.ndarray, learning_rate: float, momentum: float = 0.9):
        super().__init__(params, learning_rate)
        self.momentum = momentum
        self.velocity = np.zeros_like(params)  # (n_params,) v, starts at 0

    def _velocity_step(self, grads: np.ndarray) -> np.ndarray:
        """v = mu v - lr g, in place; returns the scratch vector holding lr g."""
        v, tmp = self.velocity, self._tmp
        np.multiply(grads, self.learning_rate, out=tmp)  # tmp = lr g
        v *= self.momentum  # v = mu v
        v -= tmp  # v = mu v - lr g
        return tmp

    def _update(self, grads: np.ndarray) -> None:
        self._velocity_step(grads)
        self.params += self.velocity  # p = p + v


class Nesterov(Momentum):
    """Nesterov momentum in its look-ahead form (scikit-learn's, Sutskever et al. 2013):
    v = mu v - lr g; p += mu v - lr g."""

    def _update(self, grads: np.ndarray) -> None:
        tmp = self._velocity_step(grads)  # tmp = lr g
        tmp *= -1  # tmp = -lr g
        self.params += tmp  # p = p - lr g
        np.multiply(self.velocity, self.momentum, out=tmp)  # tmp = mu v
        self.params += tmp  # p = p - lr g + mu v


class Adam(Optimizer):
    """Adam, as in Algorithm 1 of Kingma & Ba (2015):

        m = b1 m + (1 - b1) g            v = b2 v + (1 - b2) g^2
        m_hat = m / (1 - b1^t)           v_hat = v / (1 - b2^t)
        p = p - lr m_hat / (sqrt(v_hat) + eps)

    The moments are kept scaled, M = m / (1 - b1) and V = v / (1 - b2), which turns their
    updates into M = b1 M + g and V = b2 V + g^2. With c = sqrt((1 - b2) / (1 - b2^t)),
    sqrt(v_hat) = c sqrt(V), so the step is lr (1 - b1) / ((1 - b1^t) c) * M / (sqrt(V) + eps / c):
    the paper's arithmetic in fewer passes over the vector.
    """

    def __init__(
        self,
        params: np.ndarray,
        learning_rate: float = 0.001,
        beta_1: float = 0.9,
        beta_2: float = 0.999,
        epsilon: float = 1e-8,
    ):
        super().__init__(params, learning_rate)
        self.beta_1, self.beta_2, self.epsilon = beta_1, beta_2, epsilon
        self.t = 0  # steps taken
        self.M = np.zeros_like(params)  # (n_params,) m / (1 - b1)
        self.V = np.zeros_like(params)  # (n_params,) v / (1 - b2)

    def _update(self, grads: np.ndarray) -> None:
        b1, b2 = self.beta_1, self.beta_2
        self.t += 1
        c = math.sqrt((1 - b2) / (1 - b2**self.t))  # sqrt(v_hat) = c sqrt(V)
        step = self.learning_rate * (1 - b1) / ((1 - b1**self.t) * c)  # lr m_hat / sqrt(v_hat) = step M / sqrt(V)
        M, V, tmp = self.M, self.V, self._tmp
        M *= b1
        M += grads  # M = b1 M + g, i.e. m = b1 m + (1 - b1) g
        np.multiply(grads, grads, out=tmp)  # tmp = g^2
        V *= b2
        V += tmp  # V = b2 V + g^2, i.e. v = b2 v + (1 - b2) g^2
        np.sqrt(V, out=tmp)
        tmp += self.epsilon / c  # tmp = sqrt(V) + eps / c = (sqrt(v_hat) + eps) / c
        np.divide(M, tmp, out=tmp)
        tmp *= step  # tmp = lr m_hat / (sqrt(v_hat) + eps)
        self.params -= tmp  # p = p - lr m_hat / (sqrt(v_hat) + eps)


OPTIMIZERS: dict[str, type[Optimizer]] = {
    "sgd": SGD,
    "momentum": Momentum,
    "nesterov": Nesterov,
    "adam": Adam,
}


def optimizer_options(name: str) -> tuple[str, ...]:
    """The settings the optimiser `name` takes besides its params, e.g. ("learning_rate", "momentum")."""
    parameters = inspect.signature(OPTIMIZERS[name].__init__).parameters
    return tuple(p for p in parameters if p not in ("self", "params"))


def make_optimizer(name: str, params: np.ndarray, **options: Any) -> Optimizer:
    """The optimiser `name` bound to `params`, given those of `options` its class takes.

    `options` may hold settings for every optimiser (learning_rate, momentum, beta_1, ...): the
    ones the chosen class does not take are ignored. An unknown name raises InvalidInputError.
    """
    if name not in OPTIMIZERS:
        raise InvalidInputError(f"unknown optimizer {name!r}; choose one of {', '.join(OPTIMIZERS)}")
    accepted = optimizer_options(name)
    return OPTIMIZERS[name](params, **{k: v for k, v in options.items() if k in accepted})
