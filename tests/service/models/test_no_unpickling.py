"""Model and dataset storage never unpickle: an npz carrying a pickle, whose unpickling would
create a file, is refused wherever it turns up, and the file is never created."""

import io

import numpy as np
import pytest
from sqlalchemy import update

from nn_engine import ModelFormatError, model_from_bytes
from service.core.tables import Dataset, Model
from tests.service.conftest import count


class CreatesAFile:
    """Unpickling this calls open(path, "w")."""

    def __init__(self, path):
        self.path = str(path)

    def __reduce__(self):
        return (open, (self.path, "w"))


@pytest.fixture
def marker(tmp_path):
    path = tmp_path / "unpickled"
    yield path
    assert not path.exists(), "a pickle was loaded"


def pickle_bearing_npz(marker) -> bytes:
    buffer = io.BytesIO()
    np.savez(
        buffer, metadata=np.frombuffer(b'{"format": "nn_engine"}', np.uint8), params=np.array([CreatesAFile(marker)])
    )
    return buffer.getvalue()


def test_the_payload_really_carries_a_pickle(tmp_path):
    """The test's premise: loading it with pickles allowed would create the file."""
    path = tmp_path / "proof"
    with np.load(io.BytesIO(pickle_bearing_npz(path)), allow_pickle=True) as archive:
        archive["params"]
    assert path.exists()


def test_the_engine_refuses_a_pickle_bearing_model(marker):
    with pytest.raises(ModelFormatError, match="allow_pickle=False"):
        model_from_bytes(pickle_bearing_npz(marker))


def test_a_stored_model_carrying_a_pickle_is_refused_not_loaded(app, client, db, trained, marker):
    model_id = trained["model_id"]
    with db.write_session() as session:
        session.execute(update(Model).where(Model.id == model_id).values(payload=pickle_bearing_npz(marker)))
    app.state.model_cache.evict(model_id)
    response = client.post(f"/v1/models/{model_id}/predict", json={"instances": [[0.1, 0.2]]})
    assert response.status_code == 500
    assert response.headers["content-type"] == "application/problem+json"
    assert f"model {model_id} cannot be loaded" in response.json()["detail"]


@pytest.mark.parametrize(
    "request_kwargs",
    [
        {"files": {"file": ("evil.npz", "PICKLE", "application/octet-stream")}},
        {"files": {"file": ("evil.csv", "PICKLE", "text/csv")}},
        {"content": "PICKLE", "headers": {"Content-Type": "application/octet-stream"}},
    ],
)
def test_a_pickle_bearing_npz_uploaded_as_a_dataset_is_refused(client, db, marker, request_kwargs):
    payload = pickle_bearing_npz(marker)
    if "files" in request_kwargs:
        name, _, media_type = request_kwargs["files"]["file"]
        request_kwargs = {"files": {"file": (name, payload, media_type)}}
    else:
        request_kwargs = {**request_kwargs, "content": payload}
    response = client.post("/v1/datasets", **request_kwargs)
    assert response.status_code == 422, response.text
    assert count(db, Dataset) == 0


def test_a_stored_dataset_replaced_by_a_pickle_is_refused_not_loaded(client, db, trained, marker):
    with db.write_session() as session:
        session.execute(
            update(Dataset).where(Dataset.id == trained["dataset"]["id"]).values(content=pickle_bearing_npz(marker))
        )
    response = client.post(f"/v1/models/{trained['model_id']}/evaluate", json={"dataset_id": trained["dataset"]["id"]})
    assert response.status_code == 500
    assert "cannot be read as Parquet" in response.json()["detail"]
