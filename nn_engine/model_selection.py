"""Splitting rows into a part to learn from and a part held out."""

import numpy as np


def stratified_split(strata: np.ndarray, fraction: float, rng: np.random.Generator) -> tuple[np.ndarray, np.ndarray]:
    """Row indices (kept, held out), drawn per stratum (class) so each keeps its share.

    Every stratum keeps at least one row on the kept side. Used for the validation split inside
    `fit`, and by callers that hold out a test split the same way.
    """
    n = len(strata)
    if fraction == 0:
        return np.arange(n), np.arange(0)
    train_parts, val_parts = [], []
    for k in np.unique(strata):
        rows = rng.permutation(np.flatnonzero(strata == k))
        n_val = min(int(round(fraction * len(rows))), len(rows) - 1)  # every class keeps a training row
        val_parts.append(rows[:n_val])
        train_parts.append(rows[n_val:])
    val = np.sort(np.concatenate(val_parts))
    if len(val) == 0:
        raise ValueError(f"validation_fraction={fraction} leaves no validation rows out of {n}; raise it or add rows")
    return np.sort(np.concatenate(train_parts)), val
