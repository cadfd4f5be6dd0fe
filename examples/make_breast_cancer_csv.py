"""Writes `breast_cancer.csv` in the layout of Kaggle's `data.csv` (Wisconsin diagnostic breast cancer),
and `breast_cancer_new_rows.csv`, five rows of features only for the prediction walk-through.

Kaggle's file quotes its header, ends every line with a comma (an empty unnamed 33rd column), and
labels rows M (malignant) or B (benign). The data come from scikit-learn, whose feature order is
Kaggle's; only the ids are made up (the first is Kaggle's 842302, the rest distinct, from a fixed seed).

    python examples/make_breast_cancer_csv.py
"""

from pathlib import Path

import numpy as np
from sklearn.datasets import load_breast_cancer

HERE = Path(__file__).parent
SEED = 569
MEASUREMENTS = [
    "radius", "texture", "perimeter", "area", "smoothness",
    "compactness", "concavity", "concave points", "symmetry", "fractal_dimension",
]  # fmt: skip
FEATURES = [f"{m}_{suffix}" for suffix in ("mean", "se", "worst") for m in MEASUREMENTS]
NEW_ROWS = [19, 20, 21, 0, 1]  # a few benign and malignant tumours


def number(value: float) -> str:
    """The shortest text that reads back as the same float, without a trailing ".0"."""
    return np.format_float_positional(value, trim="-")


def main() -> None:
    data = load_breast_cancer()
    X, y = data.data, data.target  # sklearn: 0 = malignant, 1 = benign
    assert X.shape == (569, 30) and len(FEATURES) == 30

    rng = np.random.default_rng(SEED)
    others = rng.choice(np.arange(100_000, 99_999_999), size=len(X) * 2, replace=False)
    ids = [842302] + [int(i) for i in others if i != 842302][: len(X) - 1]
    assert len(set(ids)) == len(X)

    header = ",".join(f'"{name}"' for name in ["id", "diagnosis", *FEATURES]) + ",\n"
    with open(HERE / "breast_cancer.csv", "w", newline="") as out:
        out.write(header)
        for row_id, label, row in zip(ids, y, X, strict=True):
            out.write(",".join([str(row_id), "M" if label == 0 else "B", *map(number, row)]) + ",\n")

    with open(HERE / "breast_cancer_new_rows.csv", "w", newline="") as out:
        out.write(",".join(FEATURES) + "\n")
        for i in NEW_ROWS:
            out.write(",".join(map(number, X[i])) + "\n")


if __name__ == "__main__":
    main()
