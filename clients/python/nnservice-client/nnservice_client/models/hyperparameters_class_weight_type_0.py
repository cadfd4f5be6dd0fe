from enum import StrEnum


class HyperparametersClassWeightType0(StrEnum):
    BALANCED = "balanced"

    def __str__(self) -> str:
        return str(self.value)
