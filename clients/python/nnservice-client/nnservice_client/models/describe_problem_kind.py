from enum import StrEnum


class DescribeProblemKind(StrEnum):
    BAD_REQUEST = "bad-request"
    CONFLICT = "conflict"
    CONTENT_TOO_LARGE = "content-too-large"
    FORBIDDEN = "forbidden"
    INTERNAL_ERROR = "internal-error"
    METHOD_NOT_ALLOWED = "method-not-allowed"
    NOT_FOUND = "not-found"
    SERVICE_UNAVAILABLE = "service-unavailable"
    TOO_MANY_REQUESTS = "too-many-requests"
    UNAUTHORIZED = "unauthorized"
    UNPROCESSABLE_CONTENT = "unprocessable-content"
    UNSUPPORTED_MEDIA_TYPE = "unsupported-media-type"

    def __str__(self) -> str:
        return str(self.value)
