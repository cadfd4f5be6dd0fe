"""Random weight initialisation.

Weights must start random: with equal weights every hidden unit computes the same
function, receives the same gradient, and stays a copy of its neighbours forever.
Xavier/Glorot keeps the variance of activations steady for sigmoid and tanh; He
doubles it to make up for ReLU zeroing half its inputs. Biases start at zero.
"""

import numpy as np

from .exceptions import InvalidInputError

INITIALIZERS = (
    "xavier_uniform",
    "xavier_normal",
    "glorot_uniform",
    "glorot_normal",
    "he_uniform",
    "he_normal",
)

ZERO_INIT_MESSAGE = (
    "init={init!r} is refused: with equal initial weights every hidden unit computes the "
    "same output and receives the same gradient, so the units never differentiate and the "
    "network learns no more than one unit would. Use 'auto' (Xavier for sigmoid/tanh, He "
    "for ReLU) or one of {choices}."
)


def default_initializer(activation: str) -> str:
    """He for the ReLU family, Xavier/Glorot otherwise."""
    return "he_uniform" if activation in ("relu", "leaky_relu") else "xavier_uniform"


def init_weights(W: np.ndarray, method: str, rng: np.random.Generator) -> None:
    """Fill W (fan_in, fan_out) in place with draws from `method`'s distribution."""
    fan_in, fan_out = W.shape
    family, _, distribution = method.partition("_")
    if family in ("xavier", "glorot"):
        variance = 2.0 / (fan_in + fan_out)
    elif family == "he":
        variance = 2.0 / fan_in
    else:
        raise InvalidInputError(f"unknown initializer {method!r}; choose one of {', '.join(INITIALIZERS)}")
    if distribution == "uniform":
        limit = np.sqrt(3.0 * variance)  # U(-l, l) has variance l^2 / 3
        W[...] = rng.uniform(-limit, limit, size=W.shape)
    else:
        W[...] = rng.normal(0.0, np.sqrt(variance), size=W.shape)
