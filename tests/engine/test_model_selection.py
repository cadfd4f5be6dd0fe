"""Splitting rows: stratified k folds, and held-out splits too small to hold out a row."""

import numpy as np
import pytest

from nn_engine import InvalidInputError, MLPClassifier
from nn_engine.model_selection import held_out_count, rows_to_hold_out_one, stratified_k_fold, stratified_split


def test_every_row_is_held_out_once_and_classes_spread_evenly():
    strata = np.array([0] * 10 + [1] * 7 + [2] * 4)
    folds = stratified_k_fold(strata, 3, np.random.default_rng(0))
    held_out = np.concatenate([val for _, val in folds])
    assert sorted(held_out.tolist()) == list(range(len(strata)))
    for kept, val in folds:
        assert np.intersect1d(kept, val).size == 0 and len(kept) + len(val) == len(strata)
        assert set(strata[kept]) == {0, 1, 2}  # every fold learns every class
    for label, count in ((0, 10), (1, 7), (2, 4)):
        per_fold = [int(np.sum(strata[val] == label)) for _, val in folds]
        assert max(per_fold) - min(per_fold) <= 1 and sum(per_fold) == count
    sizes = [len(val) for _, val in folds]
    assert max(sizes) - min(sizes) <= 1  # 21 rows: 7, 7, 7


def test_same_seed_same_folds_another_seed_other_folds():
    strata = np.zeros(30, dtype=int)
    first = stratified_k_fold(strata, 5, np.random.default_rng(7))
    again = stratified_k_fold(strata, 5, np.random.default_rng(7))
    other = stratified_k_fold(strata, 5, np.random.default_rng(8))
    assert all(np.array_equal(a[1], b[1]) for a, b in zip(first, again, strict=True))
    assert not all(np.array_equal(a[1], b[1]) for a, b in zip(first, other, strict=True))


@pytest.mark.parametrize(
    ("strata", "k", "words"), [(np.array([0, 0, 1, 1, 1]), 3, "0 (2)"), (np.zeros(4), 1, "k >= 2")]
)
def test_too_few_rows_or_folds_are_refused(strata, k, words):
    with pytest.raises(ValueError, match=words.replace("(", r"\(").replace(")", r"\)")):
        stratified_k_fold(strata, k, np.random.default_rng(0))


@pytest.mark.parametrize("fraction, rows", [(0.2, 3), (0.1, 6), (0.05, 11), (0.5, 2), (0.25, 3)])
def test_rows_to_hold_out_one_is_the_fewest_rows_a_split_holds_one_of(fraction, rows):
    assert held_out_count(rows, fraction) == 1 and held_out_count(rows - 1, fraction) == 0
    assert rows_to_hold_out_one(fraction) == rows


def test_a_split_holding_out_no_row_names_its_option_and_the_rows_it_needs():
    with pytest.raises(InvalidInputError, match=r"test_fraction=0.2 holds out no row of 2: .* at least 3 rows"):
        stratified_split(np.array([0, 1]), 0.2, np.random.default_rng(0), option="test_fraction")


def test_early_stoppings_default_split_too_small_says_where_the_fraction_comes_from():
    X, y = np.arange(8.0).reshape(4, 2), [0, 0, 1, 1]
    with pytest.raises(InvalidInputError, match=r"0.1 of the training rows by default: .*turn early stopping off"):
        MLPClassifier([2], early_stopping=True).fit(X, y)
