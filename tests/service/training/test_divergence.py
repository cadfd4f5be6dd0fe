"""A job whose cost explodes while staying finite (or whose weights leave the engine's bound) fails as
diverged through HTTP: naming the epoch and what to change, its cost history kept, no model stored."""

import re

from service.core.tables import Model
from tests.service.conftest import count, upload_csv


def test_a_finite_explosion_fails_the_job_as_diverged_with_its_history_and_no_model(client, db, train_job):
    # plain SGD at learning rate 10 through linear units: the cost grows by 1e64 and never overflows,
    # which used to end `succeeded` with a useless model
    dataset = upload_csv(client)
    hyperparameters = {"optimizer": "sgd", "learning_rate": 10, "activation": "identity", "epochs": 200}
    job = train_job(
        {"dataset_id": dataset["id"], "target": "label", "exclude": ["id"], "hyperparameters": hyperparameters}
    )
    assert job["status"] == "failed" and job["model_id"] is None
    diverged = re.match(
        r"training diverged at epoch (\d+): the cost grew to \S+, over 1e\+06 times the first epoch's", job["error"]
    )
    assert diverged, job["error"]
    assert "lower the learning rate (it was 10)" in job["error"]
    epoch = int(diverged.group(1))
    history = client.get(f"/v1/jobs/{job['id']}/cost-history").json()
    assert [row["epoch"] for row in history["data"]] == list(range(1, epoch + 1))  # up to the blow-up, kept
    assert history["data"][-1]["train_cost"] > 1e6 * history["data"][0]["train_cost"]
    assert job["progress"]["epoch"] == epoch
    assert count(db, Model) == 0
