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
    status = 500  # its title and problem `type` follow from the status (api/problems.py KINDS)

    def __init__(self, detail: str, *, errors: list[FieldError] | None = None, headers: dict[str, str] | None = None):
        super().__init__(detail)
        self.detail = detail
        self.errors = errors or []
        self.headers = headers or {}


class Unauthorized(ServiceError):
    status = 401

    def __init__(self, detail: str, *, error: str | None = None):
        challenge = 'Bearer realm="nnservice"' + (f', error="{error}"' if error else "")
        super().__init__(detail, headers={"WWW-Authenticate": challenge})


class Forbidden(ServiceError):
    """A valid API key whose scope does not include what it asked for."""

    status = 403


class NotFound(ServiceError):
    status = 404


class Conflict(ServiceError):
    status = 409


class PayloadTooLarge(ServiceError):
    status = 413


class UnsupportedMediaType(ServiceError):
    status = 415


class Unprocessable(ServiceError):
    """The request is well formed but its content cannot be used (bad data, bad values)."""

    status = 422


class TooManyRequests(ServiceError):
    status = 429


class StoredDataUnreadable(ServiceError):
    """What the database holds cannot be read back (altered, or not ours): the server's fault, not
    the client's, and nothing in it was trusted or executed."""

    status = 500


def unprocessable(field: str, message: str) -> Unprocessable:
    """A 422 about one field, its detail naming the field."""
    return Unprocessable(f"{field}: {message}", errors=[FieldError(field, message)])
