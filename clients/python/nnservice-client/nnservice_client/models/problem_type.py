from enum import StrEnum


class ProblemType(StrEnum):
    VALUE_0 = "/problems/bad-request"
    VALUE_1 = "/problems/unauthorized"
    VALUE_10 = "/problems/internal-error"
    VALUE_11 = "/problems/service-unavailable"
    VALUE_2 = "/problems/forbidden"
    VALUE_3 = "/problems/not-found"
    VALUE_4 = "/problems/method-not-allowed"
    VALUE_5 = "/problems/conflict"
    VALUE_6 = "/problems/content-too-large"
    VALUE_7 = "/problems/unsupported-media-type"
    VALUE_8 = "/problems/unprocessable-content"
    VALUE_9 = "/problems/too-many-requests"

    def __str__(self) -> str:
        return str(self.value)
