from enum import StrEnum


class HyperparametersInit(StrEnum):
    AUTO = "auto"
    GLOROT_NORMAL = "glorot_normal"
    GLOROT_UNIFORM = "glorot_uniform"
    HE_NORMAL = "he_normal"
    HE_UNIFORM = "he_uniform"
    XAVIER_NORMAL = "xavier_normal"
    XAVIER_UNIFORM = "xavier_uniform"

    def __str__(self) -> str:
        return str(self.value)
