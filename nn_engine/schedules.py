"""Learning-rate schedules: the learning rate for each epoch (1-based)."""

import math
from dataclasses import dataclass

from .exceptions import InvalidInputError

LR_SCHEDULES = ("constant", "step", "invscaling", "cyclical")


@dataclass(frozen=True)
class LearningRateSchedule:
    kind: str = "constant"
    base: float = 0.001  # the learning rate at epoch 1
    step_size: int = 50  # step: epochs between drops; cyclical: epochs from low to high
    gamma: float = 0.5  # step: factor applied at each drop
    power_t: float = 0.5  # invscaling: lr = base / epoch ** power_t
    max_learning_rate: float | None = None  # cyclical: the peak; default 10 x base

    def learning_rate(self, epoch: int) -> float:
        if self.kind == "constant":
            return self.base
        if self.kind == "step":
            return self.base * self.gamma ** ((epoch - 1) // self.step_size)
        if self.kind == "invscaling":
            return self.base / epoch**self.power_t
        if self.kind == "cyclical":
            # Smith (2017) triangular: up from base to max in step_size epochs, then down.
            peak = self.max_learning_rate if self.max_learning_rate is not None else 10 * self.base
            position = (epoch - 1) / self.step_size  # in half-cycles
            x = abs(position - 2 * math.floor(position / 2) - 1)  # 1 at the ends, 0 at the peak
            return self.base + (peak - self.base) * (1 - x)
        raise InvalidInputError(f"unknown lr_schedule {self.kind!r}; choose one of {', '.join(LR_SCHEDULES)}")
