"""Splitting rows: stratified k folds."""

import numpy as np
import pytest

from nn_engine.model_selection import stratified_k_fold


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
