"""What a model needs to be trained again to the bit, and the check that a replay was.

Every model records the SHA-256 of the dataset as stored (its Parquet bytes), the options the
engine actually used (the job's hyperparameters with "auto" and null resolved), the seed, and the
versions of the engine, NumPy, Python and the BLAS with its thread count. A replay (`POST
/v1/jobs/{id}/replay`) trains the same job again; `compare` then says whether the cost history
and the weights are bit-identical. With one BLAS thread they must be: the engine draws every
random number from the seed, and a single-threaded BLAS sums in a fixed order. With more threads
a BLAS may split sums differently from run to run, which the record's thread count explains.
"""

import hashlib
import platform

import numpy as np

import nn_engine
from nn_engine import model_from_bytes
from service.core import blas


def dataset_sha256(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()


def record(*, dataset_hash: str, hyperparameters: dict, estimator, init_model_id: str | None) -> dict:
    resolved = dict(hyperparameters)
    resolved.update(
        init=estimator.init_, validation_fraction=estimator.validation_fraction_, dropout=estimator.dropout_
    )
    return {
        "dataset_sha256": dataset_hash,
        "hyperparameters": resolved,
        "seed": hyperparameters["seed"],
        "init_model_id": init_model_id,
        "versions": {
            "nn_engine": nn_engine.__version__,
            "numpy": np.__version__,
            "python": platform.python_version(),
            "blas": blas.libraries(),
        },
    }


def compare(original_payload: bytes | None, estimator, *, original_job_id: str, original_record: dict | None) -> dict:
    """How this run (`estimator`, just trained) compares with the original job's stored model."""
    out: dict = {"of": original_job_id}
    if original_payload is None:
        return {**out, "identical": None, "reason": "the original job's model was deleted: nothing to compare with"}
    original = model_from_bytes(original_payload)
    theirs, ours = original.cost_history_, estimator.cost_history_
    epochs = _first_difference(theirs, ours)
    same_shape = original.network_.params.shape == estimator.network_.params.shape
    weights_identical = same_shape and original.network_.params.tobytes() == estimator.network_.params.tobytes()
    out.update(
        identical=epochs is None and weights_identical,
        cost_history_identical=epochs is None,
        weights_identical=weights_identical,
        first_differing_epoch=epochs,
        max_abs_weight_difference=float(np.max(np.abs(original.network_.params - estimator.network_.params)))
        if same_shape
        else None,
        epochs=[len(theirs["train"]), len(ours["train"])],
        blas_then=(original_record or {}).get("versions", {}).get("blas"),
        blas_now=blas.libraries(),
    )
    return out


def _first_difference(theirs: dict, ours: dict) -> int | None:
    """The first epoch (1-based) where any recorded cost differs in its bits; None if none does."""
    found = []
    for key in ("train", "validation", "train_loss", "train_l2", "validation_l2"):
        a, b = theirs.get(key) or [], ours.get(key) or []
        differing = [i for i, (x, y) in enumerate(zip(a, b, strict=False), start=1) if _bits(x) != _bits(y)]
        if differing:
            found.append(differing[0])
        elif len(a) != len(b):
            found.append(min(len(a), len(b)) + 1)
    return min(found, default=None)


def _bits(value) -> bytes:
    return np.float64(np.nan if value is None else value).tobytes()
