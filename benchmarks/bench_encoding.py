"""Encoding a mixed table: nn_engine's ColumnEncoder against scikit-learn's ColumnTransformer, side by side in one run.

    python benchmarks/bench_encoding.py          # full run: 1,000,000 rows x 20 columns, a few minutes; prints Markdown
    python benchmarks/bench_encoding.py --markdown BENCHMARKS.md  # and rewrite its generated block there
    python benchmarks/bench_encoding.py --quick  # 2,000 rows: a smoke run of every code path

The table: 10 numeric columns (normal, 5 % NaN) and 10 text columns (3 to 12 levels, 5 % None), as one
2-D object array (rows, 20), the only mixed container ColumnTransformer takes without pandas; both sides
get that same array. scikit-learn's side: numeric SimpleImputer(mean) + StandardScaler, text
SimpleImputer(most_frequent) + OneHotEncoder(handle_unknown="ignore", sparse_output=False): dense output,
as ours (OneHotEncoder's default would be sparse). Every figure is the median of interleaved rounds.
Target: ColumnEncoder's fit_transform at most half of ColumnTransformer's.
"""

import argparse
import datetime
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import sklearn
from report import machine, verdict, write_generated  # benchmarks/report.py, beside this script
from sklearn.compose import ColumnTransformer
from sklearn.impute import SimpleImputer
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

from nn_engine import ColumnEncoder

TARGET = 0.5  # ColumnEncoder time / ColumnTransformer time
N_NUMERIC = N_TEXT = 10


def make_table(rows: int, seed: int = 0) -> tuple[np.ndarray, list[str]]:
    """(rows, 20) object array: numbers (float or None-free NaN) then text (str or None), and the names."""
    rng = np.random.default_rng(seed)
    X = np.empty((rows, N_NUMERIC + N_TEXT), dtype=object)
    for j in range(N_NUMERIC):
        values = rng.normal(j, 1 + j, rows)
        values[rng.random(rows) < 0.05] = np.nan
        X[:, j] = values
    for j in range(N_TEXT):
        levels = np.array([f"level-{j}-{k}" for k in range(3 + j)], dtype=object)
        values = levels[rng.integers(0, levels.size, rows)]
        values[rng.random(rows) < 0.05] = None
        X[:, N_NUMERIC + j] = values
    return X, [f"num{j}" for j in range(N_NUMERIC)] + [f"text{j}" for j in range(N_TEXT)]


def sklearn_encoder() -> ColumnTransformer:
    numeric = make_pipeline(SimpleImputer(strategy="mean"), StandardScaler())
    text = make_pipeline(
        SimpleImputer(strategy="most_frequent", missing_values=None),
        OneHotEncoder(handle_unknown="ignore", sparse_output=False),
    )
    return ColumnTransformer(
        [("numeric", numeric, list(range(N_NUMERIC))), ("text", text, list(range(N_NUMERIC, N_NUMERIC + N_TEXT)))],
        sparse_threshold=0,
    )


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def bench(rows: int, rounds: int) -> dict[str, list[float]]:
    X, names = make_table(rows)
    test, _ = make_table(rows, seed=1)
    ours, theirs = ColumnEncoder(), sklearn_encoder()
    times: dict[str, list[float]] = {k: [] for k in ("ours_fit", "sk_fit", "ours_tr", "sk_tr")}
    for _ in range(rounds):  # interleaved: drift of the machine hits both sides alike
        times["sk_fit"].append(timed(lambda: theirs.fit_transform(X)))
        times["ours_fit"].append(timed(lambda: ours.fit_transform(X, feature_names=names)))
        times["sk_tr"].append(timed(lambda: theirs.transform(test)))
        times["ours_tr"].append(timed(lambda: ours.transform(test)))
    shapes = (ours.transform(test[:5]).shape[1], theirs.transform(test[:5]).shape[1])
    print(f"outputs: ColumnEncoder {shapes[0]}, ColumnTransformer {shapes[1]}", file=sys.stderr)
    return times


def render(rows: int, rounds: int, times: dict[str, list[float]], quick: bool) -> list[str]:
    med = {k: statistics.median(v) for k, v in times.items()}
    out = [
        f"### Encoding {rows:,} rows x {N_NUMERIC + N_TEXT} columns ({N_NUMERIC} numeric, {N_TEXT} text; "
        f"median of {rounds} interleaved rounds; scikit-learn {sklearn.__version__}, NumPy {np.__version__})"
        + (" — quick run, not a measurement" if quick else ""),
        "",
        "| step | ColumnEncoder s | ColumnTransformer s (dense) | ratio | target: ratio <= 0.5 |",
        "|---|---|---|---|---|",
    ]
    for label, ours, theirs in (("fit_transform", "ours_fit", "sk_fit"), ("transform", "ours_tr", "sk_tr")):
        ratio = med[ours] / med[theirs]
        ok = verdict(ratio <= TARGET)
        out.append(f"| {label} | {med[ours]:.3f} | {med[theirs]:.3f} | {ratio:.2f} | {ok} |")
    return out + [""]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2,000 rows, one round: a smoke run")
    parser.add_argument("--markdown", type=Path, help="rewrite this file's generated block with the results")
    args = parser.parse_args(argv)
    rows, rounds = (2_000, 1) if args.quick else (1_000_000, 3)
    started = time.perf_counter()
    times = bench(rows, rounds)
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [f"Measured {stamp} on {machine()}", "", *render(rows, rounds, times, args.quick)]
    lines.append(f"Total benchmark run time: {time.perf_counter() - started:.0f} s.")
    print("\n".join(lines))
    if args.markdown and not args.quick:
        write_generated(args.markdown, "bench_encoding.py", "\n".join(lines))
        print(f"wrote {args.markdown}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
