"""GET /metrics: it parses with Prometheus's own parser, holds every family an operator needs, and
its figures move as datasets are uploaded, jobs run and predictions are made."""

import time

from fastapi.testclient import TestClient
from prometheus_client.parser import text_string_to_metric_families
from sqlalchemy import update

from service.core.db import Database
from service.core.db_clock import db_now
from service.core.tables import WorkerPresence
from service.jobs import presence as worker_presence
from service.main import create_app
from tests.service.conftest import TINY_CSV, run_next_job, upload_csv

FAMILIES = {
    "nnservice_database_up": "gauge",
    "nnservice_jobs": "gauge",
    "nnservice_queue_depth": "gauge",
    "nnservice_queue_oldest_age_seconds": "gauge",
    "nnservice_training_seconds": "counter",
    "nnservice_training_epochs": "counter",
    "nnservice_training_epochs_per_second": "gauge",
    "nnservice_workers": "gauge",
    "nnservice_worker_heartbeat_age_seconds": "gauge",
    "nnservice_http_requests": "counter",
    "nnservice_http_request_duration_seconds": "histogram",
    "nnservice_prediction_duration_seconds": "histogram",
    "nnservice_predicted_rows": "counter",
    "nnservice_dataset_uploads": "counter",
    "nnservice_dataset_upload_bytes": "counter",
}


def scrape(client) -> dict:
    """{(sample name, sorted labels): value}, parsed by the Prometheus client's own parser."""
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=")
    samples = {}
    for family in text_string_to_metric_families(response.text):
        for sample in family.samples:
            samples[sample.name, tuple(sorted(sample.labels.items()))] = sample.value
    return samples


def value(samples: dict, name: str, **labels) -> float:
    return samples.get((name, tuple(sorted(labels.items()))), 0.0)


def test_every_family_is_there_with_its_type_and_needs_no_key(anonymous):
    response = anonymous.get("/metrics")
    families = {f.name: f.type for f in text_string_to_metric_families(response.text)}
    assert {name: families.get(name) for name in FAMILIES} == FAMILIES
    assert value(scrape(anonymous), "nnservice_database_up") == 1.0


def test_figures_move_as_datasets_jobs_and_predictions_happen(client, worker):
    before = scrape(client)
    dataset = upload_csv(client)
    epochs = 40
    body = {"dataset_id": dataset["id"], "target": "label", "exclude": ["id"], "hyperparameters": {"epochs": epochs}}
    job = client.post("/v1/jobs", json=body).json()
    queued = scrape(client)
    assert value(queued, "nnservice_dataset_uploads_total", format="csv") == 1 + value(
        before, "nnservice_dataset_uploads_total", format="csv"
    )
    assert value(queued, "nnservice_dataset_upload_bytes_total") - value(
        before, "nnservice_dataset_upload_bytes_total"
    ) == len(TINY_CSV)
    assert value(queued, "nnservice_jobs", status="queued") == 1
    assert value(queued, "nnservice_queue_depth") == 1
    assert value(queued, "nnservice_queue_oldest_age_seconds") >= 0

    run_next_job(worker)
    model_id = client.get(f"/v1/jobs/{job['id']}").json()["model_id"]
    rows = [[1.0, 2.0], [0.5, 0.1], [3.0, 1.5]]
    assert client.post(f"/v1/models/{model_id}/predict", json={"instances": rows}).status_code == 200
    after = scrape(client)
    assert value(after, "nnservice_jobs", status="queued") == 0
    assert value(after, "nnservice_jobs", status="succeeded") == 1
    assert value(after, "nnservice_queue_depth") == 0
    assert value(after, "nnservice_training_epochs_total") == epochs
    assert value(after, "nnservice_training_seconds_total") > 0
    assert value(after, "nnservice_predicted_rows_total") == len(rows)
    assert value(after, "nnservice_prediction_duration_seconds_count") == 1
    assert value(after, "nnservice_prediction_duration_seconds_sum") > 0
    predict_route = {"method": "POST", "route": "/v1/models/{model_id}/predict"}
    assert value(after, "nnservice_http_requests_total", **predict_route, status="200") == 1
    assert value(after, "nnservice_http_request_duration_seconds_count", **predict_route) == 1
    assert value(after, "nnservice_http_requests_total", method="POST", route="/v1/jobs", status="202") == 1


