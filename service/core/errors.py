"""The service's exceptions: each carries its HTTP status, and one handler (in `api/problems.py`)
turns any of them into an RFC 9457 `application/problem+json` body.

Service code raises these and never imports FastAPI's HTTPException.
"""

from dataclasses import dataclass


@dataclass
class FieldError:
    """One offending input: `field` is a dotted path ("hyperparameters.learning_rate",
    "instances.3.7" for row 3, column 7), `message` says what to change."""

    field: str
    message: str


class ServiceError(Exception):
    status = 500
    title = "Internal Server Error"

    def __init__(self, detail: str, *, errors: list[FieldError] | None = None, headers: dict[str, str] | None = None):
        super().__init__(detail)
        self.detail = detail
        self.errors = errors or []
        self.headers = headers or {}


class Unauthorized(ServiceError):
    status, title = 401, "Unauthorized"

    def __init__(self, detail: str, *, error: str | None = None):
        challenge = 'Bearer realm="nnservice"' + (f', error="{error}"' if error else "")
        super().__init__(detail, headers={"WWW-Authenticate": challenge})


class NotFound(ServiceError):
    status, title = 404, "Not Found"


class Conflict(ServiceError):
    status, title = 409, "Conflict"


class PayloadTooLarge(ServiceError):
    status, title = 413, "Content Too Large"


class UnsupportedMediaType(ServiceError):
    status, title = 415, "Unsupported Media Type"


class Unprocessable(ServiceError):
    """The request is well formed but its content cannot be used (bad data, bad values)."""

    status, title = 422, "Unprocessable Content"


class TooManyRequests(ServiceError):
    status, title = 429, "Too Many Requests"


class StoredDataUnreadable(ServiceError):
    """What the database holds cannot be read back (altered, or not ours): the server's fault, not
    the client's, and nothing in it was trusted or executed."""

    status, title = 500, "Internal Server Error"


def unprocessable(field: str, message: str) -> Unprocessable:
    """A 422 about one field, its detail naming the field."""
    return Unprocessable(f"{field}: {message}", errors=[FieldError(field, message)])
