from enum import StrEnum


class HyperparametersLrSchedule(StrEnum):
    CONSTANT = "constant"
    CYCLICAL = "cyclical"
    INVSCALING = "invscaling"
    STEP = "step"

    def __str__(self) -> str:
        return str(self.value)
