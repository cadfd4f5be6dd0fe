"""What "finite" means for the numbers the networks take and give: no NaN and no infinity. One rule,
for features in (`_check_X`, and the service's readers of prediction bodies), for what the encoder
and scaler make of them, and for the outputs: a finite input whose scaled value or output is not
finite was too large for the model's scale, and is refused rather than answered as NaN."""

import math

import numpy as np


def is_finite_number(value: object) -> bool:
    """A JSON-like scalar that is a finite number; a boolean is not a number."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def non_finite(A: np.ndarray) -> np.ndarray:
    """The indices, (k, A.ndim), of A's NaN and infinite values, in row order; empty when every value is finite.

    The sum is finite when every value is (one pass, no boolean copy of A); only when it is not (a
    NaN, an inf, or an overflow of large finite values) is A looked at value by value."""
    with np.errstate(over="ignore", invalid="ignore"):
        if np.isfinite(np.add.reduce(A, axis=None)):
            return np.empty((0, A.ndim), dtype=np.intp)
    return np.argwhere(~np.isfinite(A))


def first_non_finite_row(A: np.ndarray) -> int | None:
    """The first row of A (rows, ...) holding a NaN or an infinity; None when every value is finite."""
    bad = non_finite(A)
    return int(bad[0, 0]) if len(bad) else None
