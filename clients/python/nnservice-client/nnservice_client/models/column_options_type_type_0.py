from enum import StrEnum


class ColumnOptionsTypeType0(StrEnum):
    BOOLEAN = "boolean"
    CATEGORICAL = "categorical"
    DATETIME = "datetime"
    DROP = "drop"
    NUMERIC = "numeric"

    def __str__(self) -> str:
        return str(self.value)
