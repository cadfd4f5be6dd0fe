"""What people and an operator's tools read from the real server and its real worker processes:
/metrics, the JSON log lines that tell one job's story from its request to its end, and the cost plot."""

import json
import struct
import time
from xml.etree import ElementTree

from prometheus_client.parser import text_string_to_metric_families

from .conftest import EXAMPLES, queue_breast_cancer_job, wait_for_status


def scrape(client) -> dict:
    samples = {}
    for family in text_string_to_metric_families(client.get("/metrics").text):
        for sample in family.samples:
            samples[sample.name, tuple(sorted(sample.labels.items()))] = sample.value
    return samples


def log_lines(output: str) -> list[dict]:
    """The server's JSON log records (its output is a file, not a terminal)."""
    return [json.loads(line) for line in output.splitlines() if line.startswith("{")]


def test_metrics_count_the_workers_and_move_when_a_job_runs(start_server):
    server = start_server(workers=2)
    client = server.client
    deadline = time.monotonic() + 20
    while scrape(client).get(("nnservice_workers", (("state", "idle"),))) != 2 and time.monotonic() < deadline:
        time.sleep(0.2)
    before = scrape(client)
    assert before["nnservice_workers", (("state", "idle"),)] == 2
    ages = [v for (name, _), v in before.items() if name == "nnservice_worker_heartbeat_age_seconds"]
    assert len(ages) == 2 and all(0 <= age < 15 for age in ages)

    job = queue_breast_cancer_job(client, epochs=30)
    assert wait_for_status(client, job["id"], {"succeeded", "failed"}, timeout=60)["status"] == "succeeded"
    after = scrape(client)
    assert after["nnservice_jobs", (("status", "succeeded"),)] == 1
    assert after["nnservice_queue_depth", ()] == 0
    assert after["nnservice_training_epochs_total", ()] == 30
    assert after["nnservice_training_seconds_total", ()] > 0
    assert after["nnservice_dataset_uploads_total", (("format", "csv"),)] == 1
    assert after["nnservice_dataset_upload_bytes_total", ()] == (EXAMPLES / "breast_cancer.csv").stat().st_size


def test_one_jobs_story_reads_end_to_end_by_its_request_id(start_server):
    server = start_server(workers=1)
    client = server.client
    job = queue_breast_cancer_job(client, headers={"X-Request-ID": "story-7f3a"}, epochs=20)
    assert wait_for_status(client, job["id"], {"succeeded", "failed"}, timeout=60)["status"] == "succeeded"
    time.sleep(0.5)  # the worker's last line reaches the file

    story = [r for r in log_lines(server.output()) if r.get("request_id") == "story-7f3a"]
    messages = [r["message"] for r in story]
    assert any(m.startswith("POST /v1/jobs 202") for m in messages), messages
    assert any(m.startswith("job queued") for m in messages), messages
    assert any("claimed" in m for m in messages), messages
    assert any(m.endswith("succeeded") for m in messages), messages
    assert len({r["process"] for r in story}) == 2  # the API's process and the worker's
    assert all(r["job_id"] == job["id"] for r in story if r["logger"] != "nnservice.access")
    access = next(r for r in story if r["logger"] == "nnservice.access")
    assert access["route"] == "/v1/jobs" and access["status"] == 202 and access["ms"] > 0
    assert all({"time", "level", "logger", "process", "message"} <= r.keys() for r in log_lines(server.output()))


def test_the_cost_plot_of_a_job_the_workers_ran(start_server):
    server = start_server(workers=1)
    client = server.client
    job = queue_breast_cancer_job(client, epochs=120, validation_fraction=0.2)
    assert wait_for_status(client, job["id"], {"succeeded", "failed"}, timeout=60)["status"] == "succeeded"

    svg = client.get(f"/v1/jobs/{job['id']}/cost-history.svg")
    assert svg.status_code == 200 and svg.headers["content-type"].startswith("image/svg+xml")
    paths = [p.get("d", "") for p in ElementTree.fromstring(svg.content).iter("{http://www.w3.org/2000/svg}path")]
    curves = sorted((d.count("L ") + 1 for d in paths), reverse=True)[:2]
    assert curves == [120, 120]  # training and validation, one point per epoch
    png = client.get(f"/v1/jobs/{job['id']}/cost-history.png")
    assert png.content[:8] == b"\x89PNG\r\n\x1a\n"
    assert struct.unpack(">II", png.content[16:24]) == (800, 700)  # costs above, gradient norms below
