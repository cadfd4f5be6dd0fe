"""`MLPClassifier` and `MLPRegressor`: the engine behind scikit-learn's conventions.

Public parameters are plain `__init__` arguments stored unchanged and checked in
`fit`; everything learnt ends in `_`. `fit` prepares the data (validation split,
scaling fitted on training rows, label encoding), builds and initialises a `Network`,
and hands it to `training.train`; the math lives in `network.py`.

With an `encoder` (a `ColumnEncoder`), X is a raw table (a dict of columns, or a 2-D array of
mixed values): `fit` clones the encoder and fits it on the rows the optimiser trains on (never the
validation rows), keeps it as `encoder_`, and predictions encode their X with it.
"""

import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Self, TypeGuard, cast

import numpy as np
import numpy.typing as npt

from . import metrics
from ._params import Params
from ._sklearn_tags import sklearn_tags
from .activations import HIDDEN_ACTIVATIONS
from .encoding import ColumnEncoder, as_columns
from .exceptions import InvalidInputError, NotFittedError, OutOfScaleError
from .finite import first_non_finite, first_non_finite_row
from .initializers import INITIALIZERS, ZERO_INIT_MESSAGE, default_initializer, init_weights
from .losses import OUTPUT_ACTIVATION
from .model_selection import stratified_split
from .network import Network
from .optimizers import OPTIMIZERS, make_optimizer
from .preprocessing import LabelEncoder, StandardScaler, one_hot
from .schedules import LR_SCHEDULES, LearningRateSchedule
from .training import EpochCallback, EpochStats, Monitor, TrainingResult, train

DTYPES = ("float64", "float32")
# What fit and predict take: a (rows, features) array, or with an encoder a raw table, by column name too.
Features = npt.ArrayLike | Mapping[str, npt.ArrayLike]
DEFAULT_VALIDATION_FRACTION = 0.1  # used when early_stopping is on and no fraction is given


