"""The training loop: mini-batches, shuffling, validation, early stopping, diagnostics, callback.

`train` works on a `Network` whose parameters are already initialised and on arrays
already preprocessed (scaled X, one-hot or column Y); the estimators do that part.
Buffers are allocated once for the largest batch; the last, smaller batch uses views.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from .exceptions import TrainingDivergedError
from .losses import LOSS_FUNCTIONS
from .network import Dropout, Network, Workspace

# callback(epoch, train_cost, validation_cost) -> truthy to stop training
EpochCallback = Callable[[int, float, float | None], object]

DIAGNOSTIC_ROWS = 1024  # without a validation split, unit statistics come from this many training rows
SATURATED = {"sigmoid": 0.01, "tanh": 0.01}  # a unit's output within this of a bound is saturated
BOUNDS = {"sigmoid": (0.0, 1.0), "tanh": (-1.0, 1.0)}


@dataclass
class Monitor:
    """What early stopping and the best weights watch: a metric of the validation predictions.
    `score(P)` takes the network's output on the validation rows."""

    name: str
    score: Callable[[np.ndarray], float]
    greater_is_better: bool


@dataclass
class EpochStats:
    """Everything measured in one epoch, for observers (the service's history)."""

    epoch: int
    train_cost: float  # train_loss + train_l2
    train_loss: float  # mean data loss of the epoch's batches
    train_l2: float  # mean L2 term of the epoch's batches
    validation_cost: float | None  # data loss on the validation rows (the curve users compare)
    validation_l2: float | None  # the L2 term on the epoch's final weights, at the training batch size
    monitored: float | None  # the monitored metric's value, when it is not the loss
    grad_norms: list[float] | None  # per weight layer, ||dCost/dW|| on the epoch's first batch
    dead_units: list[float] | None  # per ReLU hidden layer: fraction of units that output 0 for every row
    saturation: list[float] | None  # per sigmoid/tanh hidden layer: fraction of outputs near a bound


@dataclass
class TrainingResult:
    train_cost: list[float] = field(default_factory=list)  # per epoch, L2 term included
    validation_cost: list[float] | None = None  # per epoch, data loss only
    best_epoch: int | None = None  # the epoch whose weights were kept, with early stopping or a stop
    stop_reason: str = "max_epochs"  # or "early_stopping", "callback"
    monitor: str = "loss"  # what early stopping and the best epoch were judged on
    best_score: float | None = None  # its value at best_epoch
    epochs: list[EpochStats] = field(default_factory=list)


def data_cost(network: Network, loss: str, X: np.ndarray, Y: np.ndarray) -> float:
    """The loss of the network on (X, Y), without the L2 term."""
    return LOSS_FUNCTIONS[loss](Y, network.predict(X))


def _hidden_outputs(network: Network, X: np.ndarray) -> tuple[np.ndarray, list[np.ndarray]]:
    """(output, hidden layer outputs) of a forward pass without dropout."""
    buffers = [np.empty((X.shape[0], n), dtype=network.dtype) for n in network.sizes[1:]]
    return network.forward(X, buffers), buffers[:-1]


def _unit_statistics(network: Network, hidden: list[np.ndarray]) -> tuple[list[float] | None, list[float] | None]:
    """(dead ReLU fraction per layer, saturated fraction per layer), whichever applies."""
    activation = network.hidden_activation
    if activation == "relu":
        return [float(np.mean(A.max(axis=0) <= 0)) for A in hidden], None
    if activation in SATURATED:
        low, high = BOUNDS[activation]
        margin = SATURATED[activation]
        return None, [float(np.mean((A <= low + margin) | (A >= high - margin))) for A in hidden]
    return None, None


