"""Save and load fitted estimators as plain arrays plus JSON metadata, never pickle.

The payload is an `.npz` archive (read with `allow_pickle=False`) holding the flat
parameter vector, the scalers, the classes, a fitted `encoder_`'s arrays (prefixed
`encoder/`), and `metadata`: UTF-8 JSON with the format name and version, the estimator's
parameters, its architecture and training record, the encoder's own metadata, and a
SHA-256 digest of every array. A truncated archive, an array changed after
saving, or anything that is not such an archive raises `ModelFormatError`.
"""

import hashlib
import io
import json
import zipfile
from pathlib import Path
from typing import Any

import numpy as np

from . import __version__
from .encoding import ColumnEncoder
from .estimators import MLPClassifier, MLPRegressor, _BaseMLP
from .exceptions import ModelFormatError
from .network import Network
from .preprocessing import StandardScaler

FORMAT = "nn_engine.mlp"
FORMAT_VERSION = 1
ESTIMATORS = {cls.__name__: cls for cls in (MLPClassifier, MLPRegressor)}
ENCODER_PREFIX = "encoder/"


def _digest(arrays: dict[str, np.ndarray]) -> str:
    h = hashlib.sha256()
    for name in sorted(arrays):
        a = np.ascontiguousarray(arrays[name])
        h.update(f"{name}|{a.dtype.str}|{a.shape}|".encode())
        h.update(a.tobytes())
    return h.hexdigest()


def _scaler_arrays(prefix: str, scaler: StandardScaler | None) -> dict[str, np.ndarray]:
    return {} if scaler is None else {f"{prefix}_mean": scaler.mean_, f"{prefix}_scale": scaler.scale_}


def _scaler_from(arrays: dict[str, np.ndarray], prefix: str) -> StandardScaler | None:
    if f"{prefix}_mean" not in arrays:
        return None
    scaler = StandardScaler()
    scaler.mean_, scaler.scale_ = arrays[f"{prefix}_mean"], arrays[f"{prefix}_scale"]
    return scaler


def model_to_bytes(model: _BaseMLP) -> bytes:
    """Serialise a fitted MLPClassifier or MLPRegressor."""
    model._check_fitted()
    net = model.network_
    arrays = {"params": net.params, **_scaler_arrays("x", model.scaler_)}
    if isinstance(model, MLPClassifier):
        arrays["classes"] = model.classes_
    else:
        arrays.update(_scaler_arrays("y", model.y_scaler_))
    encoder = getattr(model, "encoder_", None)
    encoder_metadata = None
    if encoder is not None:
        encoder_arrays, encoder_metadata = encoder.to_arrays()
        arrays.update({ENCODER_PREFIX + name: a for name, a in encoder_arrays.items()})
    params = model.get_params()
    params["encoder"] = None  # the fitted encoder_ is saved whole, below; its parameters are in its metadata
    params["hidden_layers"] = [int(w) for w in np.atleast_1d(params["hidden_layers"])]
    if isinstance(params["class_weight"], dict):  # JSON keys are text; the estimator matches labels by text too
        params["class_weight"] = {str(k): float(v) for k, v in params["class_weight"].items()}
    metadata = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "engine_version": __version__,
        "estimator": type(model).__name__,
        "params": params,
        "sizes": net.sizes,
        "hidden_activation": net.hidden_activation,
        "output_activation": net.output_activation,
        "dtype": net.dtype.name,
        "loss": model.loss_,
        "n_features_in": model.n_features_in_,
        "n_outputs": getattr(model, "n_outputs_", None),
        "cost_history": model.cost_history_,
        "n_epochs": model.n_epochs_,
        "best_epoch": model.best_epoch_,
        "best_score": model.best_score_,
        "monitor": model.monitor_,
        "stop_reason": model.stop_reason_,
        "init": model.init_,
        "validation_fraction": model.validation_fraction_,
        "dropout": model.dropout_,
        "encoder": encoder_metadata,
        "sha256": _digest(arrays),
    }
    buffer = io.BytesIO()
    metadata_bytes = np.frombuffer(json.dumps(metadata).encode(), dtype=np.uint8)
    # NumPy stubs match **arrays against savez's allow_pickle: bool as well as its array keywords
    np.savez(buffer, metadata=metadata_bytes, **arrays)  # type: ignore[arg-type]
    return buffer.getvalue()


