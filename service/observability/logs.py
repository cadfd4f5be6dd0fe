"""Logging for the service's processes: JSON lines when stderr is not a terminal (a container, a
file, a log shipper), readable text when it is. Each record carries the request id and the job id
in effect where it was logged, so one job's story reads end to end: `grep <request id>` finds the
request that created it in the API's log and the claim, progress and end in its worker's.

NNSERVICE_LOG_FORMAT=json|text overrides the choice.
"""

import contextvars
import logging
import os
import sys
from contextlib import contextmanager
from datetime import UTC, datetime

import orjson

request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("request_id", default=None)
job_id: contextvars.ContextVar[str | None] = contextvars.ContextVar("job_id", default=None)
FORMAT_ENV = "NNSERVICE_LOG_FORMAT"


@contextmanager
def job_context(job: str, request: str | None = None):
    """Within it, records carry `job` (and `request`, when given, as the request id)."""
    tokens = [job_id.set(job)] + ([request_id.set(request)] if request else [])
    try:
        yield
    finally:
        for token in reversed(tokens):
            token.var.reset(token)


class ContextFilter(logging.Filter):
    """Puts the current request and job ids on every record."""

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = request_id.get()
        record.job_id = job_id.get()
        return True


class JsonFormatter(logging.Formatter):
    """One JSON object per line; fields passed as `extra={"fields": {...}}` are added at the top level."""

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "process": record.process,
            "message": record.getMessage(),
        }
        for name in ("request_id", "job_id"):
            if getattr(record, name, None):
                entry[name] = getattr(record, name)
        entry.update(getattr(record, "fields", {}))
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return orjson.dumps(entry, default=str).decode()


class TextFormatter(logging.Formatter):
    def __init__(self):
        super().__init__("%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s")

    def format(self, record: logging.LogRecord) -> str:
        line = super().format(record)
        ids = " ".join(
            f"{name}={getattr(record, name)}" for name in ("request_id", "job_id") if getattr(record, name, None)
        )
        return f"{line} ({ids})" if ids else line


def configure() -> None:
    """Send every logger, uvicorn's included, to stderr in the chosen format."""
    chosen = os.environ.get(FORMAT_ENV, "").lower()
    as_json = chosen == "json" or (chosen != "text" and not sys.stderr.isatty())
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonFormatter() if as_json else TextFormatter())
    handler.addFilter(ContextFilter())
    logging.basicConfig(level=logging.INFO, handlers=[handler], force=True)
