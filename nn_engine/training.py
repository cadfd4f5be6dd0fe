"""The training loop: mini-batches, shuffling, validation, early stopping, diagnostics, callback.

`train` works on a `Network` whose parameters are already initialised and on arrays
already preprocessed (scaled X, one-hot or column Y); the estimators do that part.
Buffers are allocated once for the largest batch; the last, smaller batch uses views.
"""

import math
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import numpy as np

from .exceptions import TrainingDivergedError
from .losses import LOSS_FUNCTIONS
from .network import Dropout, LossFunction, Network, Workspace
from .optimizers import Optimizer
from .schedules import LearningRateSchedule

# callback(epoch, train_cost, validation_cost) -> truthy to stop training
EpochCallback = Callable[[int, float, float | None], object]

DIAGNOSTIC_ROWS = 1024  # without a validation split, unit statistics come from this many training rows
SATURATED = {"sigmoid": 0.01, "tanh": 0.01}  # a unit's output within this of a bound is saturated
BOUNDS = {"sigmoid": (0.0, 1.0), "tanh": (-1.0, 1.0)}

# A run has diverged, though its numbers are still finite, past either bound: it fails, keeping no
# weights, rather than end with a useless model. These are the engine's only bounds of a stable run.
MAX_COST_GROWTH = 1e6  # an epoch's training cost over this many times the first epoch's
MIN_REFERENCE_COST = 1e-6  # the first epoch's cost counts as at least this: from a perfect fit, noise is no growth
MAX_ABS_PARAM = 1e10  # a weight or bias beyond +-this: H2O-3's bound of an unstable run


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