class _BaseMLP(Params):
    _estimator_type: str
    _task: str  # "classification" or "regression": early stopping can watch metrics.metrics_for(_task)

    # Set by fit (or by persistence when a model is loaded); every learnt attribute ends in _.
    network_: Network
    loss_: str
    n_features_in_: int
    scaler_: StandardScaler | None  # X's scaling, None without standardize
    y_scaler_: StandardScaler | None  # the regressor's target scaling; None for a classifier
    cost_history_: dict[str, Any]  # name -> per-epoch values, or None (no validation split)
    n_epochs_: int
    best_epoch_: int | None
    best_score_: float | None
    monitor_: str
    stop_reason_: str
    init_: str
    validation_fraction_: float | None  # None for models saved before it was recorded
    dropout_: list[float] | None
    encoder_: ColumnEncoder | None  # fitted on the training rows; None without an encoder
    _dropout: list[float]  # the checked dropout rates, one per hidden layer
    _layers: list[int]  # the checked hidden widths

    def __init__(
        self,
        hidden_layers: int | Sequence[int] = (100,),
        activation: str = "relu",
        *,
        optimizer: str = "adam",
        learning_rate: float = 0.001,
        epochs: int = 200,
        batch_size: int | None = 200,  # None: full batch (one iteration per epoch)
        l2: float = 0.0001,  # lambda of the penalty lambda / 2m * sum(W^2), biases excluded
        momentum: float = 0.9,  # for "momentum" and "nesterov"
        beta_1: float = 0.9,  # Adam's moment decays and epsilon
        beta_2: float = 0.999,
        epsilon: float = 1e-8,
        lr_schedule: str = "constant",  # constant, step, invscaling, cyclical
        lr_step_size: int = 50,  # step: epochs between drops; cyclical: epochs from low to peak
        lr_gamma: float = 0.5,  # step: factor at each drop
        power_t: float = 0.5,  # invscaling: lr / epoch ** power_t
        max_learning_rate: float | None = None,  # cyclical peak; default 10 x learning_rate
        init: str = "auto",  # auto: He for relu/leaky_relu, Xavier otherwise
        shuffle: bool = True,  # reshuffle the rows every epoch
        validation_fraction: float | None = None,  # None: 0.1 with early stopping, else 0
        early_stopping: bool = False,
        patience: int = 10,  # epochs without improvement before stopping
        min_delta: float = 1e-4,  # smallest decrease of the cost that counts as improvement
        early_stopping_metric: str = "loss",  # or a validation metric: accuracy, f1_macro, log_loss; mse, mae, r2
        dropout: float | list[float] = 0.0,  # rate per hidden layer (one number: every layer); off at prediction
        class_weight: str | dict[Any, float] | None = None,  # classifier: "balanced" or {label: weight}
        standardize: bool = True,  # scale features (and regression targets) on training rows
        seed: int | None = None,  # one seed for init, split and shuffling: same seed, same bits
        dtype: str = "float64",  # or float32: half the memory, the fast path
        encoder: ColumnEncoder | None = None,  # X is a raw table, encoded by a clone of this fitted on training rows
    ):
        self.hidden_layers = hidden_layers
        self.activation = activation
        self.optimizer = optimizer
        self.learning_rate = learning_rate
        self.epochs = epochs
        self.batch_size = batch_size
        self.l2 = l2
        self.momentum = momentum
        self.beta_1 = beta_1
        self.beta_2 = beta_2
        self.epsilon = epsilon
        self.lr_schedule = lr_schedule
        self.lr_step_size = lr_step_size
        self.lr_gamma = lr_gamma
        self.power_t = power_t
        self.max_learning_rate = max_learning_rate
        self.init = init
        self.shuffle = shuffle
        self.validation_fraction = validation_fraction
        self.early_stopping = early_stopping
        self.patience = patience
        self.min_delta = min_delta
        self.early_stopping_metric = early_stopping_metric
        self.dropout = dropout
        self.class_weight = class_weight
        self.standardize = standardize
        self.seed = seed
        self.dtype = dtype
        self.encoder = encoder

    # -- scikit-learn protocol -------------------------------------------------------

    def __sklearn_tags__(self) -> Any:
        return sklearn_tags(self._estimator_type)

    # -- argument checks -------------------------------------------------------------

    def _check_params(self) -> None:
        """Raise ValueError, saying what to change, for any parameter out of its range."""
        layers = self.hidden_layers
        if isinstance(layers, (int, np.integer)):
            layers = [layers]
        try:
            layers = [int(w) for w in layers]
        except (TypeError, ValueError):
            raise InvalidInputError(
                f"hidden_layers must be a list of layer widths, got {self.hidden_layers!r}"
            ) from None
        if not layers:
            raise InvalidInputError("hidden_layers is empty: give at least one hidden layer width, e.g. [14]")
        if any(w < 1 for w in layers):
            raise InvalidInputError(f"hidden_layers must hold widths of at least 1, got {layers}")
        checks = [
            (
                self.activation in HIDDEN_ACTIVATIONS,
                f"activation must be one of {HIDDEN_ACTIVATIONS}, got {self.activation!r}",
            ),
            (self.optimizer in OPTIMIZERS, f"optimizer must be one of {tuple(OPTIMIZERS)}, got {self.optimizer!r}"),
            (
                self.lr_schedule in LR_SCHEDULES,
                f"lr_schedule must be one of {tuple(LR_SCHEDULES)}, got {self.lr_schedule!r}",
            ),
            (self.dtype in DTYPES, f"dtype must be one of {DTYPES}, got {self.dtype!r}"),
            (
                _is_number(self.learning_rate) and self.learning_rate > 0,
                f"learning_rate must be a number > 0, got {self.learning_rate!r}",
            ),
            (_is_int(self.epochs) and self.epochs >= 1, f"epochs must be an integer >= 1, got {self.epochs!r}"),
            (
                self.batch_size is None or (_is_int(self.batch_size) and self.batch_size >= 1),
                f"batch_size must be an integer >= 1, or None for full batch, got {self.batch_size!r}",
            ),
            (_is_number(self.l2) and self.l2 >= 0, f"l2 must be a number >= 0, got {self.l2!r}"),
            (
                _is_number(self.momentum) and 0 <= self.momentum < 1,
                f"momentum must be in [0, 1), got {self.momentum!r}",
            ),
            (_is_number(self.beta_1) and 0 <= self.beta_1 < 1, f"beta_1 must be in [0, 1), got {self.beta_1!r}"),
            (_is_number(self.beta_2) and 0 <= self.beta_2 < 1, f"beta_2 must be in [0, 1), got {self.beta_2!r}"),
            (_is_number(self.epsilon) and self.epsilon > 0, f"epsilon must be a number > 0, got {self.epsilon!r}"),
            (
                _is_int(self.lr_step_size) and self.lr_step_size >= 1,
                f"lr_step_size must be an integer >= 1, got {self.lr_step_size!r}",
            ),
            (
                _is_number(self.lr_gamma) and 0 < self.lr_gamma <= 1,
                f"lr_gamma must be in (0, 1], got {self.lr_gamma!r}",
            ),
            (_is_number(self.power_t) and self.power_t >= 0, f"power_t must be a number >= 0, got {self.power_t!r}"),
            (
                self.max_learning_rate is None
                or (_is_number(self.max_learning_rate) and self.max_learning_rate >= self.learning_rate),
                f"max_learning_rate must be >= learning_rate ({self.learning_rate!r}), got {self.max_learning_rate!r}",
            ),
            (
                self.validation_fraction is None
                or (_is_number(self.validation_fraction) and 0 <= self.validation_fraction < 1),
                f"validation_fraction must be in [0, 1), got {self.validation_fraction!r}",
            ),
            (_is_int(self.patience) and self.patience >= 1, f"patience must be an integer >= 1, got {self.patience!r}"),
            (
                _is_number(self.min_delta) and self.min_delta >= 0,
                f"min_delta must be a number >= 0, got {self.min_delta!r}",
            ),
            (
                self.seed is None or _is_int(self.seed) and self.seed >= 0,
                f"seed must be a non-negative integer or None, got {self.seed!r}",
            ),
        ]
        for ok, message in checks:
            if not ok:
                raise InvalidInputError(message)
        self._dropout = self._check_dropout(len(layers))
        watchable = tuple(metrics.metrics_for(self._task))
        if self.early_stopping_metric not in ("loss", *watchable):
            raise InvalidInputError(
                f"early_stopping_metric must be 'loss' or one of {watchable}, got {self.early_stopping_metric!r}"
            )
        self._check_class_weight()
        if self.init in ("zeros", "zero", "constant"):
            raise InvalidInputError(ZERO_INIT_MESSAGE.format(init=self.init, choices=", ".join(INITIALIZERS)))
        if self.init != "auto" and self.init not in INITIALIZERS:
            raise InvalidInputError(f"init must be 'auto' or one of {tuple(INITIALIZERS)}, got {self.init!r}")
        self._layers = layers

    def _check_dropout(self, n_hidden: int) -> list[float]:
        rates: object = self.dropout
        if _is_number(rates):
            rates = [rates] * n_hidden
        if not isinstance(rates, (list, tuple)) or not all(_is_number(r) for r in rates):
            raise InvalidInputError(
                f"dropout must be a rate or a list of rates, one per hidden layer, got {self.dropout!r}"
            )
        if len(rates) != n_hidden:
            raise InvalidInputError(
                f"dropout gives {len(rates)} rates for {n_hidden} hidden layers: give one per hidden layer"
            )
        if any(not 0 <= r < 1 for r in rates):
            raise InvalidInputError(f"dropout rates must be in [0, 1), got {list(rates)}")
        return [float(r) for r in rates]

    def _check_class_weight(self) -> None:
        if self.class_weight is not None:
            raise InvalidInputError(f"class_weight is for classifiers; {type(self).__name__} takes sample_weight only")

    def _check_X(self, X: Features, *, fitting: bool) -> np.ndarray:
        if isinstance(X, Mapping):
            raise InvalidInputError("X is a table of named columns; give the estimator an encoder to take one")
        X = np.asarray(X)
        if X.ndim != 2:
            raise InvalidInputError(
                f"X must be 2-D (rows, features), got shape {X.shape}; reshape a single row with X.reshape(1, -1)"
            )
        if X.shape[0] == 0:
            raise InvalidInputError("X has no rows")
        if X.shape[1] == 0:
            raise InvalidInputError("X has no feature columns")
        # float32 input stays float32 when training in float32: no doubled copy on the fast path.
        keep32 = self.dtype == "float32" and X.dtype == np.float32
        try:
            X = X.astype(np.float32 if keep32 else np.float64, copy=False)
        except (TypeError, ValueError):
            raise InvalidInputError("X must hold numbers only; encode text columns before training") from None
        bad = first_non_finite(X)  # the engine's one rule of a finite value (finite.py)
        if bad is not None:
            raise InvalidInputError(
                f"X holds NaN or infinite values (first at row {bad[0]}, column {bad[1]}); impute or drop them"
            )
        if not fitting and X.shape[1] != self.network_.sizes[0]:
            raise InvalidInputError(
                f"X has {X.shape[1]} features, but the model was trained on {self.network_.sizes[0]}"
            )
        checked: np.ndarray = X
        return checked

    def _encode_targets(self, y: np.ndarray) -> tuple[np.ndarray, str, np.ndarray, dict[str, Any]]:
        """(Y (n, n_outputs), loss name, strata (n,) for the validation split, attributes to set once fitted)."""
        raise NotImplementedError

    def _monitor(self, name: str, y_val: np.ndarray, w_val: np.ndarray | None, learnt: dict[str, Any]) -> Monitor:
        """The early-stopping Monitor of metric `name` on the validation rows."""
        raise NotImplementedError

    def _check_fitted(self) -> None:
        if not hasattr(self, "network_"):
            raise NotFittedError(f"this {type(self).__name__} is not fitted yet: call fit(X, y) first")

    # -- training --------------------------------------------------------------------

    def fit(
        self,
        X: Features,
        y: npt.ArrayLike,
        *,
        sample_weight: npt.ArrayLike | None = None,
        callback: EpochCallback | None = None,
        observer: Callable[[EpochStats], None] | None = None,
        init_model: "_BaseMLP | None" = None,
    ) -> Self:
        """Train on X (n, features) and y.

        `sample_weight` (n,) weighs each row in the loss, its gradient and the validation metrics
        (multiplied by `class_weight` for a classifier). `callback(epoch, train_cost,
        validation_cost)` is called after every epoch and stops training by returning a truthy
        value; the best weights so far are then kept. `observer(stats)` receives every epoch's
        `EpochStats`, with gradient norms and unit statistics. `init_model`, a fitted estimator of
        the same architecture, features and classes, is a warm start: training continues from its
        weights and keeps its scalers.
        """
        self._check_params()
        table = as_columns(X, None) if self.encoder is not None else None
        matrix = self._check_X(X, fitting=True) if table is None else None  # (n, n_features)
        y = self._check_y_length(_n_rows(matrix, table), y)
        dtype = np.dtype(self.dtype)
        Y, loss, strata, learnt = self._encode_targets(y)  # Y (n, n_outputs)
        weights = self._row_weights(sample_weight, strata, learnt)  # (n,) or None
        rng = np.random.default_rng(self.seed)  # one generator: split, then init, then shuffles and dropout
        fraction, train_rows, val_rows = self._split(strata, rng)
        learnt["encoder_"] = None
        if table is not None:
            learnt["encoder_"] = self._fit_encoder(table, train_rows, init_model)
            matrix = self._check_X(learnt["encoder_"].transform(table), fitting=True)
        assert matrix is not None
        if init_model is not None:
            self._check_init_model(init_model, matrix.shape[1], Y.shape[1], learnt)
        data = self._prepare_data(matrix, Y, weights, train_rows, val_rows, dtype, init_model, learnt)
        monitor = None
        if self.early_stopping_metric != "loss":
            monitor = self._monitor(self.early_stopping_metric, y[val_rows], data.w_val, learnt)
        network, method = self._build_network(matrix.shape[1], Y.shape[1], loss, dtype, init_model, rng)
        result = self._train(network, loss, data, rng, monitor, callback, observer)
        # Only now, with finite weights, does the estimator become fitted.
        self._set_fitted(network, loss, data, result, learnt, method, fraction)
        return self

    def _check_y_length(self, n_rows: int, y: npt.ArrayLike) -> np.ndarray:
        targets = np.asarray(y)
        if targets.shape[0] != n_rows:
            raise InvalidInputError(f"X and y have different lengths: {n_rows} rows against {targets.shape[0]} targets")
        return targets

    def _fit_encoder(
        self, table: dict[str, np.ndarray], train_rows: np.ndarray, init_model: "_BaseMLP | None"
    ) -> ColumnEncoder:
        """The encoder fitted on the optimiser's rows; a warm start keeps its model's encoding."""
        if init_model is not None:
            theirs: ColumnEncoder | None = getattr(init_model, "encoder_", None)
            if theirs is None:
                raise InvalidInputError("init_model was trained on a numeric matrix, this training on a raw table")
            return theirs
        assert self.encoder is not None
        encoder = type(self.encoder)(**self.encoder.get_params())
        return encoder.fit({name: col[train_rows] for name, col in table.items()})

    def encode(self, X: Features, warnings: list[dict[str, Any]] | None = None) -> np.ndarray:
        """The (rows, inputs) matrix the network takes: X through `encoder_`, or X checked when there is none.
        `warnings` collects the encoder's per-row warnings (missing values, unseen levels)."""
        self._check_fitted()
        if self.encoder_ is not None:
            with np.errstate(over="ignore", invalid="ignore"):  # an overflow is refused just below, by row
                X = self.encoder_.transform(X, warnings=warnings)
            _check_in_scale(X)  # the encoder filled every gap: what is not finite now, its scaling overflowed
        return self._check_X(X, fitting=False)

    def _split(self, strata: np.ndarray, rng: np.random.Generator) -> tuple[float, np.ndarray, np.ndarray]:
        """(validation fraction, training rows, validation rows), drawn per stratum."""
        fraction = self.validation_fraction
        if fraction is None:
            watching = self.early_stopping or self.early_stopping_metric != "loss"
            fraction = DEFAULT_VALIDATION_FRACTION if watching else 0.0
        try:
            train_rows, val_rows = stratified_split(strata, fraction, rng)
        except InvalidInputError as exc:
            if self.validation_fraction is not None:
                raise
            # the caller never set the fraction: say where it comes from, and that early stopping can go
            raise InvalidInputError(
                f"early stopping watches validation rows, {fraction} of the training rows by default: {exc}, "
                "or turn early stopping off"
            ) from None
        if self.early_stopping_metric != "loss" and len(val_rows) == 0:
            raise InvalidInputError(
                f"early_stopping_metric={self.early_stopping_metric!r} is measured on validation rows, "
                "and there are none: set validation_fraction > 0"
            )
        return fraction, train_rows, val_rows

    def _prepare_data(
        self,
        X: np.ndarray,
        Y: np.ndarray,
        weights: np.ndarray | None,
        train_rows: np.ndarray,
        val_rows: np.ndarray,
        dtype: np.dtype[Any],
        init_model: "_BaseMLP | None",
        learnt: dict[str, Any],
    ) -> "_Prepared":
        """Split, scale (scalers fitted on training rows, or a warm start's) and cast the rows;
        weights scaled to a mean of 1 on each side. Sets learnt["y_scaler_"]."""
        has_val = len(val_rows) > 0
        X_train = X[train_rows] if has_val else X  # no copy when every row trains
        if init_model is not None:  # its weights expect its scaling
            scaler = init_model.scaler_
        else:
            scaler = StandardScaler().fit(X_train) if self.standardize else None

        def prepare(A: np.ndarray) -> np.ndarray:
            return scaler.transform(A, dtype) if scaler else np.ascontiguousarray(A, dtype=dtype)

        Y, learnt["y_scaler_"] = self._scale_targets(Y, train_rows, init_model)
        Y = Y.astype(dtype, copy=False)
        data = _Prepared(prepare(X_train), np.ascontiguousarray(Y[train_rows] if has_val else Y), scaler=scaler)
        if has_val:
            data.X_val, data.Y_val = prepare(X[val_rows]), np.ascontiguousarray(Y[val_rows])
        if weights is not None:
            data.w_train = _unit_mean(weights[train_rows] if has_val else weights, "the training rows", dtype)
            data.w_val = _unit_mean(weights[val_rows], "the validation rows", dtype) if has_val else None
        return data

    def _build_network(
        self,
        n_features: int,
        n_outputs: int,
        loss: str,
        dtype: np.dtype[Any],
        init_model: "_BaseMLP | None",
        rng: np.random.Generator,
    ) -> tuple[Network, str]:
        """(network with its initial weights, the initializer's name or "warm_start")."""
        sizes = [n_features, *self._layers, n_outputs]
        network = Network(sizes, self.activation, OUTPUT_ACTIVATION[loss], dtype)
        if init_model is not None:
            network.params[...] = init_model.network_.params
            return network, "warm_start"
        method = default_initializer(self.activation) if self.init == "auto" else self.init
        for W in network.weights:  # (fan_in, fan_out); biases stay 0
            init_weights(W, method, rng)
        return network, method

    def _train(
        self,
        network: Network,
        loss: str,
        data: "_Prepared",
        rng: np.random.Generator,
        monitor: Monitor | None,
        callback: EpochCallback | None,
        observer: Callable[[EpochStats], None] | None,
    ) -> TrainingResult:
        """The optimiser and schedule from the parameters, then `training.train` on the prepared rows."""
        optimizer = make_optimizer(
            self.optimizer,
            network.params,
            learning_rate=self.learning_rate,
            momentum=self.momentum,
            beta_1=self.beta_1,
            beta_2=self.beta_2,
            epsilon=self.epsilon,
        )
        schedule = LearningRateSchedule(
            self.lr_schedule, self.learning_rate, self.lr_step_size, self.lr_gamma, self.power_t, self.max_learning_rate
        )
        with np.errstate(over="ignore", under="ignore", invalid="ignore", divide="ignore"):
            return train(
                network,
                loss,
                data.X_train,
                data.Y_train,
                optimizer=optimizer,
                schedule=schedule,
                epochs=self.epochs,
                batch_size=self.batch_size,
                l2=self.l2,
                shuffle=self.shuffle,
                rng=rng,
                X_val=data.X_val,
                Y_val=data.Y_val,
                sample_weight=data.w_train,
                validation_weight=data.w_val,
                dropout=self._dropout,
                early_stopping=self.early_stopping,
                patience=self.patience,
                min_delta=self.min_delta,
                monitor=monitor,
                diagnostics=observer is not None,
                callback=callback,
                observer=observer,
            )

    def _set_fitted(
        self,
        network: Network,
        loss: str,
        data: "_Prepared",
        result: TrainingResult,
        learnt: dict[str, Any],
        method: str,
        fraction: float,
    ) -> None:
        """Every fitted attribute (ending in _), set together once training succeeded."""
        for name, value in learnt.items():
            setattr(self, name, value)
        self.network_ = network
        self.loss_ = loss
        self.n_features_in_ = network.sizes[0]
        self.scaler_ = data.scaler
        has_val = data.X_val is not None
        self.cost_history_ = {
            "train": result.train_cost,
            "validation": result.validation_cost,
            "train_loss": [e.train_loss for e in result.epochs],
            "train_l2": [e.train_l2 for e in result.epochs],
            "validation_l2": [e.validation_l2 for e in result.epochs] if has_val else None,
        }
        self.n_epochs_ = len(result.train_cost)
        self.best_epoch_ = result.best_epoch
        self.best_score_ = result.best_score
        self.monitor_ = result.monitor
        self.stop_reason_ = result.stop_reason
        self.init_ = method
        self.validation_fraction_ = fraction
        self.dropout_ = self._dropout

    def _row_weights(
        self, sample_weight: npt.ArrayLike | None, strata: np.ndarray, learnt: dict[str, Any]
    ) -> np.ndarray | None:
        """Each training row's weight: sample_weight times its class's weight; None when all are 1."""
        n = len(strata)
        if sample_weight is None:
            return None
        w = np.asarray(sample_weight, dtype=np.float64)
        if w.shape != (n,):
            raise InvalidInputError(f"sample_weight must hold one number per row ({n}), got shape {w.shape}")
        if not np.isfinite(w).all() or (w < 0).any():
            raise InvalidInputError("sample_weight must hold finite numbers >= 0")
        return w

    def row_weights(self, y: npt.ArrayLike, sample_weight: npt.ArrayLike | None = None) -> np.ndarray | None:
        """Each row's weight for metrics on (X, y): sample_weight, times class_weight for a
        classifier ("balanced" over these rows); None when every row counts once."""
        if sample_weight is None:
            return None
        w: np.ndarray = np.asarray(sample_weight, dtype=np.float64)
        return w

    def _check_init_model(
        self, init_model: "_BaseMLP", n_features: int, n_outputs: int, learnt: dict[str, Any]
    ) -> None:
        """A warm start needs a fitted model of this kind, shape, activation and dtype."""
        if type(init_model) is not type(self) or not hasattr(init_model, "network_"):
            raise InvalidInputError(f"init_model must be a fitted {type(self).__name__}")
        if self.encoder is None and getattr(init_model, "encoder_", None) is not None:
            raise InvalidInputError("init_model was trained on a raw table through its encoder; pass an encoder too")
        theirs = init_model.network_
        ours = [n_features, *self._layers, n_outputs]
        if theirs.sizes != ours:
            raise InvalidInputError(f"init_model has layers {theirs.sizes}, this training needs {ours}")
        if theirs.hidden_activation != self.activation:
            raise InvalidInputError(f"init_model uses {theirs.hidden_activation}, this training {self.activation}")
        if theirs.dtype != np.dtype(self.dtype):
            raise InvalidInputError(f"init_model is {theirs.dtype}, this training {self.dtype}")

    def _scale_targets(
        self, Y: np.ndarray, train_rows: np.ndarray, init_model: "_BaseMLP | None" = None
    ) -> tuple[np.ndarray, StandardScaler | None]:
        return Y, None

    def _forward(self, X: Features, warnings: list[dict[str, Any]] | None = None) -> np.ndarray:
        X = self.encode(X, warnings)
        dtype = self.network_.dtype
        with np.errstate(over="ignore", under="ignore", invalid="ignore"):
            X = self.scaler_.transform(X, dtype) if self.scaler_ else np.asarray(X, dtype=dtype)
            return _check_in_scale(self.network_.predict(_check_in_scale(X)))

    # -- fitted parameters, sklearn names --------------------------------------------

    @property
    def coefs_(self) -> list[np.ndarray]:
        self._check_fitted()
        return self.network_.weights

    @property
    def intercepts_(self) -> list[np.ndarray]:
        self._check_fitted()
        return self.network_.biases


