"""The training loop: mini-batches, shuffling, validation, early stopping, callback.

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
from .network import Network, Workspace
from .optimizers import Optimizer
from .schedules import LearningRateSchedule

# callback(epoch, train_cost, validation_cost) -> truthy to stop training
EpochCallback = Callable[[int, float, float | None], object]


@dataclass
class TrainingResult:
    train_cost: list[float] = field(default_factory=list)  # per epoch, L2 term included
    validation_cost: list[float] | None = None  # per epoch, data loss only
    best_epoch: int | None = None  # the epoch whose weights were kept, with early stopping
    stop_reason: str = "max_epochs"  # or "early_stopping", "callback"


def data_cost(network: Network, loss: str, X: np.ndarray, Y: np.ndarray) -> float:
    """The loss of the network on (X, Y), without the L2 term."""
    return LOSS_FUNCTIONS[loss](Y, network.predict(X))


def train(
    network: Network,
    loss: str,
    X: np.ndarray,
    Y: np.ndarray,
    *,
    optimizer: Optimizer,
    schedule: LearningRateSchedule,
    epochs: int,
    batch_size: int | None,
    l2: float = 0.0,
    shuffle: bool = True,
    rng: np.random.Generator,
    X_val: np.ndarray | None = None,
    Y_val: np.ndarray | None = None,
    early_stopping: bool = False,
    patience: int = 10,
    min_delta: float = 1e-4,
    callback: EpochCallback | None = None,
) -> TrainingResult:
    """Train `network` in place; X (n, n_features), Y (n, n_outputs), both of its dtype."""
    n = X.shape[0]
    m_full = n if batch_size is None else min(batch_size, n)
    gather = shuffle and m_full < n  # a full batch needs no shuffling: its gradient is the same
    work = Workspace(network, m_full)
    if gather:  # every epoch, the rows in a new order: one gather, then contiguous batches
        X_shuffled, Y_shuffled = np.empty_like(X), np.empty_like(Y)
    loss_fn = LOSS_FUNCTIONS[loss]
    params = network.params
    starts = range(0, n, m_full)

    result = TrainingResult(validation_cost=[] if X_val is not None else None)
    best_cost, best_params, waited = math.inf, None, 0
    for epoch in range(1, epochs + 1):
        optimizer.learning_rate = schedule.learning_rate(epoch)
        X_epoch, Y_epoch = X, Y
        if gather:
            order = rng.permutation(n)
            # mode="clip": with the default "raise", NumPy buffers `out` (a second full copy of X
            # every epoch). `order` is a permutation, so no index is ever out of range to clip.
            X_epoch = np.take(X, order, axis=0, out=X_shuffled, mode="clip")
            Y_epoch = np.take(Y, order, axis=0, out=Y_shuffled, mode="clip")
        total = 0.0
        for start in starts:
            end = min(start + m_full, n)
            cost = network.cost_and_gradient(loss_fn, X_epoch[start:end], Y_epoch[start:end], l2, work)
            optimizer.update_params(work.grads)
            total += cost * (end - start)
        train_cost = total / n

        validation_cost = None
        if X_val is not None:
            validation_cost = data_cost(network, loss, X_val, Y_val)
            result.validation_cost.append(validation_cost)
        result.train_cost.append(train_cost)
        for value in (train_cost, validation_cost):
            if value is not None and not math.isfinite(value):
                raise TrainingDivergedError(epoch, value, optimizer.learning_rate)

        stop = callback is not None and bool(callback(epoch, train_cost, validation_cost))
        if early_stopping:
            monitored = train_cost if validation_cost is None else validation_cost
            if monitored < best_cost - min_delta:
                best_cost, waited, result.best_epoch = monitored, 0, epoch
                if best_params is None:
                    best_params = params.copy()
                else:
                    np.copyto(best_params, params)
            else:
                waited += 1
                if waited >= patience and not stop:
                    result.stop_reason = "early_stopping"
                    break
        if stop:
            result.stop_reason = "callback"
            break

    if best_params is not None:
        params[...] = best_params  # keep the best weights seen, as scikit-learn does
    if not np.isfinite(params).all():
        raise TrainingDivergedError(len(result.train_cost), math.nan, optimizer.learning_rate)
    return result
