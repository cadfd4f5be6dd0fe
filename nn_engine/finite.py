"""What "finite" means for the engine's numbers, in one place: features in, what the encoder and
scaler make of them, the network's outputs, and the scales stored with a model.

A value is finite when it is a float64 that is neither NaN nor +-inf. Any finite value is a valid
feature, however large (1e300 included): its column's mean and spread are computed so that they
cannot overflow, and so are stored finite, and standardizing it gives a finite value unless the
true result is beyond float64 itself. A finite input whose scaled value or output is not finite was
too large for the model's scale, and is refused (OutOfScaleError) rather than answered as NaN. The
estimators check features with these functions; the service checks what it hands in or out
(prediction bodies) with the same ones.
"""

import math

import numpy as np
import numpy.typing as npt


def is_finite_number(value: object) -> bool:
    """A JSON-like scalar that is a finite number; a boolean is not a number."""
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def is_finite(values: np.ndarray) -> bool:
    """Every value is finite. One pass and no boolean copy when the sum is finite (every value
    then is); only when it is not (a NaN, an inf, or large values whose sum overflows) a closer look."""
    if values.size == 0 or values.dtype.kind not in "fc":
        return True
    with np.errstate(over="ignore", invalid="ignore"):
        if np.isfinite(np.add.reduce(values, axis=None)):
            return True
    return bool(np.isfinite(values).all())


def non_finite(values: np.ndarray) -> np.ndarray:
    """The indices, (k, values.ndim), of the NaN and infinite values in row order; empty when every value is finite."""
    if is_finite(values):
        return np.empty((0, values.ndim), dtype=np.intp)
    return np.argwhere(~np.isfinite(values))


def first_non_finite(values: np.ndarray) -> tuple[int, ...] | None:
    """The index of the first NaN or infinite value (row-major), or None when every value is finite."""
    bad = non_finite(values)
    return tuple(int(i) for i in bad[0]) if len(bad) else None


def first_non_finite_row(values: np.ndarray) -> int | None:
    """The first row of values (rows, ...) holding a NaN or an infinity; None when every value is finite."""
    first = first_non_finite(values)
    return first[0] if first is not None else None


def mean_and_std(X: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per column of X (rows, columns): the mean and the population standard deviation, finite for
    finite X. When X.mean / X.std overflow (values near 1e300), they are computed on X divided by a
    power of two near each column's largest magnitude, exactly, where no sum or square can overflow."""
    with np.errstate(over="ignore", invalid="ignore"):
        mean, std = X.mean(axis=0), X.std(axis=0)
    if is_finite(mean) and is_finite(std):
        return mean, std
    magnitude = np.maximum(X.max(axis=0), -X.min(axis=0))
    unit = np.exp2(np.floor(np.log2(np.where(magnitude > 0, magnitude, 1.0)))).astype(X.dtype)  # <= magnitude
    scaled = X / unit  # (rows, columns), every value in [-2, 2]
    return scaled.mean(axis=0) * unit, scaled.std(axis=0) * unit


def standardize(
    X: np.ndarray,
    mean: npt.ArrayLike,
    scale: npt.ArrayLike,
    dtype: npt.DTypeLike | None = None,
    out: np.ndarray | None = None,
) -> np.ndarray:
    """(X - mean) / scale, in `out` or a new array of `dtype` (default X's); X is never modified.
    Where that is not finite though X is (X - mean overflowing for values of opposite signs near the
    float64 limit, or X beyond float32 for a float32 result), those rows are computed again in float64
    and in halves, exactly: a value is then infinite only when the standardized value itself is."""
    mean, scale = np.asarray(mean), np.asarray(scale)
    assert out is None or out is not X, "X must stay intact: it is read again for the rows that overflow"
    with np.errstate(over="ignore", invalid="ignore"):  # a value beyond float32 is cast to inf, then redone
        if out is None:
            out = np.array(X, dtype=dtype or X.dtype, copy=True)
        else:
            out[...] = X
        out -= mean.astype(out.dtype)
        out /= scale.astype(out.dtype)
    if is_finite(out) or not is_finite(X):  # a non-finite X is the caller's to refuse, with its own message
        return out
    bad = ~np.isfinite(out)
    rows = bad.any(axis=1) if out.ndim == 2 else bad
    halves = np.asarray(X[rows], dtype=np.float64) * 0.5 - mean.astype(np.float64) * 0.5
    with np.errstate(over="ignore"):
        out[rows] = halves / (scale.astype(np.float64) * 0.5)
    return out
