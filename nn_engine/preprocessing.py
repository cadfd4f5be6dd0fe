"""Preprocessing fitted on training rows only and stored with the model."""

import numpy as np
import numpy.typing as npt

from .exceptions import InvalidInputError
from .finite import mean_and_std, standardize


class StandardScaler:
    """x -> (x - mean) / std per column. A constant column gets std 1: it becomes 0, not NaN."""

    def fit(self, X: np.ndarray) -> "StandardScaler":
        self.mean_, std = mean_and_std(X)  # finite for any finite X, values near 1e300 included
        # A column is constant when its spread is lost in rounding, not only when exactly 0.
        tiny = 10 * np.finfo(X.dtype).eps * np.maximum(np.abs(self.mean_), 1.0)
        self.scale_ = np.where(std > tiny, std, 1.0).astype(X.dtype)
        return self

    def transform(self, X: np.ndarray, dtype: npt.DTypeLike | None = None) -> np.ndarray:
        """A new array in `dtype` (default X's); X is never modified."""
        return standardize(X, self.mean_, self.scale_, dtype)

    def inverse_transform(self, X: np.ndarray) -> np.ndarray:
        out: np.ndarray = X * self.scale_.astype(X.dtype) + self.mean_.astype(X.dtype)
        return out


class LabelEncoder:
    """Labels of any sortable type ("M"/"B", 0/1, "setosa") <-> integer codes 0..k-1."""

    def fit(self, y: np.ndarray) -> "LabelEncoder":
        self.classes_ = np.unique(y)
        return self

    def transform(self, y: np.ndarray) -> np.ndarray:
        codes: np.ndarray = np.searchsorted(self.classes_, y)
        codes = np.minimum(codes, len(self.classes_) - 1)
        unknown = self.classes_[codes] != y
        if unknown.any():
            raise InvalidInputError(f"labels never seen in training: {np.unique(np.asarray(y)[unknown])[:5].tolist()}")
        return codes

    def inverse_transform(self, codes: np.ndarray) -> np.ndarray:
        labels: np.ndarray = self.classes_[codes]
        return labels


def one_hot(codes: np.ndarray, n_classes: int, dtype: npt.DTypeLike = np.float64) -> np.ndarray:
    """Integer codes (n,) -> (n, n_classes) with a single 1 per row."""
    out = np.zeros((codes.shape[0], n_classes), dtype=dtype)
    out[np.arange(codes.shape[0]), codes] = 1
    return out
