"""A sweep's search space: which hyperparameters vary, over what, and the trials drawn from it.

- grid: every combination of the listed values (the product), in order: the last parameter varies fastest;
- random: `trials` draws, each parameter independently: a list uniformly among its values, a range
  `{"min", "max"}` uniformly, or log-uniformly with `"log": true` (learning rates, L2); whole-number
  parameters (epochs, batch_size, ...) draw whole numbers. Drawn with `seed`: the same request
  draws the same trials.

Pure computation: no database, no HTTP. Checking a trial's full set of hyperparameters is the
sweep's (`sweeps.py`), through the same schema and checks as a job's.
"""

import math
import types
from collections.abc import Callable
from itertools import product
from typing import Annotated, Any, Union, get_args, get_origin

import numpy as np

from service.core.errors import unprocessable
from service.jobs.schemas import Hyperparameters
from service.sweeps.schemas import Range, Search


def expand(search: Search, *, max_trials: int, check_value: Callable[[str, Any, str], None]) -> list[dict[str, Any]]:
    """The trials' parameters, in trial order; 422 naming the field for a search that is not
    valid or is larger than `max_trials`. Every listed value and both ends of every range are
    first passed to `check_value(name, value, where)`, which raises for a value no trial may take,
    whether or not a draw would pick it."""
    check(search, max_trials=max_trials)
    for name, values in search.parameters.items():
        if isinstance(values, Range):
            for end in ("min", "max"):
                value = getattr(values, end)
                check_value(name, int(value) if numeric_kind(name) is int else value, f"the range's {end}")
        else:
            for i, value in enumerate(values):
                check_value(name, value, f"value {i + 1} of {len(values)}")
    names = list(search.parameters)
    if search.method == "grid":
        return [dict(zip(names, values, strict=True)) for values in product(*search.parameters.values())]
    rng = np.random.default_rng(search.seed)
    assert search.trials is not None  # check() refuses a random search without it
    return [{name: draw(name, search.parameters[name], rng) for name in names} for _ in range(search.trials)]


def check(search: Search, *, max_trials: int) -> None:
    for name, values in search.parameters.items():
        field = f"search.parameters.{name}"
        if name not in Hyperparameters.model_fields:
            searchable = ", ".join(Hyperparameters.model_fields)
            raise unprocessable(field, f"no hyperparameter {name!r}; these can be searched: {searchable}")
        if isinstance(values, Range):
            _check_range(name, values, method=search.method)
    if search.method == "grid":
        if search.trials is not None:
            raise unprocessable("search.trials", "is for random search; a grid runs every combination of its lists")
        size = math.prod(len(values) for values in search.parameters.values())
        if size > max_trials:
            sizes = " x ".join(f"{len(v)} {n}" for n, v in search.parameters.items())
            raise unprocessable(
                "search.parameters",
                f"the grid has {sizes} = {size} combinations; this service runs at most {max_trials} trials per sweep "
                "(NNSERVICE_MAX_SWEEP_TRIALS): list fewer values, or use random search with `trials`",
            )
    else:
        if search.trials is None:
            raise unprocessable("search.trials", "random search needs the number of trials to draw")
        if search.trials > max_trials:
            raise unprocessable(
                "search.trials",
                f"{search.trials} trials; this service runs at most {max_trials} per sweep (NNSERVICE_MAX_SWEEP_TRIALS)",
            )


def _check_range(name: str, bounds: Range, *, method: str) -> None:
    field = f"search.parameters.{name}"
    if method == "grid":
        raise unprocessable(field, "a grid takes a list of values; a range {min, max} is for random search")
    kind = numeric_kind(name)
    if kind is None:
        raise unprocessable(field, f"{name!r} is not a number: a range {{min, max}} needs one; give a list of values")
    if bounds.min > bounds.max:
        raise unprocessable(field, f"min {bounds.min} is greater than max {bounds.max}")
    if bounds.log and bounds.min <= 0:
        raise unprocessable(field, f"a log-uniform range needs min > 0, got {bounds.min}")
    if kind is int and not (float(bounds.min).is_integer() and float(bounds.max).is_integer()):
        raise unprocessable(field, f"{name!r} takes whole numbers: min and max must be whole")


def numeric_kind(name: str) -> type | None:
    """int or float for a hyperparameter that takes a number (float where it takes either, or a
    number or a list, as dropout does); None for the others (choices, lists, switches)."""
    return _kind(Hyperparameters.model_fields[name].annotation)


def _kind(annotation) -> type | None:
    origin = get_origin(annotation)
    if origin is Annotated:
        return _kind(get_args(annotation)[0])
    if origin in (Union, types.UnionType):
        kinds = {_kind(member) for member in get_args(annotation) if member is not type(None)}
        return float if float in kinds else int if int in kinds else None
    return annotation if annotation in (int, float) else None  # bool is neither


def draw(name: str, values: list | Range, rng: np.random.Generator) -> Any:
    """One value of a parameter: among a list's values, or within a range (both ends included)."""
    if not isinstance(values, Range):
        return values[int(rng.integers(len(values)))]
    low, high = values.min, values.max
    if numeric_kind(name) is int:
        low, high = int(low), int(high)
        if not values.log:
            return int(rng.integers(low, high + 1))
        value: float = math.floor(math.exp(rng.uniform(math.log(low), math.log(high + 1))))
        return min(max(value, low), high)
    value = math.exp(rng.uniform(math.log(low), math.log(high))) if values.log else rng.uniform(low, high)
    return min(max(float(value), low), high)  # exp(log(x)) may land a rounding error outside
