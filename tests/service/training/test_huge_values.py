"""Feature values near the float64 limit (1e300, 1.7e308) are finite numbers: a job trains on them,
the scales stored with its model are finite numbers (not null), and the model predicts finite
probabilities for rows like its own."""

import math

from tests.service.conftest import upload_csv

HUGE_CSV = b"big,small,label\n" + b"".join(
    f"{(i % 7 - 3) * 5e307!r},{(i % 5) / 5},{'yes' if (i % 7) / 7 + (i % 5) / 5 > 1 else 'no'}\n".encode()
    for i in range(60)
)


def finite_numbers(value) -> bool:
    """Every number in a JSON value is a finite float (a null where a number belongs fails)."""
    if isinstance(value, dict):
        return all(finite_numbers(v) for v in value.values())
    if isinstance(value, list):
        return all(finite_numbers(v) for v in value)
    return not isinstance(value, float) or math.isfinite(value)


def test_features_near_the_float64_limit_train_a_model_with_finite_scales(client, train_job):
    dataset = upload_csv(client, HUGE_CSV)
    job = train_job({"dataset_id": dataset["id"], "target": "label", "hyperparameters": {"epochs": 20}})
    assert job["status"] == "succeeded", job["error"]
    model = client.get(f"/v1/models/{job['model_id']}").json()
    big = next(column for column in model["preprocessing"]["columns"] if column["name"] == "big")
    assert big["fill_value"] is not None and math.isfinite(big["fill_value"])
    scaling = model["preprocessing"]["feature_scaling"]
    assert scaling is not None and None not in scaling["mean"] + scaling["scale"]
    assert finite_numbers(model["preprocessing"])
    response = client.post(f"/v1/models/{model['id']}/predict", json={"instances": [[1.5e308, 0.4], [-1.5e308, 0.8]]})
    assert response.status_code == 200, response.text
    assert finite_numbers(response.json())
