"""Learning-rate schedules: the learning rate for each epoch (1-based), in a name-keyed table.

`LR_SCHEDULES` maps each accepted name to a function (epoch, settings) -> learning rate;
`LearningRateSchedule` holds the settings and picks its function by `kind`.
"""

import math
from collections.abc import Callable
from dataclasses import dataclass

from .exceptions import InvalidInputError


@dataclass(frozen=True)
class LearningRateSchedule:
    kind: str = "constant"  # a key of LR_SCHEDULES
    base: float = 0.001  # the learning rate at epoch 1
    step_size: int = 50  # step: epochs between drops; cyclical: epochs from low to high
    gamma: float = 0.5  # step: factor applied at each drop
    power_t: float = 0.5  # invscaling: lr = base / epoch ** power_t
    max_learning_rate: float | None = None  # cyclical: the peak; default 10 x base

    def __post_init__(self) -> None:
        if self.kind not in LR_SCHEDULES:
            raise InvalidInputError(f"unknown lr_schedule {self.kind!r}; choose one of {', '.join(LR_SCHEDULES)}")

    def learning_rate(self, epoch: int) -> float:
        return LR_SCHEDULES[self.kind](epoch, self)


def constant(epoch: int, s: LearningRateSchedule) -> float:
    """lr = base."""
    return s.base


def step(epoch: int, s: LearningRateSchedule) -> float:
    """lr = base * gamma ^ floor((epoch - 1) / step_size): a drop every step_size epochs."""
    return s.base * s.gamma ** ((epoch - 1) // s.step_size)


def invscaling(epoch: int, s: LearningRateSchedule) -> float:
    """lr = base / epoch ^ power_t."""
    return s.base / float(epoch**s.power_t)  # float(): int ** float is typed Any


def cyclical(epoch: int, s: LearningRateSchedule) -> float:
    """Smith (2017) triangular: up from base to the peak in step_size epochs, then down."""
    peak = s.max_learning_rate if s.max_learning_rate is not None else 10 * s.base
    position = (epoch - 1) / s.step_size  # in half-cycles
    x = abs(position - 2 * math.floor(position / 2) - 1)  # 1 at the ends, 0 at the peak
    return s.base + (peak - s.base) * (1 - x)


LR_SCHEDULES: dict[str, Callable[[int, LearningRateSchedule], float]] = {
    "constant": constant,
    "step": step,
    "invscaling": invscaling,
    "cyclical": cyclical,
}