def train(
    network: Network,
    loss: str,
    X: np.ndarray,
    Y: np.ndarray,
    *,
    optimizer,
    schedule,
    epochs: int,
    batch_size: int | None,
    l2: float = 0.0,
    shuffle: bool = True,
    rng: np.random.Generator,
    X_val: np.ndarray | None = None,
    Y_val: np.ndarray | None = None,
    sample_weight: np.ndarray | None = None,
    validation_weight: np.ndarray | None = None,
    dropout: list[float] | None = None,
    early_stopping: bool = False,
    patience: int = 10,
    min_delta: float = 1e-4,
    monitor: Monitor | None = None,
    diagnostics: bool = False,
    callback: EpochCallback | None = None,
    observer: Callable[[EpochStats], None] | None = None,
) -> TrainingResult:
    """Train `network` in place; X (n, n_features), Y (n, n_outputs), both of its dtype.

    `sample_weight` (n,) weighs each row's loss and gradient. `dropout` gives a rate per hidden
    layer. The best weights (lowest validation cost, or training cost without a split, or best
    `monitor` score) are tracked; they are restored after early stopping and after a stop asked by
    the callback, so a cancelled run keeps what it learnt best. `observer` receives each epoch's
    `EpochStats` before `callback` decides whether to stop; `diagnostics` fills their gradient norms
    and unit statistics.
    """
    n = X.shape[0]
    m_full = n if batch_size is None else min(batch_size, n)
    gather = shuffle and m_full < n  # a full batch needs no shuffling: its gradient is the same
    drop = None
    if dropout is not None and any(r > 0 for r in dropout):
        drop = Dropout(dropout, network.sizes[1:-1], m_full, rng, network.dtype)
    work = Workspace(network, m_full, drop)
    if gather:  # every epoch, the rows in a new order: one gather, then contiguous batches
        X_shuffled, Y_shuffled = np.empty_like(X), np.empty_like(Y)
        w_shuffled = None if sample_weight is None else np.empty_like(sample_weight)
    loss_fn = LOSS_FUNCTIONS[loss]
    params = network.params
    starts = range(0, n, m_full)
    probe = X_val if X_val is not None else X[:DIAGNOSTIC_ROWS]

    result = TrainingResult(validation_cost=[] if X_val is not None else None)
    if monitor is not None:
        result.monitor = monitor.name
    sign = -1.0 if monitor is not None and monitor.greater_is_better else 1.0  # compare as "lower is better"
    best, best_params, waited = math.inf, None, 0
    for epoch in range(1, epochs + 1):
        optimizer.learning_rate = schedule.learning_rate(epoch)
        X_epoch, Y_epoch, w_epoch = X, Y, sample_weight
        if gather:
            order = rng.permutation(n)
            # mode="clip": with the default "raise", NumPy buffers `out` (a second full copy of X
            # every epoch). `order` is a permutation, so no index is ever out of range to clip.
            X_epoch = np.take(X, order, axis=0, out=X_shuffled, mode="clip")
            Y_epoch = np.take(Y, order, axis=0, out=Y_shuffled, mode="clip")
            if sample_weight is not None:
                w_epoch = np.take(sample_weight, order, out=w_shuffled, mode="clip")
        total = penalty = 0.0
        grad_norms = None
        for start in starts:
            end = min(start + m_full, n)
            w = None if w_epoch is None else w_epoch[start:end]
            cost = network.cost_and_gradient(loss_fn, X_epoch[start:end], Y_epoch[start:end], l2, work, w)
            if diagnostics and start == 0:  # one full batch an epoch: a norm every batch cost ~2.5 % of a job
                grad_norms = [math.sqrt(float(np.vdot(g, g))) for g in work.grad_weights]
            optimizer.update_params(work.grads)
            total += cost * (end - start)
            penalty += work.penalty * (end - start)
        train_cost = total / n

        stats = EpochStats(epoch, train_cost, (total - penalty) / n, penalty / n, None, None, None, None, None, None)
        hidden = None
        if X_val is not None:
            P_val, hidden = _hidden_outputs(network, X_val)
            stats.validation_cost = LOSS_FUNCTIONS[loss](Y_val, P_val, validation_weight)
            weights = params[: network.n_weights]
            stats.validation_l2 = l2 / (2 * m_full) * float(np.dot(weights, weights)) if l2 else 0.0
            result.validation_cost.append(stats.validation_cost)
            if monitor is not None:
                stats.monitored = monitor.score(P_val)
        result.train_cost.append(train_cost)
        for value in (train_cost, stats.validation_cost):
            if value is not None and not math.isfinite(value):
                raise TrainingDivergedError(epoch, value, optimizer.learning_rate)
        if diagnostics:
            stats.grad_norms = grad_norms
            if hidden is None:
                hidden = _hidden_outputs(network, probe)[1]
            stats.dead_units, stats.saturation = _unit_statistics(network, hidden)
        result.epochs.append(stats)
        if observer is not None:
            observer(stats)

        stop = callback is not None and bool(callback(epoch, train_cost, stats.validation_cost))
        if stats.monitored is not None:
            watched = stats.monitored
        else:
            watched = train_cost if stats.validation_cost is None else stats.validation_cost
        if sign * watched < best - min_delta:
            best, waited, result.best_epoch, result.best_score = sign * watched, 0, epoch, watched
            if best_params is None:
                best_params = params.copy()
            else:
                np.copyto(best_params, params)
        else:
            waited += 1
            if early_stopping and waited >= patience and not stop:
                result.stop_reason = "early_stopping"
                break
        if stop:
            result.stop_reason = "callback"
            break

    if best_params is not None and (early_stopping or result.stop_reason == "callback"):
        params[...] = best_params  # keep the best weights seen, as scikit-learn does
    else:
        result.best_epoch = result.best_score = None  # the last weights are kept
    if not np.isfinite(params).all():
        raise TrainingDivergedError(len(result.train_cost), math.nan, optimizer.learning_rate)
    return result
