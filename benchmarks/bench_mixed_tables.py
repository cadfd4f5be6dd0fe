"""Test accuracy on mixed public tables: nn_engine's estimators with `encoder=ColumnEncoder()` against
scikit-learn's Pipeline(ColumnTransformer, MLP), the same splits and the same budget.

    python benchmarks/bench_mixed_tables.py                          # full run, 10 splits a table; prints the table
    python benchmarks/bench_mixed_tables.py --markdown BENCHMARKS.md # and rewrite its generated block there
    python benchmarks/bench_mixed_tables.py --quick                  # 2 splits, 10 epochs: a smoke run
    python benchmarks/bench_mixed_tables.py --seeds 5                # each split's score: the mean of 5 seeds

The tables ship with the test extras (files read with the csv and json modules, no pandas):
- penguins (palmerpenguins, 344 rows) -> species: 4 numbers with gaps, island, sex (gaps), year;
- cars (vega_datasets, 406 rows, 398 with a target) -> Miles_per_Gallon, a regression: 5 numbers
  (Horsepower with gaps), Origin, Year (an ISO date); Name is free text and left out on both sides;
- seattle-weather (vega_datasets, 1,461 rows) -> weather (5 classes, snow 26 rows): 4 numbers and the
  date, whose "2012/01/01" is rewritten "2012-01-01" (ISO-8601, which ColumnEncoder reads as a date).

nn_engine gets the raw table (its ColumnEncoder infers every type; only Name is dropped through
`columns`) and fits the encoder on the training rows. scikit-learn gets the same rows as one object
array: numbers (and a date as the same four numbers ColumnEncoder derives: seconds since the epoch,
year, month, weekday) through SimpleImputer(mean) + StandardScaler, text through
SimpleImputer(most_frequent) + OneHotEncoder(handle_unknown="ignore").

One budget for every table and split, tuned on none: one hidden layer of 32 relu units, adam, learning
rate 0.01, batch 32, 200 epochs, L2 1e-4 (scikit-learn's alpha), every epoch run (scikit-learn with
tol=0 and no early stop), seed = split (with --seeds k: the mean score of seeds split + 1000 i, i < k, the
same seeds on both sides). Splits: 80/20, random_state 0..9, stratified for classes.
nn_engine is run twice: with its default standardize=True, which rescales every encoded input (the
one-hot ones and, for the regressor, the target too), and with standardize=False, which leaves the
encoder's own scaling (numbers standardized, one-hot 0/1) as scikit-learn's pipeline does.
Goal: nn_engine's mean at least scikit-learn's less one standard error of the paired per-split
difference.
"""

import argparse
import csv
import datetime
import importlib.metadata
import json
import statistics
import sys
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import sklearn
from report import machine, verdict, write_generated  # benchmarks/report.py, beside this script
from sklearn.compose import ColumnTransformer
from sklearn.exceptions import ConvergenceWarning
from sklearn.impute import SimpleImputer
from sklearn.metrics import r2_score
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier as SklearnClassifier
from sklearn.neural_network import MLPRegressor as SklearnRegressor
from sklearn.pipeline import Pipeline, make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

import nn_engine
from nn_engine import ColumnEncoder, MLPClassifier, MLPRegressor

HIDDEN = [32]
LEARNING_RATE = 0.01
BATCH_SIZE = 32
EPOCHS = 200
L2 = 1e-4
SPLITS = 10
TEST_SIZE = 0.2


@dataclass
class Table:
    """A public table: its columns (raw: str / float / None), target and each column's role for scikit-learn."""

    name: str
    columns: dict[str, np.ndarray]  # name -> (rows,) object array: str, float or None
    y: np.ndarray  # (rows,)
    target: str
    classification: bool
    numeric: list[str]
    categorical: list[str]
    dates: list[str]
    dropped: list[str]  # left out on both sides (free text)


# -- the tables -----------------------------------------------------------------------------------------------------


def _cell(value: str | float | int | None) -> str | float | None:
    """A CSV or JSON cell as the table holds it: None when missing, a number as float, text unchanged."""
    if value is None or value in ("", "NA"):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    try:
        return float(value)
    except ValueError:
        return value


def _table(records: list[dict], target: str, **roles) -> tuple[dict[str, np.ndarray], np.ndarray]:
    """(columns, y) of records whose target is present."""
    records = [r for r in records if _cell(r.get(target)) is not None]
    names = [name for name in records[0] if name != target]
    columns = {}
    for name in names:
        col = np.empty(len(records), dtype=object)
        col[:] = [_cell(r.get(name)) for r in records]
        if name in roles.get("numeric", ()):
            col = np.array([np.nan if v is None else v for v in col], dtype=object)  # numbers: NaN for missing
        columns[name] = col
    return columns, np.array([_cell(r[target]) for r in records])


