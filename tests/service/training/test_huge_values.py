"""Feature values near the float64 limit (1e300, 1.7e308) are finite numbers: a job trains on them,
the scales stored with its model are finite numbers (not null), and the model predicts finite
probabilities for rows like its own."""

import math

import numpy as np

from nn_engine.finite import mean_and_std, standardize

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
    from tests.service.conftest import upload_csv

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


def test_moments_and_standardizing_do_not_overflow_where_the_true_values_are_finite():
    X = np.array([[1.7e308, 1.0], [-1.7e308, 2.0], [1e300, 3.0]])
    mean, std = mean_and_std(X)
    assert np.isfinite(mean).all() and np.isfinite(std).all()
    np.testing.assert_allclose(mean, [1e300 / 3, 2.0])
    np.testing.assert_allclose(std[1], np.std([1.0, 2.0, 3.0]))
    Z = standardize(X, mean, std)
    assert np.isfinite(Z).all()
    np.testing.assert_allclose(Z.mean(axis=0), [0, 0], atol=1e-12)
    assert np.isfinite(standardize(X, mean, std, np.float32)).all()  # beyond float32 only before scaling
    small = np.array([[1.0, 2.0], [3.0, 5.0]])  # ordinary values: the same bits as (X - mean) / std
    m, s = mean_and_std(small)
    assert standardize(small, m, s).tobytes() == ((small - small.mean(axis=0)) / small.std(axis=0)).tobytes()
