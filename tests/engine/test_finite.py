"""One definition of finite: any finite value is a feature, its column's moments are finite, and
standardizing overflows only where the standardized value itself is beyond float64."""

import numpy as np
import pytest

from nn_engine import InvalidInputError, MLPClassifier
from nn_engine.finite import first_non_finite, is_finite, mean_and_std, standardize


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
