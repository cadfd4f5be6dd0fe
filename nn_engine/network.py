"""A feed-forward network: its parameters, forward propagation and backpropagation.

All weights and biases live in one flat vector `params` (weights of every layer first,
then every bias), and `weights[i]` / `biases[i]` are views into it. The optimiser then
updates everything in a few whole-vector operations, and L2 touches `params[:n_weights]`
only, so biases are never penalised. Gradients use the same layout in `grads`.

Shapes: layer i maps (batch, sizes[i]) to (batch, sizes[i + 1]); W_i is (sizes[i], sizes[i + 1]).
"""

from typing import Protocol

import numpy as np
import numpy.typing as npt

from .activations import ACTIVATIONS, DERIVATIVES


class LossFunction(Protocol):
    """(Y, P[, per-row weights]) -> mean cost of the batch, as in `losses.py`."""

    def __call__(self, Y: np.ndarray, P: np.ndarray, weights: np.ndarray | None = None, /) -> float: ...


def _views(flat: np.ndarray, sizes: list[int]) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """Split a flat vector into weight matrices followed by bias vectors."""
    shapes = list(zip(sizes[:-1], sizes[1:], strict=True))
    weights, offset = [], 0
    for fan_in, fan_out in shapes:
        weights.append(flat[offset : offset + fan_in * fan_out].reshape(fan_in, fan_out))
        offset += fan_in * fan_out
    biases = []
    for _, fan_out in shapes:
        biases.append(flat[offset : offset + fan_out])
        offset += fan_out
    assert offset == flat.size
    return weights, biases


class Network:
    def __init__(
        self, sizes: list[int], hidden_activation: str, output_activation: str, dtype: npt.DTypeLike = np.float64
    ):
        self.sizes = list(sizes)
        self.hidden_activation = hidden_activation
        self.output_activation = output_activation
        self.dtype = np.dtype(dtype)
        self.n_weights = sum(a * b for a, b in zip(sizes[:-1], sizes[1:], strict=True))
        self.n_params = self.n_weights + sum(sizes[1:])
        self.params = np.zeros(self.n_params, dtype=self.dtype)
        self.weights, self.biases = _views(self.params, self.sizes)

    @property
    def n_layers(self) -> int:
        """Number of weight layers (hidden layers + the output layer)."""
        return len(self.sizes) - 1

    def forward(self, X: np.ndarray, activations: list[np.ndarray], dropout: "Dropout | None" = None) -> np.ndarray:
        """Fill activations[i] (batch, sizes[i + 1]) with each layer's output; return the last.

        `activations` are preallocated buffers with as many rows as X. With `dropout` (training
        only), each hidden layer's output is multiplied by that layer's fresh mask.
        """
        hidden, output = ACTIVATIONS[self.hidden_activation], ACTIVATIONS[self.output_activation]
        last = self.n_layers - 1
        A = X
        for i, (W, b, Z) in enumerate(zip(self.weights, self.biases, activations, strict=True)):
            np.matmul(A, W, out=Z)  # (batch, fan_out)
            Z += b  # Z = A_prev W + b, b broadcast over the rows
            (output if i == last else hidden)(Z)  # A = f(Z), in place: Z now holds A
            if dropout is not None and i < last:
                dropout.apply(i, Z)
            A = Z
        return A

    def predict(self, X: np.ndarray) -> np.ndarray:
        """Forward pass with freshly allocated buffers: the output (n, sizes[-1])."""
        buffers = [np.empty((X.shape[0], n), dtype=self.dtype) for n in self.sizes[1:]]
        return self.forward(X, buffers)

    def backward(
        self,
        X: np.ndarray,
        activations: list[np.ndarray],
        deltas: list[np.ndarray],
        grad_weights: list[np.ndarray],
        grad_biases: list[np.ndarray],
        ones: np.ndarray,
        dropout: "Dropout | None" = None,
    ) -> None:
        """Backpropagate deltas[-1] = dCost/dZ_out (batch, sizes[-1]) into parameter gradients.

        The chain rule, layer by layer from the output: dW_i = A_{i-1}^T delta_i,
        db_i = sum over rows of delta_i, delta_{i-1} = (delta_i W_i^T) * f'(A_{i-1}).
        No delta is computed for the input layer: nothing learns from it. The hidden
        activations are left overwritten (the derivatives use them as scratch).
        `ones` is a (batch,) vector of ones: ones @ delta sums rows through BLAS.
        With `dropout`, a dropped unit passes no gradient back and a kept one its scaled share.
        """
        derivative = DERIVATIVES[self.hidden_activation]
        for i in range(self.n_layers - 1, -1, -1):
            A_prev = X if i == 0 else activations[i - 1]
            np.matmul(A_prev.T, deltas[i], out=grad_weights[i])  # dW = A_prev^T delta, (fan_in, fan_out)
            np.matmul(ones, deltas[i], out=grad_biases[i])  # db = sum over rows of delta, (fan_out,)
            if i > 0:
                np.matmul(deltas[i], self.weights[i].T, out=deltas[i - 1])  # dA_prev = delta W^T, (batch, fan_in)
                if dropout is not None:
                    dropout.backward(i - 1, A_prev, deltas[i - 1])
                # delta_prev = dA_prev * f'(Z_prev); overwrites A_prev: not read again
                derivative(A_prev, deltas[i - 1])

    def cost_and_gradient(
        self,
        loss: LossFunction,
        X: np.ndarray,
        Y: np.ndarray,
        l2: float,
        work: "Workspace",
        sample_weight: np.ndarray | None = None,
    ) -> float:
        """The cost of (X, Y) including the L2 term; leaves its gradient in `work.grads` and the
        L2 term alone in `work.penalty`.

        Every output/loss pair here (sigmoid + binary cross-entropy, softmax + categorical
        cross-entropy, identity + squared error) has dCost/dZ_out = (A_out - Y) / m; with
        per-row weights w (batch,), w_i (A_out - Y)_i / m.
        """
        m = X.shape[0]
        activations, deltas, ones = work.sized(m)
        dropout = work.dropout
        if dropout is not None:
            dropout.draw(m)
        P = self.forward(X, activations, dropout)  # (m, n_outputs)
        cost = loss(Y, P) if sample_weight is None else loss(Y, P, sample_weight)
        np.subtract(P, Y, out=deltas[-1])  # (m, n_outputs) P - Y
        deltas[-1] *= 1.0 / m  # dCost/dZ_out = (P - Y) / m
        if sample_weight is not None:
            deltas[-1] *= sample_weight[:, None]  # w_i (P - Y)_i / m
        self.backward(X, activations, deltas, work.grad_weights, work.grad_biases, ones, dropout)
        work.penalty = 0.0
        if l2:
            # cost += l2 / 2m * sum(W^2); dCost/dW += l2 / m * W. Biases are not penalised.
            weights = self.params[: self.n_weights]
            np.multiply(weights, l2 / m, out=work.l2_grad)  # l2 / m * W
            work.penalty = 0.5 * float(np.dot(work.l2_grad, weights))  # 1/2 (l2 / m) sum W^2 = l2 / 2m * sum W^2
            cost += work.penalty
            work.grads[: self.n_weights] += work.l2_grad  # dW += l2 / m * W
        return cost


