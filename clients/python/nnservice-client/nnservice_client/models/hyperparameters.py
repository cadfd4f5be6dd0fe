from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.hyperparameters_activation import HyperparametersActivation
from ..models.hyperparameters_class_weight_type_0 import HyperparametersClassWeightType0
from ..models.hyperparameters_dtype import HyperparametersDtype
from ..models.hyperparameters_early_stopping_metric import HyperparametersEarlyStoppingMetric
from ..models.hyperparameters_init import HyperparametersInit
from ..models.hyperparameters_lr_schedule import HyperparametersLrSchedule
from ..models.hyperparameters_optimizer import HyperparametersOptimizer
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.hyperparameters_class_weight_type_1 import HyperparametersClassWeightType1


T = TypeVar("T", bound="Hyperparameters")


@_attrs_define
class Hyperparameters:
    """Every option of the engine. The defaults train the breast-cancer tutorial task well
    (97.7 % mean test accuracy over 8 seeds, in well under a second).

        Attributes:
            hidden_layers (list[int] | Unset): widths of the hidden layers, input to output
            activation (HyperparametersActivation | Unset):  Default: HyperparametersActivation.RELU.
            optimizer (HyperparametersOptimizer | Unset):  Default: HyperparametersOptimizer.ADAM.
            learning_rate (float | Unset):  Default: 0.001.
            epochs (int | Unset):  Default: 200.
            batch_size (int | None | Unset): rows per step; null for full batch Default: 200.
            l2 (float | Unset): lambda of the L2 penalty on weights (not biases) Default: 0.0001.
            momentum (float | Unset): for momentum and nesterov Default: 0.9.
            beta_1 (float | Unset):  Default: 0.9.
            beta_2 (float | Unset):  Default: 0.999.
            epsilon (float | Unset):  Default: 1e-08.
            lr_schedule (HyperparametersLrSchedule | Unset):  Default: HyperparametersLrSchedule.CONSTANT.
            lr_step_size (int | Unset): step: epochs between drops; cyclical: epochs from low to peak Default: 50.
            lr_gamma (float | Unset): step: factor at each drop Default: 0.5.
            power_t (float | Unset): invscaling: lr / epoch ** power_t Default: 0.5.
            max_learning_rate (float | None | Unset): cyclical peak; default 10 x learning_rate
            init (HyperparametersInit | Unset):  Default: HyperparametersInit.AUTO.
            shuffle (bool | Unset):  Default: True.
            early_stopping (bool | Unset):  Default: False.
            early_stopping_metric (HyperparametersEarlyStoppingMetric | Unset): what early stopping and the best epoch
                watch: the validation loss, or a validation metric (accuracy, f1_macro, precision_macro, recall_macro, log_loss
                for classifiers; mse, mae, r2 for regressors) Default: HyperparametersEarlyStoppingMetric.LOSS.
            dropout (float | list[float] | Unset): inverted dropout rate per hidden layer (one number: every layer); off at
                prediction Default: 0.0.
            class_weight (HyperparametersClassWeightType0 | HyperparametersClassWeightType1 | None | Unset): classifiers:
                "balanced" (each class weighs the same in total) or {label: weight}; weighs the loss, its gradient and the
                metrics
            patience (int | Unset):  Default: 10.
            min_delta (float | Unset):  Default: 0.0001.
            validation_fraction (float | None | Unset): of the training rows, held out for a validation cost curve; null:
                0.1 with early stopping, else 0
            test_fraction (float | Unset): of all rows, held out for the model's metrics Default: 0.2.
            standardize (bool | Unset):  Default: True.
            seed (int | Unset): same seed, same data, same weights to the bit Default: 0.
            dtype (HyperparametersDtype | Unset):  Default: HyperparametersDtype.FLOAT64.
    """

    hidden_layers: list[int] | Unset = UNSET
    activation: HyperparametersActivation | Unset = HyperparametersActivation.RELU
    optimizer: HyperparametersOptimizer | Unset = HyperparametersOptimizer.ADAM
    learning_rate: float | Unset = 0.001
    epochs: int | Unset = 200
    batch_size: int | None | Unset = 200
    l2: float | Unset = 0.0001
    momentum: float | Unset = 0.9
    beta_1: float | Unset = 0.9
    beta_2: float | Unset = 0.999
    epsilon: float | Unset = 1e-08
    lr_schedule: HyperparametersLrSchedule | Unset = HyperparametersLrSchedule.CONSTANT
    lr_step_size: int | Unset = 50
    lr_gamma: float | Unset = 0.5
    power_t: float | Unset = 0.5
    max_learning_rate: float | None | Unset = UNSET
    init: HyperparametersInit | Unset = HyperparametersInit.AUTO
    shuffle: bool | Unset = True
    early_stopping: bool | Unset = False
    early_stopping_metric: HyperparametersEarlyStoppingMetric | Unset = HyperparametersEarlyStoppingMetric.LOSS
    dropout: float | list[float] | Unset = 0.0
    class_weight: HyperparametersClassWeightType0 | HyperparametersClassWeightType1 | None | Unset = UNSET
    patience: int | Unset = 10
    min_delta: float | Unset = 0.0001
    validation_fraction: float | None | Unset = UNSET
    test_fraction: float | Unset = 0.2
    standardize: bool | Unset = True
    seed: int | Unset = 0
    dtype: HyperparametersDtype | Unset = HyperparametersDtype.FLOAT64

    def to_dict(self) -> dict[str, Any]:
        from ..models.hyperparameters_class_weight_type_1 import HyperparametersClassWeightType1  # noqa: PLC0415

        hidden_layers: list[int] | Unset = UNSET
        if not isinstance(self.hidden_layers, Unset):
            hidden_layers = self.hidden_layers

        activation: str | Unset = UNSET
        if not isinstance(self.activation, Unset):
            activation = self.activation.value

        optimizer: str | Unset = UNSET
        if not isinstance(self.optimizer, Unset):
            optimizer = self.optimizer.value

        learning_rate = self.learning_rate

        epochs = self.epochs

        batch_size: int | None | Unset
        if isinstance(self.batch_size, Unset):
            batch_size = UNSET
        else:
            batch_size = self.batch_size

        l2 = self.l2

        momentum = self.momentum

        beta_1 = self.beta_1

        beta_2 = self.beta_2

        epsilon = self.epsilon

        lr_schedule: str | Unset = UNSET
        if not isinstance(self.lr_schedule, Unset):
            lr_schedule = self.lr_schedule.value

        lr_step_size = self.lr_step_size

        lr_gamma = self.lr_gamma

        power_t = self.power_t

        max_learning_rate: float | None | Unset
        if isinstance(self.max_learning_rate, Unset):
            max_learning_rate = UNSET
        else:
            max_learning_rate = self.max_learning_rate

        init: str | Unset = UNSET
        if not isinstance(self.init, Unset):
            init = self.init.value

        shuffle = self.shuffle

        early_stopping = self.early_stopping

        early_stopping_metric: str | Unset = UNSET
        if not isinstance(self.early_stopping_metric, Unset):
            early_stopping_metric = self.early_stopping_metric.value

        dropout: float | list[float] | Unset
        if isinstance(self.dropout, Unset):
            dropout = UNSET
        elif isinstance(self.dropout, list):
            dropout = self.dropout

        else:
            dropout = self.dropout

        class_weight: dict[str, Any] | None | str | Unset
        if isinstance(self.class_weight, Unset):
            class_weight = UNSET
        elif isinstance(self.class_weight, HyperparametersClassWeightType0):
            class_weight = self.class_weight.value
        elif isinstance(self.class_weight, HyperparametersClassWeightType1):
            class_weight = self.class_weight.to_dict()
        else:
            class_weight = self.class_weight

        patience = self.patience

        min_delta = self.min_delta

        validation_fraction: float | None | Unset
        if isinstance(self.validation_fraction, Unset):
            validation_fraction = UNSET
        else:
            validation_fraction = self.validation_fraction

        test_fraction = self.test_fraction

        standardize = self.standardize

        seed = self.seed

        dtype: str | Unset = UNSET
        if not isinstance(self.dtype, Unset):
            dtype = self.dtype.value

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if hidden_layers is not UNSET:
            field_dict["hidden_layers"] = hidden_layers
        if activation is not UNSET:
            field_dict["activation"] = activation
        if optimizer is not UNSET:
            field_dict["optimizer"] = optimizer
        if learning_rate is not UNSET:
            field_dict["learning_rate"] = learning_rate
        if epochs is not UNSET:
            field_dict["epochs"] = epochs
        if batch_size is not UNSET:
            field_dict["batch_size"] = batch_size
        if l2 is not UNSET:
            field_dict["l2"] = l2
        if momentum is not UNSET:
            field_dict["momentum"] = momentum
        if beta_1 is not UNSET:
            field_dict["beta_1"] = beta_1
        if beta_2 is not UNSET:
            field_dict["beta_2"] = beta_2
        if epsilon is not UNSET:
            field_dict["epsilon"] = epsilon
        if lr_schedule is not UNSET:
            field_dict["lr_schedule"] = lr_schedule
        if lr_step_size is not UNSET:
            field_dict["lr_step_size"] = lr_step_size
        if lr_gamma is not UNSET:
            field_dict["lr_gamma"] = lr_gamma
        if power_t is not UNSET:
            field_dict["power_t"] = power_t
        if max_learning_rate is not UNSET:
            field_dict["max_learning_rate"] = max_learning_rate
        if init is not UNSET:
            field_dict["init"] = init
        if shuffle is not UNSET:
            field_dict["shuffle"] = shuffle
        if early_stopping is not UNSET:
            field_dict["early_stopping"] = early_stopping
        if early_stopping_metric is not UNSET:
            field_dict["early_stopping_metric"] = early_stopping_metric
        if dropout is not UNSET:
            field_dict["dropout"] = dropout
        if class_weight is not UNSET:
            field_dict["class_weight"] = class_weight
        if patience is not UNSET:
            field_dict["patience"] = patience
        if min_delta is not UNSET:
            field_dict["min_delta"] = min_delta
        if validation_fraction is not UNSET:
            field_dict["validation_fraction"] = validation_fraction
        if test_fraction is not UNSET:
            field_dict["test_fraction"] = test_fraction
        if standardize is not UNSET:
            field_dict["standardize"] = standardize
        if seed is not UNSET:
            field_dict["seed"] = seed
        if dtype is not UNSET:
            field_dict["dtype"] = dtype

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.hyperparameters_class_weight_type_1 import HyperparametersClassWeightType1  # noqa: PLC0415

        d = dict(src_dict)
        hidden_layers = cast(list[int], d.pop("hidden_layers", UNSET))

        _activation = d.pop("activation", UNSET)
        activation: HyperparametersActivation | Unset
        if isinstance(_activation, Unset):
            activation = UNSET
        else:
            activation = HyperparametersActivation(_activation)

        _optimizer = d.pop("optimizer", UNSET)
        optimizer: HyperparametersOptimizer | Unset
        if isinstance(_optimizer, Unset):
            optimizer = UNSET
        else:
            optimizer = HyperparametersOptimizer(_optimizer)

        learning_rate = d.pop("learning_rate", UNSET)

        epochs = d.pop("epochs", UNSET)

        def _parse_batch_size(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        batch_size = _parse_batch_size(d.pop("batch_size", UNSET))

        l2 = d.pop("l2", UNSET)

        momentum = d.pop("momentum", UNSET)

        beta_1 = d.pop("beta_1", UNSET)

        beta_2 = d.pop("beta_2", UNSET)

        epsilon = d.pop("epsilon", UNSET)

        _lr_schedule = d.pop("lr_schedule", UNSET)
        lr_schedule: HyperparametersLrSchedule | Unset
        if isinstance(_lr_schedule, Unset):
            lr_schedule = UNSET
        else:
            lr_schedule = HyperparametersLrSchedule(_lr_schedule)

        lr_step_size = d.pop("lr_step_size", UNSET)

        lr_gamma = d.pop("lr_gamma", UNSET)

        power_t = d.pop("power_t", UNSET)

        def _parse_max_learning_rate(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        max_learning_rate = _parse_max_learning_rate(d.pop("max_learning_rate", UNSET))

        _init = d.pop("init", UNSET)
        init: HyperparametersInit | Unset
        if isinstance(_init, Unset):
            init = UNSET
        else:
            init = HyperparametersInit(_init)

        shuffle = d.pop("shuffle", UNSET)

        early_stopping = d.pop("early_stopping", UNSET)

        _early_stopping_metric = d.pop("early_stopping_metric", UNSET)
        early_stopping_metric: HyperparametersEarlyStoppingMetric | Unset
        if isinstance(_early_stopping_metric, Unset):
            early_stopping_metric = UNSET
        else:
            early_stopping_metric = HyperparametersEarlyStoppingMetric(_early_stopping_metric)

        def _parse_dropout(data: object) -> float | list[float] | Unset:
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                dropout_type_1 = cast(list[float], data)

                return dropout_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(float | list[float] | Unset, data)

        dropout = _parse_dropout(d.pop("dropout", UNSET))

        def _parse_class_weight(
            data: object,
        ) -> HyperparametersClassWeightType0 | HyperparametersClassWeightType1 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                class_weight_type_0 = HyperparametersClassWeightType0(data)

                return class_weight_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                class_weight_type_1 = HyperparametersClassWeightType1.from_dict(data)

                return class_weight_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(HyperparametersClassWeightType0 | HyperparametersClassWeightType1 | None | Unset, data)

        class_weight = _parse_class_weight(d.pop("class_weight", UNSET))

        patience = d.pop("patience", UNSET)

        min_delta = d.pop("min_delta", UNSET)

        def _parse_validation_fraction(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        validation_fraction = _parse_validation_fraction(d.pop("validation_fraction", UNSET))

        test_fraction = d.pop("test_fraction", UNSET)

        standardize = d.pop("standardize", UNSET)

        seed = d.pop("seed", UNSET)

        _dtype = d.pop("dtype", UNSET)
        dtype: HyperparametersDtype | Unset
        if isinstance(_dtype, Unset):
            dtype = UNSET
        else:
            dtype = HyperparametersDtype(_dtype)

        hyperparameters = cls(
            hidden_layers=hidden_layers,
            activation=activation,
            optimizer=optimizer,
            learning_rate=learning_rate,
            epochs=epochs,
            batch_size=batch_size,
            l2=l2,
            momentum=momentum,
            beta_1=beta_1,
            beta_2=beta_2,
            epsilon=epsilon,
            lr_schedule=lr_schedule,
            lr_step_size=lr_step_size,
            lr_gamma=lr_gamma,
            power_t=power_t,
            max_learning_rate=max_learning_rate,
            init=init,
            shuffle=shuffle,
            early_stopping=early_stopping,
            early_stopping_metric=early_stopping_metric,
            dropout=dropout,
            class_weight=class_weight,
            patience=patience,
            min_delta=min_delta,
            validation_fraction=validation_fraction,
            test_fraction=test_fraction,
            standardize=standardize,
            seed=seed,
            dtype=dtype,
        )

        return hyperparameters
