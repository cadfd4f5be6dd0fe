from enum import StrEnum


class ColumnOptionsImputeType0(StrEnum):
    CONSTANT = "constant"
    MEAN = "mean"
    MEDIAN = "median"

    def __str__(self) -> str:
        return str(self.value)
