from enum import StrEnum


class FollowJobEventsResponse200Event(StrEnum):
    END = "end"
    ERROR = "error"
    PROGRESS = "progress"
    STATUS = "status"

    def __str__(self) -> str:
        return str(self.value)
