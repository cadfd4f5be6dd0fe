"""An estimator with an `encoder`: fitted on the optimiser's rows only, saved with the model, kept by a
warm start, and its warnings passed through prediction."""

import numpy as np
import pytest

from nn_engine import ColumnEncoder, InvalidInputError, MLPClassifier, MLPRegressor, model_from_bytes, model_to_bytes
from nn_engine.model_selection import stratified_split


def _table(n: int = 240, seed: int = 0) -> tuple[dict, np.ndarray]:
    rng = np.random.default_rng(seed)
    island = rng.choice(["Biscoe", "Dream", "Torgersen"], n).astype(object)
    mass = rng.normal(4000, 500, n)
    y = np.where((island == "Biscoe") | (mass > 4300), "big", "small")
    mass[::9] = np.nan
    island[::13] = None
    return {"island": island, "mass": mass}, y


def _fit(X, y, init_model=None, **options):
    params = dict(hidden_layers=[8], epochs=150, learning_rate=0.01, seed=3, encoder=ColumnEncoder())
    return MLPClassifier(**{**params, **options}).fit(X, y, init_model=init_model)


def test_the_encoder_is_fitted_on_the_optimisers_rows_not_the_validation_rows():
    X, y = _table()
    model = _fit(X, y, early_stopping=True, validation_fraction=0.25)
    # the estimator's first use of its seed's generator is this split
    strata = np.unique(y, return_inverse=True)[1]
    train_rows, val_rows = stratified_split(strata, 0.25, np.random.default_rng(3))
    on_train = ColumnEncoder().fit({k: v[train_rows] for k, v in X.items()})
    on_all = ColumnEncoder().fit(X)
    ours = model.encoder_.plans_[1]
    assert ours.mean == pytest.approx(on_train.plans_[1].mean)
    assert ours.mean != pytest.approx(on_all.plans_[1].mean)
    assert model.encoder.__dict__ == ColumnEncoder().__dict__  # the parameter itself is left unfitted


def test_raw_table_trains_and_predicts_with_warnings():
    X, y = _table()
    model = _fit(X, y)
    assert model.score(X, y) > 0.85
    found: list = []
    labels = model.predict(
        {"island": np.array(["Atlantis", None], dtype=object), "mass": np.array([np.nan, 4100.0])}, warnings=found
    )
    assert labels.shape == (2,)
    assert [(w["row"], w["column"]) for w in found] == [(0, "island"), (0, "mass"), (1, "island")]


def test_saved_with_the_model_and_predicts_the_same_bits():
    X, y = _table()
    model = _fit(X, y)
    loaded = model_from_bytes(model_to_bytes(model))
    assert np.array_equal(loaded.predict_proba(X), model.predict_proba(X))
    assert loaded.encoder_.report_ == model.encoder_.report_
    regressor = MLPRegressor(hidden_layers=[4], epochs=20, seed=0, encoder=ColumnEncoder()).fit(X, np.arange(240.0))
    assert np.array_equal(model_from_bytes(model_to_bytes(regressor)).predict(X), regressor.predict(X))


def test_a_warm_start_keeps_its_models_encoding():
    X, y = _table()
    first = _fit(X, y, epochs=10)
    shifted = {"island": X["island"], "mass": X["mass"] + 10_000}  # refitting would move the mean
    second = _fit(shifted, y, epochs=5, init_model=first)
    assert second.encoder_ is first.encoder_
    numeric = MLPClassifier(hidden_layers=[8], epochs=5).fit(first.encode(X), y)
    with pytest.raises(InvalidInputError, match="numeric matrix"):
        _fit(X, y, init_model=numeric)
    with pytest.raises(InvalidInputError, match="raw table"):
        MLPClassifier(hidden_layers=[8], epochs=5).fit(first.encode(X), y, init_model=first)


def test_models_without_an_encoder_are_unchanged():
    X, y = _table()
    matrix = ColumnEncoder().fit(X).transform(X)
    model = MLPClassifier(hidden_layers=[8], epochs=5, seed=0).fit(matrix, y)
    assert model.encoder_ is None
    assert model_from_bytes(model_to_bytes(model)).encoder_ is None
