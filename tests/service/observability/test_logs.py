"""The log formats: JSON lines off a terminal, text on one, each with the request and job ids."""

import io
import json
import logging

import pytest

from service.observability import logs


@pytest.fixture
def captured(monkeypatch):
    def configure(log_format: str) -> io.StringIO:
        stream = io.StringIO()
        monkeypatch.setenv(logs.FORMAT_ENV, log_format)
        monkeypatch.setattr("sys.stderr", stream)
        logs.configure()
        return stream

    yield configure
    logging.basicConfig(force=True, handlers=[logging.NullHandler()])


def test_json_lines_carry_the_ids_in_effect_and_extra_fields(captured):
    stream = captured("json")
    log = logging.getLogger("nnservice.test")
    token = logs.request_id.set("req-1")
    try:
        with logs.job_context("job-9"):
            log.info("claimed %s", "it", extra={"fields": {"attempt": 2}})
        log.warning("after")
    finally:
        logs.request_id.reset(token)
    log.info("outside")
    first, second, third = (json.loads(line) for line in stream.getvalue().splitlines())
    assert first["message"] == "claimed it" and first["request_id"] == "req-1" and first["job_id"] == "job-9"
    assert first["attempt"] == 2 and first["level"] == "info" and first["logger"] == "nnservice.test"
    assert second["request_id"] == "req-1" and "job_id" not in second and second["level"] == "warning"
    assert "request_id" not in third


def test_a_job_context_sets_the_jobs_request_id_and_restores_the_callers(captured):
    stream = captured("json")
    with logs.job_context("job-1", "from-the-job"):
        logging.getLogger("nnservice.test").info("inside")
    assert logs.request_id.get() is None and logs.job_id.get() is None
    assert json.loads(stream.getvalue())["request_id"] == "from-the-job"


def test_text_lines_for_a_terminal_end_with_the_ids(captured):
    stream = captured("text")
    with logs.job_context("job-2", "req-2"):
        logging.getLogger("nnservice.test").info("hello")
    line = stream.getvalue().strip()
    assert line.endswith("hello (request_id=req-2 job_id=job-2)") and " INFO nnservice.test [" in line
