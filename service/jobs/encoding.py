"""A job's column encoding: what each feature column will become, planned from the dataset's upload
statistics when the job is created (every problem with the overrides in one 422), and the engine's
`ColumnEncoder` the worker fits on the job's training rows. The encoder decides on the training rows
themselves; the plan here is what a client is told at once, and what the service's limits count."""

from dataclasses import dataclass
from typing import Any

from nn_engine import ColumnEncoder

# An upload statistics type -> the encoder's type for it by default; "text" is identifier-like, left out.
DEFAULT_TYPE = {
    "numeric": "numeric",
    "boolean": "boolean",
    "categorical": "categorical",
    "datetime": "datetime",
    "text": "identifier",
}
LEFT_OUT_REASON = {
    "identifier": "most values are distinct: an identifier or free text",
    "constant": "one distinct value",
    "empty": "every value is missing",
    "drop": "dropped by encoding.columns",
}
DATE_INPUTS = 5  # seconds, year, month, weekday, missing


@dataclass(frozen=True)
class PlannedColumn:
    name: str
    type: str  # an encoder type, or why it is left out (identifier, constant, empty, drop)
    inputs: int  # the network inputs it becomes


def plan(encoding: dict, features: list[str], stats: dict[str, dict]) -> tuple[list[PlannedColumn], list[str]]:
    """(each feature's planned encoding, every problem with the job's encoding options)."""
    overrides: dict[str, dict] = encoding["columns"]
    problems = [_not_a_feature(name, stats) for name in overrides if name not in features]
    planned = []
    for name in features:
        override = {k: v for k, v in overrides.get(name, {}).items() if v is not None}
        column = stats[name]
        kind = override.get("type") or DEFAULT_TYPE.get(column["type"], "categorical")
        if "type" in override:
            problems += _type_problems(name, kind, column)
        if kind != "drop" and column["distinct"] == 0:
            kind = "empty"
        elif "type" not in override and column["distinct"] == 1:  # as the encoder: a type given is kept
            kind = "constant"
        problems += _option_problems(name, override, kind)
        planned.append(PlannedColumn(name, kind, _inputs(kind, column, override, encoding)))
    if not problems and not any(column.inputs for column in planned):
        left_out = "; ".join(f"{c.name!r}: {LEFT_OUT_REASON[c.type]}" for c in planned[:10])
        problems.append(f"no feature column becomes an input ({left_out})")
    return planned, problems


def planned_report(planned: list[PlannedColumn]) -> list[dict[str, Any]]:
    """A job's `columns` until it trains: each column's planned type and inputs, or why it is left out;
    training replaces it with the encoder's own report (`ColumnEncoder.report_`)."""
    return [
        {"name": c.name, "type": c.type, "inputs": c.inputs}
        if c.inputs
        else {"name": c.name, "type": c.type, "left_out": LEFT_OUT_REASON[c.type]}
        for c in planned
    ]


def encoder_for(encoding: dict) -> ColumnEncoder:
    """The engine's encoder for a job's stored `encoding` (the worker fits it on the training rows)."""
    columns = {
        name: {k: v for k, v in options.items() if v is not None} for name, options in encoding["columns"].items()
    }
    return ColumnEncoder(
        columns={name: options for name, options in columns.items() if options} or None,
        max_categories=encoding["max_categories"],
        numeric_impute=encoding["numeric_impute"],
        fill_value=encoding["fill_value"],
        missing_indicator=encoding["missing_indicator"],
    )


def _not_a_feature(name: str, stats: dict[str, dict]) -> str:
    if name not in stats:
        return f"encoding.columns names {name!r}, which is not a column of the dataset"
    return f"encoding.columns names {name!r}, which is not a feature of this job (the target, a weight or excluded)"


def _type_problems(name: str, kind: str, column: dict) -> list[str]:
    seen = column["type"]
    if kind in ("drop", "categorical") or kind == seen:
        return []
    if kind == "boolean" and seen == "numeric" and (column["min"], column["max"]) in ((0, 1), (0, 0), (1, 1)):
        return []
    note = f" ({column['note']})" if column.get("note") else ""
    return [f"column {name!r} is {seen}{note}: it cannot be encoded as {kind}"]


def _option_problems(name: str, override: dict[str, Any], kind: str) -> list[str]:
    problems = []
    for option in ("impute", "missing_indicator"):
        if option in override and kind != "numeric":
            problems.append(f"encoding.columns[{name!r}].{option} is for numeric columns; {name!r} is {kind}")
    if "max_categories" in override and kind != "categorical":
        problems.append(f"encoding.columns[{name!r}].max_categories is for categorical columns; {name!r} is {kind}")
    return problems


def _inputs(kind: str, column: dict, override: dict[str, Any], encoding: dict) -> int:
    if kind == "numeric":
        return 1 + bool(override.get("missing_indicator", encoding["missing_indicator"]))
    if kind == "boolean":
        return 2
    if kind == "datetime":
        return DATE_INPUTS
    if kind == "categorical":
        kept = min(column["distinct"], override.get("max_categories", encoding["max_categories"]))
        return kept + (column["distinct"] > kept) + 1  # the levels, <other>, <missing>
    return 0