@dataclass
class TrainConfig:
    """The options of one training run (what `train` takes besides its arrays and objects)."""

    epochs: int  # passes over the training rows
    batch_size: int | None  # rows per gradient step; None: full batch
    l2: float = 0.0  # lambda of the penalty lambda / 2m * sum(W^2), biases excluded
    shuffle: bool = True  # reshuffle the rows every epoch
    dropout: list[float] | None = None  # a rate per hidden layer; None or all 0: no dropout
    early_stopping: bool = False  # stop after `patience` epochs without improvement, keep the best weights
    patience: int = 10  # epochs without improvement before stopping
    min_delta: float = 1e-4  # smallest improvement of the watched value that counts
    diagnostics: bool = False  # fill EpochStats' gradient norms and unit statistics


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
    and unit statistics. The options are those of `TrainConfig`; `run_training` takes one.
    """
    config = TrainConfig(epochs, batch_size, l2, shuffle, dropout, early_stopping, patience, min_delta, diagnostics)
    validation = None if X_val is None or Y_val is None else _Rows(X_val, Y_val, validation_weight)
    rows = _Rows(X, Y, sample_weight)
    return run_training(network, loss, rows, config, optimizer, schedule, rng, validation, monitor, callback, observer)


@dataclass
class _Rows:
    """Rows to learn from: X (n, n_features), Y (n, n_outputs), per-row weights (n,) or None."""

    X: np.ndarray
    Y: np.ndarray
    weight: np.ndarray | None = None


def run_training(
    network: Network,
    loss: str,
    rows: _Rows,
    config: TrainConfig,
    optimizer: Optimizer,
    schedule: LearningRateSchedule,
    rng: np.random.Generator,
    validation: _Rows | None = None,
    monitor: Monitor | None = None,
    callback: EpochCallback | None = None,
    observer: Callable[[EpochStats], None] | None = None,
) -> TrainingResult:
    """`train`'s loop, its options in one `TrainConfig` and its rows in `_Rows`: epoch after epoch,
    a pass over the batches, the validation, the checks, then the decision to go on."""
    n = rows.X.shape[0]
    m_full = n if config.batch_size is None else min(config.batch_size, n)  # rows of a full batch
    batches = _Batches(rows, m_full, shuffle=config.shuffle and m_full < n)
    work = Workspace(network, m_full, _make_dropout(network, config.dropout, m_full, rng))
    result = TrainingResult(validation_cost=[] if validation is not None else None)
    if monitor is not None:
        result.monitor = monitor.name
    best = _BestWeights(network.params, monitor is not None and monitor.greater_is_better, config.min_delta)
    for epoch in range(1, config.epochs + 1):
        optimizer.learning_rate = schedule.learning_rate(epoch)
        stats = _run_epoch(network, LOSS_FUNCTIONS[loss], batches.epoch(rng), config, optimizer, work, epoch)
        hidden = None
        if validation is not None:
            hidden = _validate(network, loss, validation, monitor, config.l2, m_full, stats, result)
        result.train_cost.append(stats.train_cost)
        _check_finite(stats, optimizer.learning_rate)
        if config.diagnostics:
            _add_unit_statistics(network, rows.X if validation is None else validation.X, hidden, stats)
        result.epochs.append(stats)
        if observer is not None:
            observer(stats)
        stop = callback is not None and bool(callback(epoch, stats.train_cost, stats.validation_cost))
        # after observer and callback: an epoch past a bound, still finite, is in the history and the progress
        _check_bounds(stats, result.train_cost[0], network.params, optimizer.learning_rate)
        if best.update(_watched(stats)):
            result.best_epoch, result.best_score = epoch, _watched(stats)
        elif config.early_stopping and best.waited >= config.patience and not stop:
            result.stop_reason = "early_stopping"
            break
        if stop:
            result.stop_reason = "callback"
            break
    return _finish(network, best, config, result, optimizer.learning_rate)


def _make_dropout(network: Network, rates: list[float] | None, rows: int, rng: np.random.Generator) -> Dropout | None:
    """A Dropout over the hidden layers, or None when no rate is above 0."""
    if rates is None or not any(r > 0 for r in rates):
        return None
    return Dropout(rates, network.sizes[1:-1], rows, rng, network.dtype)


class _Batches:
    """The epoch's rows, in a new order each epoch when shuffling, cut into batches of m_full rows."""

    def __init__(self, rows: _Rows, m_full: int, shuffle: bool):
        self.rows, self.m_full, self.shuffle = rows, m_full, shuffle  # a full batch needs no shuffling
        self.n = rows.X.shape[0]
        if shuffle:  # every epoch, one gather into these, then contiguous batches
            w = rows.weight
            self._shuffled = _Rows(
                np.empty_like(rows.X), np.empty_like(rows.Y), None if w is None else np.empty_like(w)
            )

    def epoch(self, rng: np.random.Generator) -> "_Batches":
        """Draw this epoch's order (when shuffling); then iterate the batches."""
        if self.shuffle:
            order = rng.permutation(self.n)
            # mode="clip": with the default "raise", NumPy buffers `out` (a second full copy of X
            # every epoch). `order` is a permutation, so no index is ever out of range to clip.
            rows, into = self.rows, self._shuffled
            np.take(rows.X, order, axis=0, out=into.X, mode="clip")
            np.take(rows.Y, order, axis=0, out=into.Y, mode="clip")
            if rows.weight is not None and into.weight is not None:
                np.take(rows.weight, order, out=into.weight, mode="clip")
        return self

    def __iter__(self) -> Iterator[tuple[np.ndarray, np.ndarray, np.ndarray | None]]:
        """Views of each batch: X (m, n_features), Y (m, n_outputs), weights (m,) or None."""
        rows = self._shuffled if self.shuffle else self.rows
        X, Y, weight, m_full = rows.X, rows.Y, rows.weight, self.m_full
        for start in range(0, self.n, m_full):
            end = start + m_full  # a slice past the end stops at it
            yield X[start:end], Y[start:end], None if weight is None else weight[start:end]


def _run_epoch(
    network: Network,
    loss_fn: LossFunction,
    batches: _Batches,
    config: TrainConfig,
    optimizer: Optimizer,
    work: Workspace,
    epoch: int,
) -> EpochStats:
    """One pass over the batches, a gradient step each; the epoch's mean cost, loss and L2 term."""
    total = penalty = 0.0  # summed over rows: cost x rows of each batch
    grad_norms = None
    l2, diagnostics = config.l2, config.diagnostics
    for X, Y, weight in batches:
        m = X.shape[0]
        cost = network.cost_and_gradient(loss_fn, X, Y, l2, work, weight)
        if diagnostics and grad_norms is None:  # one full batch an epoch: a norm every batch cost ~2.5 % of a job
            grad_norms = [math.sqrt(float(np.vdot(g, g))) for g in work.grad_weights]  # ||dCost/dW_i||
        optimizer.update_params(work.grads)
        total += cost * m
        penalty += work.penalty * m
    n = batches.n
    stats = EpochStats(epoch, total / n, (total - penalty) / n, penalty / n, None, None, None, None, None, None)
    stats.grad_norms = grad_norms
    return stats