class Dropout:
    """Inverted dropout on hidden layers: each unit of layer i is kept with probability 1 - rate_i
    and, when kept, scaled by 1 / (1 - rate_i), so a layer's expected output is unchanged and
    prediction needs no dropout at all. Masks are drawn per batch from the training's generator
    (same seed, same masks)."""

    def __init__(
        self, rates: list[float], widths: list[int], rows: int, rng: np.random.Generator, dtype: npt.DTypeLike
    ):
        self.rates, self.rng = list(rates), rng
        # masks[i] is None for a layer without dropout
        self.masks: list[np.ndarray | None] = [
            np.empty((rows, w), dtype) if r > 0 else None for r, w in zip(self.rates, widths, strict=True)
        ]
        self._m = rows

    def draw(self, m: int) -> None:
        """New masks for a batch of m rows: 1 / (1 - rate) where kept, 0 where dropped."""
        self._m = m
        for rate, mask in zip(self.rates, self.masks, strict=True):
            if mask is not None:
                batch = mask[:m]
                self.rng.random(out=batch, dtype=batch.dtype)  # u ~ U[0, 1)
                np.greater_equal(batch, rate, out=batch)  # keep = [u >= rate], as 1.0 / 0.0
                batch *= 1.0 / (1.0 - rate)  # mask = keep / (1 - rate)

    def apply(self, layer: int, A: np.ndarray) -> None:
        mask = self.masks[layer]
        if mask is not None:
            A *= mask[: self._m]  # A = f(z) * mask: 0 where dropped, f(z) / (1 - rate) where kept

    def backward(self, layer: int, A: np.ndarray, delta: np.ndarray) -> None:
        """delta *= mask, and A back to f(z) for the activation's derivative (dropped units
        become 0, where delta is 0 anyway)."""
        mask = self.masks[layer]
        if mask is not None:
            delta *= mask[: self._m]  # d(A * mask) / dA = mask
            A *= 1.0 - self.rates[layer]  # A * mask * (1 - rate) = f(z) where kept, 0 where dropped


class Workspace:
    """Preallocated buffers for forward and backward passes over up to `rows` rows.

    Smaller batches (the last of an epoch) use views of the same buffers, cached by size.
    """

    def __init__(self, network: Network, rows: int, dropout: Dropout | None = None):
        dtype = network.dtype
        self.dropout = dropout
        self.penalty = 0.0  # the L2 term of the last cost_and_gradient
        self.activations = [np.empty((rows, n), dtype) for n in network.sizes[1:]]
        self.deltas = [np.empty((rows, n), dtype) for n in network.sizes[1:]]
        self.ones = np.ones(rows, dtype)
        self.grads = np.zeros(network.n_params, dtype)  # same layout as network.params
        self.grad_weights, self.grad_biases = _views(self.grads, network.sizes)
        self.l2_grad = np.empty(network.n_weights, dtype)
        self._sized: dict[int, tuple[list[np.ndarray], list[np.ndarray], np.ndarray]] = {}

    def sized(self, m: int) -> tuple[list[np.ndarray], list[np.ndarray], np.ndarray]:
        """(activations, deltas, ones) for a batch of m rows."""
        if m not in self._sized:
            self._sized[m] = ([a[:m] for a in self.activations], [d[:m] for d in self.deltas], self.ones[:m])
        return self._sized[m]
