"""The generated Python client (clients/python/, `make client`) against the real `nnservice serve`:
the whole loop of a user, with nothing but the client's typed functions and models. The client is
imported inside each test, so that a generated module that does not import fails these tests, not the
collection of the whole run."""

import csv
import io
import time
import uuid

import pyarrow as pa
import pyarrow.parquet as pq

from .conftest import admin_key

# Two classes from a number and a category with gaps: y is "yes" when x is large or the colour is red.
ROWS = [
    {
        "x": (i % 10) / 10,
        "colour": ["red", "green", "blue"][i % 3] if i % 17 else None,
        "y": "yes" if i % 10 > 6 or i % 3 == 0 else "no",
    }
    for i in range(90)
]
COLUMNS = ["x", "colour", "y"]
FINISHED = {"succeeded", "failed", "cancelled"}  # the generated JobStatus is a StrEnum: its members equal these


def connect(server):
    """The generated client, with the admin key; an answer the document does not list raises."""
    from nnservice_client import AuthenticatedClient

    return AuthenticatedClient(base_url=server.url, token=admin_key(server.data_dir), raise_on_unexpected_status=True)


def table_csv() -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(ROWS)
    return out.getvalue()


def table_parquet() -> bytes:
    out = io.BytesIO()
    pq.write_table(pa.Table.from_pylist(ROWS), out)
    return out.getvalue()


def wait_until(client, job_id: str, statuses: set[str], timeout: float = 60):
    from nnservice_client.api.jobs import get_job
    from nnservice_client.models import JobRead

    deadline = time.monotonic() + timeout
    while True:
        job = get_job.sync(job_id, client=client)
        assert isinstance(job, JobRead), job
        if job.status in statuses or time.monotonic() > deadline:
            return job
        time.sleep(0.1)


