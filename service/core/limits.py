"""What one request may ask of the service: the size of a dataset, the shape and the total work of
a training job. Each check raises the service error a client sees.

Elsewhere: body sizes are held at the door (`api/body_limit.py`), prediction rows in
`predictions.py`, queued and running jobs per owner in `jobs.create`.
"""

from service.core.config import Settings
from service.core.errors import FieldError, PayloadTooLarge, Unprocessable, unprocessable


def check_dataset_shape(settings: Settings, *, rows: int, columns: int) -> None:
    if columns > settings.max_dataset_columns:
        raise PayloadTooLarge(
            f"the dataset has {columns} columns; the limit is {settings.max_dataset_columns} "
            "(NNSERVICE_MAX_DATASET_COLUMNS): upload only the columns you will train on"
        )
    if rows > settings.max_dataset_rows:
        raise PayloadTooLarge(
            f"the dataset has {rows} rows; the limit is {settings.max_dataset_rows} (NNSERVICE_MAX_DATASET_ROWS)"
        )


def parameter_count(layer_sizes: list[int]) -> int:
    """Weights and biases of a fully connected network with these layer widths, input to output."""
    return sum((fan_in + 1) * fan_out for fan_in, fan_out in zip(layer_sizes, layer_sizes[1:], strict=False))


def check_job(
    settings: Settings, hyperparameters: dict, *, rows: int, features: int, outputs: int, trainings: int = 1
) -> None:
    """The operator's bounds on the network's shape and on rows x parameters x epochs (x trainings:
    k + 1 for a job cross-validated on k folds), the work of one job, so that no request can hold a
    worker for days."""
    hidden = hyperparameters["hidden_layers"]
    epochs = hyperparameters["epochs"]
    if len(hidden) > settings.max_hidden_layers:
        raise unprocessable(
            "hyperparameters.hidden_layers", f"{len(hidden)} layers; this service allows {settings.max_hidden_layers}"
        )
    widest = max(hidden)
    if widest > settings.max_units_per_layer:
        raise unprocessable(
            "hyperparameters.hidden_layers",
            f"a layer of {widest} units; this service allows {settings.max_units_per_layer} per layer",
        )
    if epochs > settings.max_epochs:
        raise unprocessable("hyperparameters.epochs", f"{epochs} epochs; this service allows {settings.max_epochs}")
    parameters = parameter_count([features, *hidden, outputs])
    work = rows * parameters * epochs * trainings
    if work > settings.max_training_work:
        times = f" x {trainings} trainings (cv + 1)" if trainings > 1 else ""
        raise Unprocessable(
            f"the job is too large: {rows} rows x {parameters} parameters x {epochs} epochs{times} = {work:.3g}, over this "
            f"service's budget of {settings.max_training_work:.3g} (NNSERVICE_MAX_TRAINING_WORK); use fewer epochs, "
            f"smaller layers{', fewer folds' if trainings > 1 else ''} or a sample of the rows",
            errors=[
                FieldError("hyperparameters", f"work {work:.3g} is over the budget {settings.max_training_work:.3g}")
            ],
        )
