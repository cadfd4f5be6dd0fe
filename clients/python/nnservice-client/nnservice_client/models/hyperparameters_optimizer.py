from enum import StrEnum


class HyperparametersOptimizer(StrEnum):
    ADAM = "adam"
    MOMENTUM = "momentum"
    NESTEROV = "nesterov"
    SGD = "sgd"

    def __str__(self) -> str:
        return str(self.value)