def model_from_bytes(data: bytes) -> _BaseMLP:
    """Rebuild an estimator saved by `model_to_bytes`; raise ModelFormatError if it is not one."""
    try:
        with np.load(io.BytesIO(data), allow_pickle=False) as archive:
            arrays = {name: archive[name] for name in archive.files}
    except (zipfile.BadZipFile, ValueError, OSError, EOFError, KeyError) as exc:
        raise ModelFormatError(f"not a readable nn_engine model (truncated or corrupted archive): {exc}") from None
    try:
        metadata = json.loads(arrays.pop("metadata").tobytes().decode())
    except (KeyError, UnicodeDecodeError, ValueError):
        raise ModelFormatError("not an nn_engine model: its metadata is missing or is not JSON") from None
    if not isinstance(metadata, dict) or metadata.get("format") != FORMAT:
        raise ModelFormatError(f"not an nn_engine model: format is {metadata.get('format')!r}, expected {FORMAT!r}")
    if metadata.get("format_version") != FORMAT_VERSION:
        raise ModelFormatError(
            f"model format version {metadata.get('format_version')!r} is not supported (this engine reads {FORMAT_VERSION})"
        )
    if metadata.get("sha256") != _digest(arrays):
        raise ModelFormatError("model arrays do not match their recorded SHA-256 digest: the file was altered")
    try:
        return _rebuild(metadata, arrays)
    except (KeyError, TypeError, ValueError) as exc:
        raise ModelFormatError(f"model metadata is inconsistent: {exc}") from None


def _rebuild(metadata: dict[str, Any], arrays: dict[str, np.ndarray]) -> _BaseMLP:
    model = ESTIMATORS[metadata["estimator"]](**metadata["params"])
    net = Network(metadata["sizes"], metadata["hidden_activation"], metadata["output_activation"], metadata["dtype"])
    params = arrays["params"]
    if params.shape != net.params.shape or params.dtype != net.dtype:
        raise ValueError(
            f"params have shape {params.shape} and dtype {params.dtype}, expected {net.params.shape} {net.dtype}"
        )
    net.params[...] = params
    model.network_ = net
    model.loss_ = metadata["loss"]
    model.n_features_in_ = metadata["n_features_in"]
    model.scaler_ = _scaler_from(arrays, "x")
    model.cost_history_ = metadata["cost_history"]
    model.n_epochs_ = metadata["n_epochs"]
    model.best_epoch_ = metadata["best_epoch"]
    model.best_score_ = metadata.get("best_score")  # absent from models saved before early_stopping_metric
    model.monitor_ = metadata.get("monitor", "loss")
    model.stop_reason_ = metadata["stop_reason"]
    model.init_ = metadata["init"]
    model.validation_fraction_ = metadata.get("validation_fraction")  # absent from older models
    model.dropout_ = metadata.get("dropout")
    model.encoder_ = None
    if metadata.get("encoder") is not None:  # absent from models saved before encoders
        encoder_arrays = {k.removeprefix(ENCODER_PREFIX): a for k, a in arrays.items() if k.startswith(ENCODER_PREFIX)}
        model.encoder_ = ColumnEncoder.from_arrays(encoder_arrays, metadata["encoder"])
        model.encoder = ColumnEncoder(**metadata["encoder"]["params"])
    if isinstance(model, MLPClassifier):
        model.classes_ = arrays["classes"]
    else:
        model.n_outputs_ = metadata["n_outputs"]
        model.y_scaler_ = _scaler_from(arrays, "y")
    return model


def save(model: _BaseMLP, path: str | Path) -> None:
    Path(path).write_bytes(model_to_bytes(model))


def load(path: str | Path) -> _BaseMLP:
    return model_from_bytes(Path(path).read_bytes())
