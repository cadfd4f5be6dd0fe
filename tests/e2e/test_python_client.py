"""The generated Python client (clients/python/, `make client`) against the real `nnservice serve`:
the whole loop of a user, with nothing but the client's typed functions and models."""

import csv
import io
import time
import uuid

from nnservice_client import AuthenticatedClient
from nnservice_client.api.datasets import upload_dataset_v1_datasets_post as upload_dataset
from nnservice_client.api.jobs import cancel_job_v1_jobs_job_id_cancel_post as cancel_job
from nnservice_client.api.jobs import cost_history_v1_jobs_job_id_cost_history_get as get_cost_history
from nnservice_client.api.jobs import create_job_v1_jobs_post as create_job
from nnservice_client.api.jobs import get_job_v1_jobs_job_id_get as get_job
from nnservice_client.api.models import get_model_v1_models_model_id_get as get_model
from nnservice_client.api.models import predict_v1_models_model_id_predict_post as predict
from nnservice_client.models import (
    CostHistory,
    CreateJobV1JobsPostResponse422,
    DatasetRead,
    GetJobV1JobsJobIdGetResponse404,
    Hyperparameters,
    JobCreate,
    JobRead,
    JobStatus,
    ModelRead,
    PredictRequest,
    PredictRequestRecordsType0Item,
    PredictResponse,
)

from .conftest import admin_key

# A two-class table with a number, a category and a gap: y is "yes" when x is large or the colour is red.
ROWS = [
    {
        "x": (i % 10) / 10,
        "colour": ["red", "green", "blue"][i % 3] if i % 17 else None,
        "y": "yes" if i % 10 > 6 or i % 3 == 0 else "no",
    }
    for i in range(90)
]
TRAINED = {JobStatus.SUCCEEDED, JobStatus.FAILED, JobStatus.CANCELLED}


def table_csv() -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, ["x", "colour", "y"], lineterminator="\n")
    writer.writeheader()
    writer.writerows(ROWS)
    return out.getvalue()


def wait_until(client: AuthenticatedClient, job_id: str, statuses: set[JobStatus], timeout: float = 60) -> JobRead:
    deadline = time.monotonic() + timeout
    while True:
        job = get_job.sync(job_id, client=client)
        assert isinstance(job, JobRead), job
        if job.status in statuses or time.monotonic() > deadline:
            return job
        time.sleep(0.1)


def test_the_generated_client_uploads_trains_predicts_and_reads_problems(start_server):
    server = start_server(workers=1)
    with AuthenticatedClient(
        base_url=server.url, token=admin_key(server.data_dir), raise_on_unexpected_status=True
    ) as client:
        dataset = upload_dataset.sync(client=client, body=table_csv(), name="colours")  # a text/csv body
        assert isinstance(dataset, DatasetRead), dataset
        assert (dataset.name, dataset.row_count, dataset.column_count) == ("colours", 90, 3)

        request = JobCreate(
            dataset_id=dataset.id, target="y", hyperparameters=Hyperparameters(hidden_layers=[8], epochs=40)
        )
        created = create_job.sync_detailed(client=client, body=request)
        assert created.status_code == 202 and created.headers["location"] == f"/v1/jobs/{created.parsed.id}"
        job = wait_until(client, created.parsed.id, TRAINED)
        assert job.status == JobStatus.SUCCEEDED, job.error
        assert job.progress.epoch == 40

        model = get_model.sync(job.model_id, client=client)
        assert isinstance(model, ModelRead), model
        assert model.target == "y" and model.classes == ["no", "yes"] and model.features == ["x", "colour"]

        records = [
            PredictRequestRecordsType0Item.from_dict({"x": 0.9, "colour": "red"}),
            PredictRequestRecordsType0Item.from_dict({"x": 0.1, "colour": "purple"}),
        ]
        predicted = predict.sync(model.id, client=client, body=PredictRequest(records=records))
        assert isinstance(predicted, PredictResponse), predicted
        assert len(predicted.predictions) == 2 and set(predicted.predictions) <= {"no", "yes"}
        assert all(abs(sum(p) - 1) < 1e-9 for p in predicted.probabilities)
        assert [(w.row, w.column) for w in predicted.warnings] == [(1, "colour")]  # a level never seen

        history = get_cost_history.sync(job.id, client=client)
        assert isinstance(history, CostHistory), history
        assert history.count == 40 and [row.epoch for row in history.data] == list(range(1, 41))
        # CSV: the typed function parses its 200 as JSON, so the CSV is read from the client's own httpx client
        answer = client.get_httpx_client().get(f"/v1/jobs/{job.id}/cost-history", params={"format": "csv"})
        table = list(csv.DictReader(io.StringIO(answer.text)))
        assert answer.headers["content-type"].startswith("text/csv") and len(table) == 40
        assert float(table[-1]["train_cost"]) == history.data[-1].train_cost

        long_request = JobCreate(dataset_id=dataset.id, target="y", hyperparameters=Hyperparameters(epochs=100_000))
        long_job = create_job.sync(client=client, body=long_request)
        cancelled = cancel_job.sync_detailed(long_job.id, client=client)
        assert cancelled.status_code in (200, 202), cancelled.content  # queued: at once; running: at its next epoch
        assert wait_until(client, long_job.id, TRAINED).status == JobStatus.CANCELLED

        missing = get_job.sync_detailed(str(uuid.uuid4()), client=client)
        assert missing.status_code == 404 and isinstance(missing.parsed, GetJobV1JobsJobIdGetResponse404)
        assert missing.parsed.status == 404 and "does not exist" in missing.parsed.detail

        wrong = create_job.sync_detailed(client=client, body=JobCreate(dataset_id=dataset.id, target="nope"))
        assert wrong.status_code == 422 and isinstance(wrong.parsed, CreateJobV1JobsPostResponse422)
        assert wrong.parsed.status == 422 and [e.field for e in wrong.parsed.errors] == ["target"]
