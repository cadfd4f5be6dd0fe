"""One rule for "finite": inputs with NaN or infinity are refused; finite inputs that the model's
scaling or network takes past a float are refused by row, never answered as NaN."""

import numpy as np
import pytest

from nn_engine import InvalidInputError, MLPClassifier, MLPRegressor
from nn_engine.exceptions import OutOfScaleError
from nn_engine.finite import first_non_finite_row, is_finite_number, non_finite

RNG = np.random.default_rng(0)
X = RNG.normal(size=(40, 2)) * 1e-3  # a standard deviation of 1e-3: 1e308 scales past a float64
y = (X[:, 0] + X[:, 1] > 0).astype(int)


def test_non_finite_finds_nan_and_infinity_in_row_order_and_not_large_finite_values():
    A = np.array([[1e308, 1e308], [0.0, np.inf], [np.nan, 1.0]])  # the sum of row 0 overflows; it is finite
    assert non_finite(A).tolist() == [[1, 1], [2, 0]]
    assert first_non_finite_row(A) == 1
    assert first_non_finite_row(np.array([[1e308, 1e308]])) is None
    assert [is_finite_number(v) for v in (1, 1.5, True, float("inf"), "1", None)] == [
        True,
        True,
        False,
        False,
        False,
        False,
    ]


@pytest.mark.parametrize(
    ("estimator", "target"),
    [
        (MLPClassifier(hidden_layers=[4], epochs=5, seed=0), y),
        (MLPClassifier(hidden_layers=[4], epochs=5, seed=0, dtype="float32"), y),
        (MLPClassifier(hidden_layers=[4], epochs=5, seed=0, dtype="float32", standardize=False), y),
        (MLPRegressor(hidden_layers=[4], epochs=5, seed=0), X[:, 0] * 3),
    ],
    ids=["scaled", "float32", "float32 unscaled", "regressor"],
)
def test_values_the_model_overflows_on_are_refused_by_row(estimator, target):
    estimator.fit(X, target)
    rows = np.array([[1e-3, 2e-3], [1e308, -1e308]])
    with pytest.raises(OutOfScaleError, match="row 1: values too large for the model's scale") as caught:
        estimator.predict(rows)
    assert caught.value.row == 1
    assert np.isfinite(np.asarray(estimator.predict(rows[:1]), dtype=float)).all()


def test_non_finite_inputs_are_refused_as_before():
    model = MLPClassifier(hidden_layers=[4], epochs=2, seed=0).fit(X, y)
    with pytest.raises(InvalidInputError, match="NaN or infinite values") as caught:
        model.predict(np.array([[0.1, np.inf]]))
    assert not isinstance(caught.value, OutOfScaleError)
