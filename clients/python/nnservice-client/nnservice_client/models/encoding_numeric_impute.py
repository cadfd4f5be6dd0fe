from enum import StrEnum


class EncodingNumericImpute(StrEnum):
    CONSTANT = "constant"
    MEAN = "mean"
    MEDIAN = "median"

    def __str__(self) -> str:
        return str(self.value)
