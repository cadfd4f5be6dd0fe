"""Jobs and models stored before encodings (migration 0008 leaves their `encoding` null) still train,
predict, evaluate, replay bit for bit and warm-start, on numeric columns as they did."""

from sqlalchemy import text

from nn_engine import model_from_bytes
from service.core.tables import Model
from tests.service.conftest import run_next_job, upload_csv

BUDGET = {"hidden_layers": [6], "epochs": 20, "learning_rate": 0.01, "seed": 2}


def test_a_job_from_before_encodings_trains_predicts_evaluates_replays_and_warm_starts(client, db, worker):
    dataset = upload_csv(client)
    body = {"dataset_id": dataset["id"], "target": "label", "exclude": ["id"], "hyperparameters": BUDGET}
    job_id = client.post("/v1/jobs", json=body).json()["id"]
    with db.engine.begin() as connection:  # what the migration leaves on a row stored before it
        connection.execute(text("UPDATE job SET encoding = NULL, columns = NULL WHERE id = :id"), {"id": job_id})
    run_next_job(worker)
    job = client.get(f"/v1/jobs/{job_id}").json()
    assert job["status"] == "succeeded", job["error"]
    assert job["encoding"] is None and job["columns"] is None
    with db.read_session() as session:
        stored = session.get(Model, job["model_id"])
        assert stored is not None and model_from_bytes(stored.payload).encoder_ is None
    model = client.get(f"/v1/models/{job['model_id']}").json()
    assert model["input_columns"] == [{"name": name, "type": "numeric"} for name in model["features"]]
    answer = client.post(f"/v1/models/{job['model_id']}/predict", json={"instances": [[1.0, 2.0]]})
    assert answer.status_code == 200 and "warnings" not in answer.json()
    evaluated = client.post(f"/v1/models/{job['model_id']}/evaluate", json={"dataset_id": dataset["id"]})
    assert evaluated.status_code == 200, evaluated.text
    replay_id = client.post(f"/v1/jobs/{job_id}/replay").json()["id"]
    run_next_job(worker)
    replay = client.get(f"/v1/jobs/{replay_id}").json()
    assert replay["encoding"] is None and replay["replay"]["identical"] is True, replay["replay"]
    warm = client.post("/v1/jobs", json={**body, "init_model_id": job["model_id"]})
    assert warm.status_code == 202, warm.text
    assert warm.json()["encoding"] is None  # the model's way: numeric columns, no encoder
    run_next_job(worker)
    assert client.get(f"/v1/jobs/{warm.json()['id']}").json()["status"] == "succeeded"
