"""Only the engine's own checks of its input become a job's "cannot train on this data"; any other
error inside the engine is a bug, and the job fails as one, so it is reported rather than blamed on the data."""

from nn_engine.preprocessing import StandardScaler
from tests.service.conftest import upload_csv


def test_a_plain_value_error_inside_the_engine_fails_the_job_as_an_internal_error(client, train_job, monkeypatch):
    def broken_fit(self, X):
        raise ValueError("operands could not be broadcast together")  # what a bug in the engine's NumPy code raises

    monkeypatch.setattr(StandardScaler, "fit", broken_fit)
    dataset = upload_csv(client)
    job = train_job(
        {"dataset_id": dataset["id"], "target": "label", "exclude": ["id"], "hyperparameters": {"epochs": 3}}
    )
    assert job["status"] == "failed"
    assert job["error"].startswith("internal error while training (ValueError: operands could not be broadcast")
    assert "cannot train on this data" not in job["error"]
    assert job["model_id"] is None


def test_the_engines_own_check_fails_the_job_naming_the_data(client, train_job):
    dataset = upload_csv(client)
    body = {
        "dataset_id": dataset["id"],
        "target": "label",
        "exclude": ["id"],
        "hyperparameters": {"epochs": 3, "class_weight": {"yes": 1, "maybe": 2}},
    }
    job = train_job(body)
    assert job["status"] == "failed"
    assert "cannot train on this data" in job["error"] and "maybe" in job["error"]
