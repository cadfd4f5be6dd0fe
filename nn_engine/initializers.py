"""Random weight initialisation.

Weights must start random: with equal weights every hidden unit computes the same
function, receives the same gradient, and stays a copy of its neighbours forever.
Xavier/Glorot keeps the variance of activations steady for sigmoid and tanh; He
doubles it to make up for ReLU zeroing half its inputs. Biases start at zero.
"""

from collections.abc import Callable

import numpy as np

from .exceptions import InvalidInputError

ZERO_INIT_MESSAGE = (
    "init={init!r} is refused: with equal initial weights every hidden unit computes the "
    "same output and receives the same gradient, so the units never differentiate and the "
    "network learns no more than one unit would. Use 'auto' (Xavier for sigmoid/tanh, He "
    "for ReLU) or one of {choices}."
)


def default_initializer(activation: str) -> str:
    """He for the ReLU family, Xavier/Glorot otherwise."""
    return "he_uniform" if activation in ("relu", "leaky_relu") else "xavier_uniform"


def _xavier_variance(fan_in: int, fan_out: int) -> float:
    """Var(W) = 2 / (fan_in + fan_out) (Glorot & Bengio 2010)."""
    return 2.0 / (fan_in + fan_out)


def _he_variance(fan_in: int, fan_out: int) -> float:
    """Var(W) = 2 / fan_in (He et al. 2015)."""
    return 2.0 / fan_in


def _fill_uniform(W: np.ndarray, variance: float, rng: np.random.Generator) -> None:
    limit = np.sqrt(3.0 * variance)  # U(-l, l) has variance l^2 / 3
    W[...] = rng.uniform(-limit, limit, size=W.shape)


def _fill_normal(W: np.ndarray, variance: float, rng: np.random.Generator) -> None:
    W[...] = rng.normal(0.0, np.sqrt(variance), size=W.shape)


def xavier_uniform(W: np.ndarray, rng: np.random.Generator) -> None:
    _fill_uniform(W, _xavier_variance(*W.shape), rng)


def xavier_normal(W: np.ndarray, rng: np.random.Generator) -> None:
    _fill_normal(W, _xavier_variance(*W.shape), rng)


def he_uniform(W: np.ndarray, rng: np.random.Generator) -> None:
    _fill_uniform(W, _he_variance(*W.shape), rng)


def he_normal(W: np.ndarray, rng: np.random.Generator) -> None:
    _fill_normal(W, _he_variance(*W.shape), rng)


# name -> function filling W (fan_in, fan_out) in place. Glorot is Xavier's other name.
INITIALIZERS: dict[str, Callable[[np.ndarray, np.random.Generator], None]] = {
    "xavier_uniform": xavier_uniform,
    "xavier_normal": xavier_normal,
    "glorot_uniform": xavier_uniform,
    "glorot_normal": xavier_normal,
    "he_uniform": he_uniform,
    "he_normal": he_normal,
}


def init_weights(W: np.ndarray, method: str, rng: np.random.Generator) -> None:
    """Fill W (fan_in, fan_out) in place with draws from `method`'s distribution."""
    if method not in INITIALIZERS:
        raise InvalidInputError(f"unknown initializer {method!r}; choose one of {', '.join(INITIALIZERS)}")
    INITIALIZERS[method](W, rng)