class MLPClassifier(_BaseMLP):
    """Feed-forward classifier: one sigmoid unit with binary cross-entropy for two classes,
    softmax with categorical cross-entropy for more. Labels may be of any sortable type."""

    _estimator_type = "classifier"
    _task = "classification"
    classes_: np.ndarray  # (n_classes,) the labels, sorted; predict_proba's columns

    def _check_class_weight(self) -> None:
        cw = self.class_weight
        if cw is None or cw == "balanced":
            return
        if not isinstance(cw, dict) or not all(_is_number(v) and v >= 0 for v in cw.values()):
            raise InvalidInputError(
                f"class_weight must be None, 'balanced' or a mapping of labels to weights >= 0, got {cw!r}"
            )

    def _row_weights(
        self, sample_weight: npt.ArrayLike | None, strata: np.ndarray, learnt: dict[str, Any]
    ) -> np.ndarray | None:
        w = super()._row_weights(sample_weight, strata, learnt)
        if self.class_weight is None:
            return w
        per_class = self._class_weights(strata, learnt["classes_"])  # (n_classes,)
        weights: np.ndarray = per_class[strata] if w is None else w * per_class[strata]  # (n,)
        return weights

    def row_weights(self, y: npt.ArrayLike, sample_weight: npt.ArrayLike | None = None) -> np.ndarray | None:
        w = super().row_weights(y, sample_weight)
        if self.class_weight is None:
            return w
        self._check_fitted()
        y = np.asarray(y)
        codes = np.searchsorted(self.classes_, y.astype(str) if y.dtype == object else y)
        per_class = self._class_weights(codes, self.classes_)[codes]
        return per_class if w is None else w * per_class

    def _class_weights(self, codes: np.ndarray, classes: np.ndarray) -> np.ndarray:
        """One weight per class, in classes_ order. "balanced": n / (k * count), scikit-learn's
        rule, so every class weighs the same in total. A mapping names labels (as given, or as
        their text: JSON keys are strings); classes it leaves out weigh 1."""
        if self.class_weight == "balanced":
            counts = np.bincount(codes, minlength=len(classes))
            return len(codes) / (len(classes) * np.maximum(counts, 1))
        by_text = {str(k): float(v) for k, v in cast(dict[Any, float], self.class_weight).items()}  # checked in fit
        unknown = sorted(set(by_text) - {str(c) for c in classes.tolist()})
        if unknown:
            raise InvalidInputError(
                f"class_weight names labels not in y: {unknown}; the classes are {classes.tolist()}"
            )
        return np.array([by_text.get(str(c), 1.0) for c in classes.tolist()])

    def _monitor(self, name: str, y_val: np.ndarray, w_val: np.ndarray | None, learnt: dict[str, Any]) -> Monitor:
        classes = learnt["classes_"]
        y_val = y_val.astype(str) if y_val.dtype == object else y_val
        metric = metrics.METRICS[name]

        def score(P: np.ndarray) -> float:
            proba = np.hstack([1 - P, P]) if P.shape[1] == 1 else P  # (n_val, n_classes)
            predicted = None if metric.needs_proba else classes[np.argmax(proba, axis=1)]
            return metric.compute(y_val, predicted, proba, classes, w_val)

        return Monitor(name, score, metric.greater_is_better)

    def _check_init_model(
        self, init_model: "_BaseMLP", n_features: int, n_outputs: int, learnt: dict[str, Any]
    ) -> None:
        super()._check_init_model(init_model, n_features, n_outputs, learnt)  # so init_model is an MLPClassifier
        if isinstance(init_model, MLPClassifier) and init_model.classes_.tolist() != learnt["classes_"].tolist():
            raise InvalidInputError(
                f"init_model was trained on classes {init_model.classes_.tolist()}, this data has {learnt['classes_'].tolist()}"
            )

    def _encode_targets(self, y: np.ndarray) -> tuple[np.ndarray, str, np.ndarray, dict[str, Any]]:
        """(Y, loss, strata for the validation split, attributes to set once fitted)."""
        if y.ndim != 1:
            raise InvalidInputError(
                f"y must be 1-D (one label per row), got shape {y.shape}; use y.ravel() for a column"
            )
        if y.dtype.kind == "f" and not np.isfinite(y).all():
            raise InvalidInputError("y holds NaN or infinite labels; drop those rows")
        if y.dtype == object:
            y = y.astype(str)
        encoder = LabelEncoder().fit(y)
        classes = encoder.classes_
        if len(classes) < 2:
            raise InvalidInputError(f"y has a single class ({classes[0]!r}): a classifier needs at least two")
        codes = encoder.transform(y)
        if len(classes) == 2:
            return codes[:, None].astype(float), "binary_cross_entropy", codes, {"classes_": classes}
        return one_hot(codes, len(classes)), "categorical_cross_entropy", codes, {"classes_": classes}

    def predict_proba(self, X: Features, warnings: list[dict[str, Any]] | None = None) -> np.ndarray:
        """(n, n_classes) probabilities, columns in `classes_` order."""
        P = self._forward(X, warnings)
        if P.shape[1] == 1:
            P = np.hstack([1 - P, P])
        return P

    def predict(self, X: Features, warnings: list[dict[str, Any]] | None = None) -> np.ndarray:
        proba = self.predict_proba(X, warnings)  # first: an unfitted model raises NotFittedError, not on classes_
        labels: np.ndarray = self.classes_[np.argmax(proba, axis=1)]
        return labels

    def score(self, X: Features, y: npt.ArrayLike) -> float:
        """Accuracy on (X, y)."""
        return metrics.accuracy(y, self.predict(X))

    def evaluate(self, X: Features, y: npt.ArrayLike, sample_weight: npt.ArrayLike | None = None) -> dict[str, Any]:
        """Accuracy, log loss, precision/recall/F1 per class and macro, confusion matrix."""
        proba = self.predict_proba(X)
        predicted = self.classes_[np.argmax(proba, axis=1)]
        return metrics.classification_report(np.asarray(y), predicted, proba, self.classes_, sample_weight)