def penguins() -> Table:
    path = importlib.metadata.distribution("palmerpenguins").locate_file("palmerpenguins/data/penguins.csv")
    numeric = ["bill_length_mm", "bill_depth_mm", "flipper_length_mm", "body_mass_g", "year"]
    with open(str(path), newline="") as f:
        columns, y = _table(list(csv.DictReader(f)), "species", numeric=numeric)
    return Table("penguins", columns, y, "species", True, numeric, ["island", "sex"], [], [])


def _vega(file: str) -> Path:
    return Path(str(importlib.metadata.distribution("vega_datasets").locate_file(f"vega_datasets/_data/{file}")))


def cars() -> Table:
    numeric = ["Cylinders", "Displacement", "Horsepower", "Weight_in_lbs", "Acceleration"]
    columns, y = _table(json.loads(_vega("cars.json").read_text()), "Miles_per_Gallon", numeric=numeric)
    return Table("cars", columns, y.astype(float), "Miles_per_Gallon", False, numeric, ["Origin"], ["Year"], ["Name"])


def seattle_weather() -> Table:
    numeric = ["precipitation", "temp_max", "temp_min", "wind"]
    with open(_vega("seattle-weather.csv"), newline="") as f:
        records = list(csv.DictReader(f))
    for record in records:
        record["date"] = record["date"].replace("/", "-")  # 2012/01/01 -> ISO 2012-01-01
    columns, y = _table(records, "weather", numeric=numeric)
    return Table("seattle-weather", columns, y, "weather", True, numeric, [], ["date"], [])


TABLES = (penguins, cars, seattle_weather)


# -- the two sides --------------------------------------------------------------------------------------------------


def ours(table: Table, seed: int, epochs: int, standardize: bool) -> MLPClassifier | MLPRegressor:
    model = MLPClassifier if table.classification else MLPRegressor
    return model(
        hidden_layers=HIDDEN,
        activation="relu",
        optimizer="adam",
        learning_rate=LEARNING_RATE,
        epochs=epochs,
        batch_size=BATCH_SIZE,
        l2=L2,
        seed=seed,
        standardize=standardize,
        encoder=ColumnEncoder(columns={name: {"type": "drop"} for name in table.dropped}),
    )