def test_the_generated_client_uploads_trains_predicts_cancels_and_reads_problems(start_server):
    from nnservice_client.api.datasets import upload_dataset
    from nnservice_client.api.jobs import (
        cancel_job,
        create_job,
        get_cost_history,
        get_cost_history_csv,
        get_job,
        plot_cost_history,
    )
    from nnservice_client.api.models import get_model, predict
    from nnservice_client.models import (
        CostHistory,
        DatasetRead,
        DatasetRecordsUpload,
        DatasetRecordsUploadRecordsItem,
        Hyperparameters,
        JobCreate,
        JobRead,
        JobStatus,
        ModelRead,
        PlotCostHistoryImageFormat,
        PredictByRecords,
        PredictByRecordsRecordsItem,
        PredictResponse,
        Problem,
    )
    from nnservice_client.types import File

    server = start_server(workers=1)
    with connect(server) as client:
        records = [DatasetRecordsUploadRecordsItem.from_dict(row) for row in ROWS]
        dataset = upload_dataset.sync(client=client, body=DatasetRecordsUpload(records=records, name="colours"))
        assert isinstance(dataset, DatasetRead), dataset
        assert (dataset.name, dataset.row_count, dataset.column_count) == ("colours", 90, 3)

        request = JobCreate(
            dataset_id=dataset.id, target="y", hyperparameters=Hyperparameters(hidden_layers=[8], epochs=40)
        )
        created = create_job.sync_detailed(client=client, body=request)
        assert isinstance(created.parsed, JobRead), created.content
        assert created.status_code == 202 and created.headers["location"] == f"/v1/jobs/{created.parsed.id}"
        job = wait_until(client, created.parsed.id, FINISHED)
        assert job.status == JobStatus.SUCCEEDED, job.error
        assert job.progress.epoch == 40 and job.model_id

        model = get_model.sync(job.model_id, client=client)
        assert isinstance(model, ModelRead), model
        assert (model.target, model.classes, model.features) == ("y", ["no", "yes"], ["x", "colour"])

        rows = [
            PredictByRecordsRecordsItem.from_dict({"x": 0.9, "colour": "red"}),
            PredictByRecordsRecordsItem.from_dict({"x": 0.1, "colour": "purple"}),
        ]
        predicted = predict.sync(model.id, client=client, body=PredictByRecords(records=rows))
        assert isinstance(predicted, PredictResponse), predicted
        assert len(predicted.predictions) == 2 and set(predicted.predictions) <= {"no", "yes"}
        assert all(abs(sum(p) - 1) < 1e-9 for p in predicted.probabilities)
        assert [(w.row, w.column) for w in predicted.warnings] == [(1, "colour")]  # a level never seen

        history = get_cost_history.sync(job.id, client=client)
        assert isinstance(history, CostHistory), history
        assert history.count == 40 and [row.epoch for row in history.data] == list(range(1, 41))
        text = get_cost_history_csv.sync(job.id, client=client)  # CSV has an operation of its own
        assert isinstance(text, str | bytes), text  # the generator's text bodies arrive as the raw content
        table = list(csv.DictReader(io.StringIO(text.decode() if isinstance(text, bytes) else text)))
        assert len(table) == 40
        assert float(table[-1]["train_cost"]) == history.data[-1].train_cost
        plot = plot_cost_history.sync(job.id, PlotCostHistoryImageFormat.PNG, client=client)
        assert isinstance(plot, File) and plot.payload.read().startswith(b"\x89PNG")

        long_request = JobCreate(dataset_id=dataset.id, target="y", hyperparameters=Hyperparameters(epochs=100_000))
        long_job = create_job.sync(client=client, body=long_request)
        assert isinstance(long_job, JobRead), long_job
        wait_until(client, long_job.id, {JobStatus.RUNNING, *FINISHED})
        asked = cancel_job.sync_detailed(long_job.id, client=client)
        assert asked.status_code == 202 and isinstance(asked.parsed, JobRead) and asked.parsed.cancel_requested
        assert wait_until(client, long_job.id, FINISHED).status == JobStatus.CANCELLED

        missing = get_job.sync_detailed(str(uuid.uuid4()), client=client)
        assert missing.status_code == 404 and isinstance(missing.parsed, Problem), missing.content
        assert missing.parsed.type_ == "/problems/not-found" and "does not exist" in missing.parsed.detail

        wrong = create_job.sync_detailed(client=client, body=JobCreate(dataset_id=dataset.id, target="nope"))
        assert wrong.status_code == 422 and isinstance(wrong.parsed, Problem), wrong.content
        assert [e.field for e in wrong.parsed.errors] == ["target"]
        malformed = get_job.sync_detailed("not-an-id", client=client)  # refused by the route's parameter check
        assert malformed.status_code == 422 and isinstance(malformed.parsed, Problem), malformed.content
        assert malformed.parsed.type_ == "/problems/unprocessable-content" and malformed.parsed.errors


def test_the_generated_client_uploads_a_table_in_each_media_type(start_server):
    from nnservice_client.api.datasets import upload_dataset
    from nnservice_client.models import (
        DatasetRead,
        DatasetRecordsUpload,
        DatasetRecordsUploadRecordsItem,
        DatasetRowsUpload,
        UploadDatasetFilesBody,
        UploadDatasetJsonBodyType2Item,
    )
    from nnservice_client.types import File

    server = start_server(workers=0)
    bodies = {
        "multipart": UploadDatasetFilesBody(
            file=File(payload=io.BytesIO(table_csv().encode()), file_name="t.csv", mime_type="text/csv")
        ),
        "csv": table_csv(),
        "parquet": File(payload=io.BytesIO(table_parquet())),
        "rows": DatasetRowsUpload(columns=COLUMNS, rows=[[row[c] for c in COLUMNS] for row in ROWS]),
        "records": DatasetRecordsUpload(records=[DatasetRecordsUploadRecordsItem.from_dict(row) for row in ROWS]),
        "list of records": [UploadDatasetJsonBodyType2Item.from_dict(row) for row in ROWS],
    }
    with connect(server) as client:
        for kind, body in bodies.items():
            dataset = upload_dataset.sync(client=client, body=body)
            assert isinstance(dataset, DatasetRead), (kind, dataset)
            columns = {column.name: column.type_.value for column in dataset.columns}
            assert (dataset.row_count, columns) == (
                90,
                {"x": "numeric", "colour": "categorical", "y": "categorical"},
            ), kind
