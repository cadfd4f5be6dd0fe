"""Idempotency-Key on POST /v1/jobs and POST /v1/datasets: a retried request gets the original."""

import threading

import pytest

from service.core.tables import Dataset, IdempotencyKey, Job
from tests.service.conftest import TINY_CSV, count, upload_csv

KEY = {"Idempotency-Key": "3f1c2a9e-retry-me"}


def post_job(client, dataset_id, headers=KEY, **hyperparameters):
    return client.post(
        "/v1/jobs",
        json={"dataset_id": dataset_id, "target": "label", "exclude": ["id"], "hyperparameters": hyperparameters},
        headers=headers,
    )


def test_retried_job_request_answers_the_original_job(client, db):
    dataset = upload_csv(client)
    first = post_job(client, dataset["id"], epochs=3)
    again = post_job(client, dataset["id"], epochs=3)
    assert first.status_code == again.status_code == 202
    assert again.json()["id"] == first.json()["id"] and again.headers["Location"] == first.headers["Location"]
    assert again.headers["Idempotent-Replayed"] == "true" and "Idempotent-Replayed" not in first.headers
    assert count(db, Job) == 1
    other = post_job(client, dataset["id"], headers={"Idempotency-Key": "another"}, epochs=3)
    assert other.json()["id"] != first.json()["id"] and count(db, Job) == 2
    assert post_job(client, dataset["id"], headers={}, epochs=3).status_code == 202 and count(db, Job) == 3


def test_retried_upload_answers_the_original_dataset(client, db):
    files = {"file": ("tiny.csv", TINY_CSV, "text/csv")}
    first = client.post("/v1/datasets", files=files, headers=KEY)
    again = client.post("/v1/datasets", files=files, headers=KEY)  # a new multipart boundary, same upload
    assert first.status_code == again.status_code == 201
    assert again.json()["id"] == first.json()["id"] and again.headers["Location"] == first.headers["Location"]
    assert count(db, Dataset) == 1
    raw = client.post("/v1/datasets", content=TINY_CSV, headers={**KEY, "Content-Type": "text/csv"})
    assert raw.status_code == 422  # same key, a different request (the name differs): refused
    assert count(db, Dataset) == 1


def test_a_key_reused_for_a_different_job_is_refused_and_queues_nothing(client, db):
    dataset = upload_csv(client)
    post_job(client, dataset["id"], epochs=3)
    reused = post_job(client, dataset["id"], epochs=4)
    assert reused.status_code == 422
    body = reused.json()
    assert body["errors"][0]["field"] == "Idempotency-Key" and "different request" in body["detail"]
    assert count(db, Job) == 1


@pytest.mark.parametrize("key", ["", "x" * 256, "naïve-ключ"])
def test_an_invalid_key_is_refused_and_nothing_is_written(client, db, key):
    dataset = upload_csv(client)
    response = post_job(client, dataset["id"], headers={"Idempotency-Key": key.encode()})
    assert response.status_code == 422 and "Idempotency-Key" in response.json()["detail"]
    assert count(db, Job) == 0 and count(db, IdempotencyKey) == 0


def test_a_failed_request_does_not_keep_its_key(client, db):
    dataset = upload_csv(client)
    assert post_job(client, dataset["id"], learning_rate=-1).status_code == 422
    assert count(db, IdempotencyKey) == 0
    assert post_job(client, dataset["id"]).status_code == 202 and count(db, Job) == 1


def test_concurrent_requests_with_one_key_create_one_job(client, db):
    dataset = upload_csv(client)
    barrier = threading.Barrier(6)
    responses = []

    def send() -> None:
        barrier.wait()
        responses.append(post_job(client, dataset["id"], epochs=3))

    threads = [threading.Thread(target=send) for _ in range(6)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [r.status_code for r in responses] == [202] * 6
    assert len({r.json()["id"] for r in responses}) == 1
    assert sum(r.headers.get("Idempotent-Replayed") == "true" for r in responses) == 5  # all but the first
    assert count(db, Job) == 1


def test_a_retry_after_the_dataset_was_deleted_uploads_it_again(client, db):
    files = {"file": ("tiny.csv", TINY_CSV, "text/csv")}
    first = client.post("/v1/datasets", files=files, headers=KEY).json()["id"]
    assert client.delete(f"/v1/datasets/{first}").status_code == 204
    again = client.post("/v1/datasets", files=files, headers=KEY)
    assert again.status_code == 201 and again.json()["id"] != first
    assert "Idempotent-Replayed" not in again.headers and count(db, Dataset) == 1


def test_an_expired_key_may_be_used_again(client, db, settings):
    dataset = upload_csv(client)
    first = post_job(client, dataset["id"], epochs=3).json()["id"]
    settings.idempotency_key_hours = 0  # every stored key is now past its time
    second = post_job(client, dataset["id"], epochs=3).json()["id"]
    assert second != first and count(db, Job) == 2 and count(db, IdempotencyKey) == 1
