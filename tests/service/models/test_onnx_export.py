"""GET /v1/models/{id}/export?format=onnx through HTTP: the file runs in onnxruntime and answers
as the service's own predict does."""

import json

import numpy as np
import onnx
import onnxruntime
import pytest

from tests.service.conftest import assert_refused, bearer, run_job

MISSING = "00000000-0000-0000-0000-000000000000"
ROWS = np.random.default_rng(7).uniform(-0.5, 1.5, size=(25, 2)).astype(np.float32)  # inside and around the data


def train(client, worker, rows: list, target: str, **hyperparameters) -> str:
    """The id of a model trained on a dataset of columns a, b and the target."""
    dataset = client.post("/v1/datasets", json={"columns": ["a", "b", target], "rows": rows}).json()
    body = {"dataset_id": dataset["id"], "target": target, "hyperparameters": {"epochs": 60, **hyperparameters}}
    job = run_job(client, worker, body)
    assert job["status"] == "succeeded", job["error"]
    return job["model_id"]


def export(client, model_id: str) -> onnx.ModelProto:
    response = client.get(f"/v1/models/{model_id}/export", params={"format": "onnx"})
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/octet-stream"
    assert f'filename="model-{model_id}.onnx"' in response.headers["content-disposition"]
    model = onnx.load_from_string(response.content)
    onnx.checker.check_model(model, full_check=True)
    return model


def run(model: onnx.ModelProto, X: np.ndarray) -> dict[str, np.ndarray]:
    """The graph on the rows of X: one `input` matrix (a model from before encodings), or a column each."""
    session = onnxruntime.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    names = [output.name for output in session.get_outputs()]
    inputs = [i.name for i in session.get_inputs()]
    feed = {"input": X} if inputs == ["input"] else {name: X[:, j] for j, name in enumerate(inputs)}
    return dict(zip(names, session.run(None, feed), strict=True))


def predict(client, model_id: str, X: np.ndarray) -> dict:
    # float32 values sent as float64: the service and the ONNX graph see exactly the same numbers
    response = client.post(f"/v1/models/{model_id}/predict", json={"instances": X.astype(np.float64).tolist()})
    assert response.status_code == 200, response.text
    return response.json()


def metadata(model: onnx.ModelProto) -> dict[str, str]:
    return {prop.key: prop.value for prop in model.metadata_props}


@pytest.mark.parametrize("activation", ["relu", "leaky_relu", "tanh", "sigmoid"])
def test_a_binary_classifier_exported_answers_as_predict(client, worker, activation):
    rows = [[(i % 7) / 7, (i % 5) / 5, "yes" if (i % 7) / 7 + (i % 5) / 5 > 1 else "no"] for i in range(60)]
    model_id = train(client, worker, rows, "label", activation=activation, hidden_layers=[6, 4], learning_rate=0.05)
    model = export(client, model_id)
    out, expected = run(model, ROWS), predict(client, model_id, ROWS)
    assert out["probabilities"].shape == (len(ROWS), 2)
    np.testing.assert_allclose(out["probabilities"], expected["probabilities"], atol=1e-5)
    assert out["label"].tolist() == expected["predictions"]
    assert (
        metadata(model).items()
        >= {
            "model_id": model_id,
            "task": "classification",
            "target": "label",
            "features": json.dumps(["a", "b"]),
            "classes": json.dumps(["no", "yes"]),
        }.items()
    )
    assert any(node.op_type == "Sub" for node in model.graph.node)  # features are scaled inside the graph


def test_a_multiclass_classifier_with_integer_labels_exports_softmax(client, worker):
    rows = [[(i % 7) / 7, (i % 5) / 5, int(3 * ((i % 7) / 7 + (i % 5) / 5) / 2)] for i in range(90)]
    model_id = train(client, worker, rows, "kind", activation="tanh", learning_rate=0.05)
    model = export(client, model_id)
    out, expected = run(model, ROWS), predict(client, model_id, ROWS)
    assert expected["classes"] == [0, 1, 2]
    assert "Softmax" in [node.op_type for node in model.graph.node]
    np.testing.assert_allclose(out["probabilities"], expected["probabilities"], atol=1e-5)
    np.testing.assert_allclose(out["probabilities"].sum(axis=1), 1, atol=1e-6)
    assert out["label"].dtype == np.int64 and out["label"].tolist() == expected["predictions"]
    assert json.loads(metadata(model)["classes"]) == [0, 1, 2]


@pytest.mark.parametrize("standardize", [True, False])
def test_a_regressor_exported_answers_as_predict_with_or_without_scaling(client, worker, standardize):
    rows = [[i / 10, (i % 3) / 3, 20 * i / 10 + 100] for i in range(40)]
    model_id = train(client, worker, rows, "y", learning_rate=0.01, standardize=standardize)
    model = export(client, model_id)
    out, expected = run(model, ROWS), predict(client, model_id, ROWS)
    assert set(out) == {"predictions"} and out["predictions"].shape == (len(ROWS),)
    np.testing.assert_allclose(out["predictions"], expected["predictions"], rtol=1e-5, atol=1e-5)
    assert metadata(model)["task"] == "regression" and "classes" not in metadata(model)
    ops = [node.op_type for node in model.graph.node]
    assert ("Mul" in ops) == standardize  # the target's scaling; the encoder standardizes the features always


def test_an_unknown_format_is_refused_naming_the_accepted_ones(client, trained):
    url = f"/v1/models/{trained['model_id']}/export"
    assert_refused(client.get(url, params={"format": "pmml"}), 422, "format", "pmml", "onnx")
    assert_refused(client.get(url), 422, "format")


def test_a_missing_model_or_another_owners_is_404(client, db, trained):
    assert_refused(client.get(f"/v1/models/{MISSING}/export?format=onnx"), 404, MISSING)
    theirs = client.get(f"/v1/models/{trained['model_id']}/export?format=onnx", headers=bearer(db, "bob"))
    assert_refused(theirs, 404, trained["model_id"])


def test_openapi_documents_the_file_and_the_problems(client):
    operation = client.get("/openapi.json").json()["paths"]["/v1/models/{model_id}/export"]["get"]
    assert "application/octet-stream" in operation["responses"]["200"]["content"]
    for status in ("404", "422"):
        assert "application/problem+json" in operation["responses"][status]["content"]
    (format_,) = [p for p in operation["parameters"] if p["name"] == "format"]
    assert format_["required"] and format_["schema"]["enum"] == ["onnx"]
