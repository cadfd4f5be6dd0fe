"""One definition of finite: any finite value is a feature, its column's moments are finite, and
standardizing overflows only where the standardized value itself is beyond float64; inputs with NaN
or infinity are refused, and finite inputs that the model's scaling or network takes past a float
are refused by row, never answered as NaN."""

import numpy as np
import pytest

from nn_engine import InvalidInputError, MLPClassifier, MLPRegressor
from nn_engine.exceptions import OutOfScaleError
from nn_engine.finite import (
    first_non_finite,
    first_non_finite_row,
    is_finite,
    is_finite_number,
    mean_and_std,
    non_finite,
    standardize,
)

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


def test_non_finite_values_are_found_even_when_a_sum_of_finite_ones_overflows():
    assert is_finite(np.array([1.7e308, 1.7e308]))  # the sum overflows; every value is finite
    assert first_non_finite(np.array([[1.0, 2.0], [np.nan, 1.7e308]])) == (1, 0)
    assert first_non_finite(np.array([[1.0, np.inf]])) == (0, 1)


def test_an_estimator_refuses_a_non_finite_feature_naming_where_it_is():
    with pytest.raises(InvalidInputError, match=r"first at row 1, column 0"):
        MLPClassifier([2]).fit(np.array([[1.0, 0.0], [np.inf, 1.0], [2.0, 0.0]]), [0, 1, 0])