def test_requests_are_counted_by_route_template_and_status_never_by_raw_path(client):
    client.get("/v1/jobs/00000000-0000-4000-8000-000000000000")
    client.get("/v1/jobs/not-a-uuid")
    client.get("/no/such/path")
    samples = scrape(client)
    job_route = {"method": "GET", "route": "/v1/jobs/{job_id}"}
    assert value(samples, "nnservice_http_requests_total", **job_route, status="404") == 1
    assert value(samples, "nnservice_http_requests_total", **job_route, status="422") == 1
    assert value(samples, "nnservice_http_requests_total", method="GET", route="unmatched", status="404") == 1
    assert not any("not-a-uuid" in str(labels) or "/no/such" in str(labels) for _, labels in samples)


def test_workers_are_counted_while_heard_from_and_a_silent_one_shows_its_age(client, db):
    worker_presence.beat(db, "host-a:1", job_id=None)
    worker_presence.beat(db, "host-b:2", job_id="00000000-0000-4000-8000-000000000000")
    samples = scrape(client)
    assert value(samples, "nnservice_workers", state="idle") == 1
    assert value(samples, "nnservice_workers", state="busy") == 1
    assert 0 <= value(samples, "nnservice_worker_heartbeat_age_seconds", worker="host-a:1") < 5

    with db.write_session() as session:  # host-a went silent two minutes ago (killed, say)
        session.execute(update(WorkerPresence).where(WorkerPresence.id == "host-a:1").values(heartbeat_at=db_now(-120)))
    samples = scrape(client)
    assert value(samples, "nnservice_workers", state="idle") == 0
    assert 119 < value(samples, "nnservice_worker_heartbeat_age_seconds", worker="host-a:1") < 130

    worker_presence.withdraw(db, "host-b:2")  # a clean stop
    samples = scrape(client)
    assert value(samples, "nnservice_workers", state="busy") == 0
    assert ("nnservice_worker_heartbeat_age_seconds", (("worker", "host-b:2"),)) not in samples


def test_a_worker_announces_itself_while_it_runs_and_withdraws_when_it_stops(db):
    presence = worker_presence.Presence(db, "host-c:3", interval=0.05)
    presence.start()
    presence.holding("00000000-0000-4000-8000-000000000000")
    try:
        for _ in range(100):
            with db.read_session() as session:
                row = session.get(WorkerPresence, "host-c:3")
            if row is not None and row.job_id:
                break
            time.sleep(0.05)
        assert row is not None and row.job_id == "00000000-0000-4000-8000-000000000000"
    finally:
        presence.stop()
    with db.read_session() as session:
        assert session.get(WorkerPresence, "host-c:3") is None


def test_an_unreachable_database_still_answers_and_says_so(settings):
    unreachable = Database("postgresql+psycopg://postgres@127.0.0.1:1/none?connect_timeout=1")
    with TestClient(create_app(settings, unreachable)) as client:
        samples = scrape(client)
    assert value(samples, "nnservice_database_up") == 0
    assert ("nnservice_jobs", (("status", "queued"),)) not in samples


def test_each_answer_carries_a_request_id_which_the_job_keeps(client, trained):
    sent = client.get("/healthz", headers={"X-Request-ID": "curl-1234"})
    assert sent.headers["x-request-id"] == "curl-1234"
    made = client.get("/healthz").headers["x-request-id"]
    assert len(made) == 32 and made != client.get("/healthz").headers["x-request-id"]
    unsafe = client.get("/healthz", headers={"X-Request-ID": "a b\tc" + "x" * 80}).headers["x-request-id"]
    assert len(unsafe) == 32  # not echoed into logs and headers: a new one

    body = {"dataset_id": trained["dataset"]["id"], "target": "label", "exclude": ["id"]}
    response = client.post("/v1/jobs", json=body, headers={"X-Request-ID": "story-42"})
    assert response.headers["x-request-id"] == "story-42"
    assert response.json()["request_id"] == "story-42"
    assert client.get(response.headers["location"]).json()["request_id"] == "story-42"