def date_parts(text: np.ndarray) -> np.ndarray:
    """(rows, 4) float: seconds since the epoch, year, month, weekday (Monday 0) of ISO dates (NaN if missing)."""
    stamps = np.array([np.datetime64("NaT") if v is None else v for v in text], dtype="datetime64[s]")
    months = stamps.astype("datetime64[M]").astype(np.int64)
    days = stamps.astype("datetime64[D]").astype(np.int64)
    parts = np.stack([stamps.astype(np.int64), months // 12 + 1970, months % 12 + 1, (days + 3) % 7], axis=1)
    return np.where(np.isnat(stamps)[:, None], np.nan, parts.astype(np.float64))


def sklearn_matrix(table: Table) -> tuple[np.ndarray, int]:
    """(rows, numbers + 4 a date + text) object array, numbers first, and how many columns are numbers."""
    numbers = [table.columns[name].astype(np.float64)[:, None] for name in table.numeric]
    numbers += [date_parts(table.columns[name]) for name in table.dates]
    text = [table.columns[name][:, None] for name in table.categorical]
    n_numbers = sum(block.shape[1] for block in numbers)
    return np.concatenate([block.astype(object) for block in numbers + text], axis=1), n_numbers


def theirs(table: Table, seed: int, epochs: int, n_columns: int, n_numbers: int) -> Pipeline:
    encode = ColumnTransformer(
        [
            ("numeric", make_pipeline(SimpleImputer(strategy="mean"), StandardScaler()), list(range(n_numbers))),
            (
                "categorical",
                make_pipeline(
                    SimpleImputer(strategy="most_frequent", missing_values=None),
                    OneHotEncoder(handle_unknown="ignore", sparse_output=False),
                ),
                list(range(n_numbers, n_columns)),
            ),
        ],
        sparse_threshold=0,
    )
    model = SklearnClassifier if table.classification else SklearnRegressor
    mlp = model(
        hidden_layer_sizes=tuple(HIDDEN),
        activation="relu",
        solver="adam",
        learning_rate_init=LEARNING_RATE,
        max_iter=epochs,
        batch_size=BATCH_SIZE,
        alpha=L2,
        tol=0,
        n_iter_no_change=10**9,
        random_state=seed,
    )
    return Pipeline([("encode", encode), ("mlp", mlp)])


def score(table: Table, model, X, y) -> float:
    """Accuracy for classes, R² for a regression."""
    return float(model.score(X, y)) if table.classification else float(r2_score(y, model.predict(X)))


# -- the run --------------------------------------------------------------------------------------------------------


def bench(table: Table, splits: int, epochs: int, seeds: int = 1) -> dict:
    X_sk, n_numbers = sklearn_matrix(table)
    rows = np.arange(table.y.size)
    scores: dict[str, list[float]] = {"default": [], "unscaled": [], "sklearn": []}
    inferred = set()  # the types ColumnEncoder inferred, one entry per distinct outcome over the splits
    for split in range(splits):
        train, test = train_test_split(
            rows, test_size=TEST_SIZE, random_state=split, stratify=table.y if table.classification else None
        )
        raw_train = {name: col[train] for name, col in table.columns.items()}
        raw_test = {name: col[test] for name, col in table.columns.items()}
        seeded: dict[str, list[float]] = {name: [] for name in scores}
        for seed in (split + 1000 * i for i in range(seeds)):
            for variant, standardize in (("default", True), ("unscaled", False)):
                model = ours(table, seed, epochs, standardize).fit(raw_train, table.y[train])
                seeded[variant].append(score(table, model, raw_test, table.y[test]))
                inferred.add(tuple((entry["name"], entry["type"]) for entry in model.encoder_.report_))
            pipe = theirs(table, seed, epochs, X_sk.shape[1], n_numbers)
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", ConvergenceWarning)
                pipe.fit(X_sk[train], table.y[train])
            seeded["sklearn"].append(score(table, pipe, X_sk[test], table.y[test]))
        for name, values in seeded.items():
            scores[name].append(statistics.fmean(values))
    types: dict[str, list[str]] = {}
    for name, kind in min(inferred):
        types.setdefault(kind, []).append(name)
    return {
        "table": table,
        "scores": scores,
        "types": types,
        "same_types": len(inferred) == 1,
        "inputs": (model.encoder_.n_outputs_, len(pipe.named_steps["encode"].get_feature_names_out())),
        "train_rows": len(train),
    }


def mean_se(values: list[float]) -> tuple[float, float]:
    """(mean, standard error of the mean) over the splits."""
    return statistics.fmean(values), statistics.stdev(values) / len(values) ** 0.5 if len(values) > 1 else 0.0


def render(results: list[dict], splits: int, epochs: int, seeds: int, quick: bool) -> list[str]:
    out = [
        f"### Mixed tables: test score with the same budget ({HIDDEN[0]} relu units, adam, learning rate "
        f"{LEARNING_RATE}, batch {BATCH_SIZE}, {epochs} epochs, L2/alpha {L2:g}; {splits} splits 80/20"
        + (f", each the mean of {seeds} seeds" if seeds > 1 else ", seed = split")
        + f"; mean ± standard error; scikit-learn {sklearn.__version__}, nn_engine {nn_engine.__version__})"
        + (" — quick run, not a measurement" if quick else ""),
        "",
        "| table | rows, train / test | target (metric) | inputs: ours / sklearn | nn_engine, standardize=True "
        "(default) | nn_engine, standardize=False | scikit-learn | ours - sklearn: default / False (paired SE) "
        "| goal met: default / False |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        table, s = r["table"], r["scores"]
        cells = {k: "{:.4f} ± {:.4f}".format(*mean_se(v)) for k, v in s.items()}
        diffs, goals = [], []
        for variant in ("default", "unscaled"):
            diff, se = mean_se([a - b for a, b in zip(s[variant], s["sklearn"], strict=True)])
            diffs.append(f"{diff:+.4f} ({se:.4f})")
            goals.append(verdict(diff >= -se))
        metric = "accuracy" if table.classification else "R²"
        out.append(
            f"| {table.name} | {r['train_rows']} / {table.y.size - r['train_rows']} | {table.target} ({metric}) "
            f"| {r['inputs'][0]} / {r['inputs'][1]} | {cells['default']} | {cells['unscaled']} | {cells['sklearn']} "
            f"| {' / '.join(diffs)} | {' / '.join(goals)} |"
        )
    out += ["", "The types ColumnEncoder inferred on the training rows (`drop`: asked for):", ""]
    for r in results:
        described = "; ".join(f"{kind}: {', '.join(names)}" for kind, names in r["types"].items())
        same = "" if r["same_types"] else " (on one split; they differ between splits)"
        out.append(f"- {r['table'].name}: {described}{same}")
    return out + [""]


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="2 splits, 10 epochs: a smoke run")
    parser.add_argument("--markdown", type=Path, help="rewrite this file's generated block with the results")
    parser.add_argument("--seeds", type=int, default=1, help="seeds per split, their scores averaged (default 1)")
    args = parser.parse_args(argv)
    splits, epochs = (2, 10) if args.quick else (SPLITS, EPOCHS)
    started = time.perf_counter()
    results = [bench(load(), splits, epochs, args.seeds) for load in TABLES]
    stamp = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC")
    lines = [f"Measured {stamp} on {machine()}", "", *render(results, splits, epochs, args.seeds, args.quick)]
    lines.append(f"Total benchmark run time: {time.perf_counter() - started:.0f} s.")
    print("\n".join(lines))
    if args.markdown and not args.quick:
        write_generated(args.markdown, "bench_mixed_tables.py", "\n".join(lines))
        print(f"wrote {args.markdown}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
