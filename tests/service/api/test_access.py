"""API keys and tenants: every /v1 route needs a key, and another owner's resources are answered
exactly as resources that do not exist."""

import pytest

from service.core import api_keys
from service.core.tables import Dataset, Job, Model
from tests.service.conftest import bearer, count, run_next_job, upload_csv

MISSING = "00000000-0000-0000-0000-000000000000"


@pytest.fixture
def alices(client, worker) -> dict:
    """A dataset, a finished job and its model, all of owner alice."""
    dataset = upload_csv(client)
    body = {"dataset_id": dataset["id"], "target": "label", "exclude": ["id"], "hyperparameters": {"epochs": 3}}
    job = client.post("/v1/jobs", json=body).json()
    run_next_job(worker)
    model_id = client.get(f"/v1/jobs/{job['id']}").json()["model_id"]
    assert model_id
    return {"dataset": dataset["id"], "job": job["id"], "model": model_id}


def routes(ids: dict) -> list[tuple[str, str, dict]]:
    """Every /v1 route that names a resource: method, path, request body."""
    d, j, m = ids["dataset"], ids["job"], ids["model"]
    return [
        ("GET", f"/v1/datasets/{d}", {}),
        ("DELETE", f"/v1/datasets/{d}", {}),
        ("GET", f"/v1/jobs/{j}", {}),
        ("POST", f"/v1/jobs/{j}/cancel", {}),
        ("POST", f"/v1/jobs/{j}/cancel?keep_partial=true", {}),
        ("POST", f"/v1/jobs/{j}/replay", {}),
        ("GET", f"/v1/jobs/{j}/cost-history", {}),
        ("GET", f"/v1/jobs/{j}/cost-history?format=csv", {}),
        ("GET", f"/v1/models/{m}", {}),
        ("POST", f"/v1/models/{m}/predict", {"json": {"instances": [[0.1, 0.2]]}}),
        ("POST", f"/v1/models/{m}/evaluate", {"json": {"dataset_id": d}}),
        ("GET", f"/v1/models/{m}/export?format=onnx", {}),
        ("DELETE", f"/v1/models/{m}", {}),
    ]


def test_another_owner_gets_404_on_every_route_exactly_as_for_a_missing_id(client, db, alices):
    bob = bearer(db, "bob")
    missing = {key: MISSING for key in alices}
    for (method, path, body), (_, missing_path, _) in zip(routes(alices), routes(missing), strict=True):
        theirs = client.request(method, path, headers=bob, **body)
        nothing = client.request(method, missing_path, headers=bob, **body)
        assert theirs.status_code == nothing.status_code == 404, (method, path, theirs.text)
        assert theirs.json()["detail"] == nothing.json()["detail"].replace(MISSING, path.split("/")[3].split("?")[0])
    for listing in ("/v1/datasets", "/v1/jobs", "/v1/models"):
        assert client.get(listing, headers=bob).json() == {"data": [], "count": 0}
    job = client.post("/v1/jobs", headers=bob, json={"dataset_id": alices["dataset"], "target": "label"})
    assert job.status_code == 422 and "does not exist" in job.json()["detail"]  # her dataset is not his to use
    assert (count(db, Dataset), count(db, Job), count(db, Model)) == (1, 1, 1)  # nothing of hers was touched
    assert client.get(f"/v1/models/{alices['model']}").status_code == 200  # and she still sees it all


def test_an_admin_key_sees_every_owner(client, db, alices):
    admin = bearer(db, "root", admin=True)
    assert client.get("/v1/jobs", headers=admin).json()["count"] == 1
    assert client.get(f"/v1/models/{alices['model']}", headers=admin).status_code == 200
    predicted = client.post(f"/v1/models/{alices['model']}/predict", headers=admin, json={"instances": [[0.1, 0.2]]})
    assert predicted.status_code == 200


@pytest.mark.parametrize(
    "authorization",
    [None, "Bearer nns_not-a-real-key", "Bearer ", "Basic YWxpY2U6c2VjcmV0", "nns_without_scheme", "Bearer x" * 500],
    ids=["missing", "unknown", "empty", "basic", "no-scheme", "huge"],
)
def test_no_valid_key_is_401_with_a_challenge_and_writes_nothing(anonymous, db, authorization):
    headers = {"Authorization": authorization} if authorization else {}
    for method, path in [("GET", "/v1/datasets"), ("POST", "/v1/jobs"), ("GET", f"/v1/models/{MISSING}")]:
        response = anonymous.request(method, path, headers=headers, json={})
        assert response.status_code == 401, (path, response.text)
        assert response.headers["WWW-Authenticate"].startswith('Bearer realm="nnservice"')
        assert response.headers["content-type"] == "application/problem+json"
    upload = anonymous.post("/v1/datasets", headers=headers, json={"columns": ["a"], "rows": [[1]]})
    assert upload.status_code == 401 and count(db, Dataset) == 0


def test_a_revoked_key_stops_working(anonymous, db, monkeypatch):
    from service.api import auth

    monkeypatch.setattr(auth, "KEY_CACHE_SECONDS", 0)  # no grace: the next request is checked afresh
    row, key = api_keys.create(db, owner="carol")
    headers = {"Authorization": f"Bearer {key}"}
    assert anonymous.get("/v1/datasets", headers=headers).status_code == 200
    api_keys.revoke(db, key_id=row.id)
    response = anonymous.get("/v1/datasets", headers=headers)
    assert response.status_code == 401 and 'error="invalid_token"' in response.headers["WWW-Authenticate"]


def test_health_stays_open(anonymous):
    assert anonymous.get("/healthz").status_code == 200
    assert anonymous.get("/readyz").status_code == 200


def test_keys_are_random_and_stored_as_hashes_only(db):
    keys = [api_keys.create(db, owner="dave")[1] for _ in range(20)]
    assert len(set(keys)) == 20 and all(len(k) >= len("nns_") + 32 for k in keys)  # 192 random bits each
    stored = api_keys.list_(db)
    for row, key in zip(stored, keys, strict=True):
        assert row.key_hash == api_keys.hash_key(key) and key not in (row.key_hash, row.prefix)


def test_answers_never_show_lease_tokens_worker_ids_or_key_hashes(client, alices):
    job = client.get(f"/v1/jobs/{alices['job']}").json()
    text = str(job) + client.get("/v1/jobs").text + client.get(f"/v1/models/{alices['model']}").text
    for secret in ("lease_token", "worker_id", "key_hash", "test-worker", "owner"):
        assert secret not in text


def test_owners_have_separate_idempotency_keys(client, db):
    bob = bearer(db, "bob")
    same_key = {"Idempotency-Key": "shared-key"}
    body = {"columns": ["a", "y"], "rows": [[1, 0], [2, 1]]}
    alice_dataset = client.post("/v1/datasets", json=body, headers=same_key).json()["id"]
    bob_dataset = client.post("/v1/datasets", json=body, headers={**bob, **same_key}).json()["id"]
    assert alice_dataset != bob_dataset and count(db, Dataset) == 2
