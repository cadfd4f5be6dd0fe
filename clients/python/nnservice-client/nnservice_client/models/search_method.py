from enum import StrEnum


class SearchMethod(StrEnum):
    GRID = "grid"
    RANDOM = "random"

    def __str__(self) -> str:
        return str(self.value)