class MLPRegressor(_BaseMLP):
    """Feed-forward regressor: linear output with the squared-error cost, one or more targets.
    With `standardize`, targets are scaled on training rows too (costs are in scaled units)."""

    _estimator_type = "regressor"
    _task = "regression"
    n_outputs_: int

    def _encode_targets(self, y: np.ndarray) -> tuple[np.ndarray, str, np.ndarray, dict[str, Any]]:
        if y.ndim not in (1, 2):
            raise InvalidInputError(f"y must be 1-D or 2-D (rows, targets), got shape {y.shape}")
        try:
            y = y.astype(float)
        except (TypeError, ValueError):
            raise InvalidInputError("y must hold numbers for a regressor; use MLPClassifier for labels") from None
        if not np.isfinite(y).all():
            raise InvalidInputError("y holds NaN or infinite values; drop those rows")
        n_outputs = 1 if y.ndim == 1 else y.shape[1]
        return y.reshape(len(y), -1), "squared_error", np.zeros(len(y), int), {"n_outputs_": n_outputs}

    def _scale_targets(
        self, Y: np.ndarray, train_rows: np.ndarray, init_model: "_BaseMLP | None" = None
    ) -> tuple[np.ndarray, StandardScaler | None]:
        scaler = init_model.y_scaler_ if init_model is not None else None  # a warm start keeps its units
        if init_model is None and self.standardize:
            scaler = StandardScaler().fit(Y[train_rows])
        return (Y, None) if scaler is None else (scaler.transform(Y), scaler)

    def _monitor(self, name: str, y_val: np.ndarray, w_val: np.ndarray | None, learnt: dict[str, Any]) -> Monitor:
        y_scaler = learnt["y_scaler_"]
        metric = metrics.METRICS[name]

        def score(P: np.ndarray) -> float:
            P = P.astype(np.float64)  # (n_val, n_outputs), in scaled units when standardized
            predicted = y_scaler.inverse_transform(P) if y_scaler is not None else P
            return metric.compute(y_val, predicted, None, None, w_val)

        return Monitor(name, score, metric.greater_is_better)

    def predict(self, X: Features, warnings: list[dict[str, Any]] | None = None) -> np.ndarray:
        P = self._forward(X, warnings).astype(np.float64)
        if self.y_scaler_ is not None:
            with np.errstate(over="ignore", invalid="ignore"):
                P = _check_in_scale(self.y_scaler_.inverse_transform(P))
        return P.ravel() if self.n_outputs_ == 1 else P

    def score(self, X: Features, y: npt.ArrayLike) -> float:
        """R² on (X, y)."""
        return metrics.r2_score(y, self.predict(X))

    def evaluate(self, X: Features, y: npt.ArrayLike, sample_weight: npt.ArrayLike | None = None) -> dict[str, Any]:
        """MSE, MAE and R²."""
        return metrics.regression_report(y, self.predict(X), sample_weight)


