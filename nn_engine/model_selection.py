"""Splitting rows into a part to learn from and a part held out."""

import numpy as np

from .exceptions import InvalidInputError


def held_out_count(count: int, fraction: float) -> int:
    """Rows a stratum of `count` rows holds out for `fraction`: the rounded share, but never its
    last row (every class keeps a row to learn from). The one rule of every split: test,
    validation, and the service's checks of a job before it is queued."""
    return min(int(round(fraction * count)), count - 1) if fraction else 0


def rows_to_hold_out_one(fraction: float) -> int:
    """The fewest rows a stratum needs for `fraction` to hold out at least one of them."""
    count = max(2, int(0.5 / fraction))  # round(fraction * count) >= 1 needs fraction * count > 0.5
    while held_out_count(count, fraction) < 1:
        count += 1
    return count


def stratified_split(
    strata: np.ndarray, fraction: float, rng: np.random.Generator, *, option: str = "validation_fraction"
) -> tuple[np.ndarray, np.ndarray]:
    """Row indices (kept, held out), drawn per stratum (class) so each keeps its share.

    Every stratum keeps at least one row on the kept side. Used for the validation split inside
    `fit`, and by callers that hold out a test split the same way; `option` names the fraction in
    the error raised when no row is held out.
    """
    n = len(strata)
    if fraction == 0:
        return np.arange(n), np.arange(0)
    train_parts, val_parts = [], []
    for k in np.unique(strata):
        rows = rng.permutation(np.flatnonzero(strata == k))
        n_val = held_out_count(len(rows), fraction)
        val_parts.append(rows[:n_val])
        train_parts.append(rows[n_val:])
    val = np.sort(np.concatenate(val_parts))
    if len(val) == 0:
        raise InvalidInputError(
            f"{option}={fraction} holds out no row of {n}: each class keeps a row to learn from, and one needs "
            f"at least {rows_to_hold_out_one(fraction)} rows for one of them to be held out; add rows or raise {option}"
        )
    return np.sort(np.concatenate(train_parts)), val


def stratified_k_fold(strata: np.ndarray, k: int, rng: np.random.Generator) -> list[tuple[np.ndarray, np.ndarray]]:
    """k pairs of row indices (kept, held out): every row is held out in exactly one fold, and
    each stratum (class) is spread over the folds as evenly as it divides (counts differ by at
    most one), as are the folds' sizes.

    Rows are shuffled within each stratum and dealt round-robin to the folds, the deal carrying on
    from one stratum to the next, so the folds that got a stratum's odd rows are not the same ones
    every time. Each stratum needs at least k rows: then every fold's kept rows hold every stratum,
    and every fold holds out at least one row of each.
    """
    if k < 2:
        raise InvalidInputError(f"k-fold needs k >= 2 folds, got {k}")
    labels, counts = np.unique(strata, return_counts=True)
    short = [(label, count) for label, count in zip(labels.tolist(), counts.tolist(), strict=True) if count < k]
    if short:
        listed = ", ".join(f"{label!r} ({count})" for label, count in short)
        raise InvalidInputError(f"{k} folds need at least {k} rows of each class; too few: {listed}")
    fold_of = np.empty(len(strata), dtype=np.int64)  # (n,) the fold that holds each row out
    dealt = 0
    for label in labels:
        rows = rng.permutation(np.flatnonzero(strata == label))
        fold_of[rows] = (dealt + np.arange(len(rows))) % k
        dealt += len(rows)
    return [(np.flatnonzero(fold_of != fold), np.flatnonzero(fold_of == fold)) for fold in range(k)]