def _validate(
    network: Network,
    loss: str,
    validation: _Rows,
    monitor: Monitor | None,
    l2: float,
    m_full: int,
    stats: EpochStats,
    result: TrainingResult,
) -> list[np.ndarray]:
    """Fill the epoch's validation cost, L2 term and monitored metric; return the hidden outputs."""
    P_val, hidden = _hidden_outputs(network, validation.X)  # (n_val, n_outputs)
    stats.validation_cost = LOSS_FUNCTIONS[loss](validation.Y, P_val, validation.weight)
    weights = network.params[: network.n_weights]
    stats.validation_l2 = l2 / (2 * m_full) * float(np.dot(weights, weights)) if l2 else 0.0  # l2 / 2m * sum(W^2)
    if result.validation_cost is not None:
        result.validation_cost.append(stats.validation_cost)
    if monitor is not None:
        stats.monitored = monitor.score(P_val)
    return hidden


def _check_finite(stats: EpochStats, learning_rate: float) -> None:
    """Raise TrainingDivergedError when the epoch's training or validation cost is NaN or infinite."""
    for value in (stats.train_cost, stats.validation_cost):
        if value is not None and not math.isfinite(value):
            raise TrainingDivergedError(stats.epoch, value, learning_rate)


def _check_bounds(stats: EpochStats, first_cost: float, params: np.ndarray, learning_rate: float) -> None:
    """Raise TrainingDivergedError when the epoch's training cost grew past MAX_COST_GROWTH times the
    first epoch's, or a parameter left +-MAX_ABS_PARAM."""
    reference = max(first_cost, MIN_REFERENCE_COST)
    if stats.train_cost > MAX_COST_GROWTH * reference:
        reason = (
            f"the cost grew to {stats.train_cost:.3g}, over {MAX_COST_GROWTH:g} times the first epoch's "
            f"({first_cost:.3g})"
        )
        raise TrainingDivergedError(stats.epoch, stats.train_cost, learning_rate, reason)
    largest = max(float(params.max()), -float(params.min()))  # two passes, no copy of the parameters
    if largest > MAX_ABS_PARAM:
        reason = f"a weight reached {largest:.3g} in size, beyond the bound of a stable run ({MAX_ABS_PARAM:g})"
        raise TrainingDivergedError(stats.epoch, stats.train_cost, learning_rate, reason)


def _add_unit_statistics(
    network: Network, X_probe: np.ndarray, hidden: list[np.ndarray] | None, stats: EpochStats
) -> None:
    """Dead and saturated units, from the validation pass's hidden outputs, or from a forward pass
    over the first DIAGNOSTIC_ROWS training rows without a validation split."""
    if hidden is None:
        hidden = _hidden_outputs(network, X_probe[:DIAGNOSTIC_ROWS])[1]
    stats.dead_units, stats.saturation = _unit_statistics(network, hidden)


def _watched(stats: EpochStats) -> float:
    """What the best epoch is judged on: the monitored metric, else the validation cost, else the training cost."""
    if stats.monitored is not None:
        return stats.monitored
    return stats.train_cost if stats.validation_cost is None else stats.validation_cost


class _BestWeights:
    """The best value watched so far, a copy of the weights that reached it, and the epochs since."""

    def __init__(self, params: np.ndarray, greater_is_better: bool, min_delta: float):
        self.params = params  # (n_params,), the network's live parameters
        self.sign = -1.0 if greater_is_better else 1.0  # compare as "lower is better"
        self.min_delta = min_delta
        self.best = math.inf
        self.copy: np.ndarray | None = None  # (n_params,) the best weights, once an epoch improved
        self.waited = 0  # epochs without improvement

    def update(self, watched: float) -> bool:
        """True, and the weights copied, when `watched` beats the best by more than min_delta."""
        if self.sign * watched < self.best - self.min_delta:
            self.best, self.waited = self.sign * watched, 0
            if self.copy is None:
                self.copy = self.params.copy()
            else:
                np.copyto(self.copy, self.params)
            return True
        self.waited += 1
        return False


def _finish(
    network: Network, best: _BestWeights, config: TrainConfig, result: TrainingResult, learning_rate: float
) -> TrainingResult:
    """Restore the best weights after early stopping or a callback's stop; check they are finite."""
    params = network.params
    if best.copy is not None and (config.early_stopping or result.stop_reason == "callback"):
        params[...] = best.copy  # keep the best weights seen, as scikit-learn does
    else:
        result.best_epoch = result.best_score = None  # the last weights are kept
    if not np.isfinite(params).all():
        raise TrainingDivergedError(len(result.train_cost), math.nan, learning_rate)
    return result