@dataclass
class _Prepared:
    """The rows `train` gets: scaled, cast to the training dtype, split into training and validation."""

    X_train: np.ndarray  # (n_train, n_features)
    Y_train: np.ndarray  # (n_train, n_outputs)
    X_val: np.ndarray | None = None  # (n_val, n_features), None without a validation split
    Y_val: np.ndarray | None = None  # (n_val, n_outputs)
    w_train: np.ndarray | None = None  # (n_train,) weights of mean 1, None when every row counts once
    w_val: np.ndarray | None = None  # (n_val,)
    scaler: StandardScaler | None = None  # X's scaler, fitted on the training rows (or a warm start's)


def _n_rows(matrix: np.ndarray | None, table: dict[str, np.ndarray] | None) -> int:
    if matrix is not None:
        return int(matrix.shape[0])
    return int(next(iter(table.values())).shape[0]) if table else 0


def _unit_mean(w: np.ndarray, rows: str, dtype: npt.DTypeLike) -> np.ndarray:
    """Weights scaled to a mean of 1, so a weighted cost stays on the unweighted scale."""
    total = w.sum()
    if total <= 0:
        raise InvalidInputError(f"the sample weights of {rows} are all 0: nothing would be learnt")
    scaled: np.ndarray = (w * (len(w) / total)).astype(dtype)
    return scaled


def _is_number(value: object) -> TypeGuard[int | float | np.integer[Any] | np.floating[Any]]:
    return (
        isinstance(value, (int, float, np.integer, np.floating))
        and not isinstance(value, bool)
        and math.isfinite(value)
    )


def _is_int(value: object) -> TypeGuard[int | np.integer[Any]]:
    return isinstance(value, (int, np.integer)) and not isinstance(value, bool)


def _check_in_scale(A: np.ndarray) -> np.ndarray:
    """A, the rows of finite (checked) inputs as the model transforms them, when every value is still
    finite; else OutOfScaleError naming the first row that overflowed."""
    row = first_non_finite_row(A)
    if row is not None:
        raise OutOfScaleError(row)
    return A
