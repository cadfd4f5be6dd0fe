"""A model's `ColumnEncoder` as ONNX nodes: the raw columns in, the network's float matrix out.

One graph input per column the encoder uses (identifier, constant, empty and dropped columns are
none), named after the column (`_2`, `_3`, ... appended when the name is taken, see onnx_graph.py),
in the encoder's column order, each of shape (batch,): one value per row, as the encoder's table
holds a 1-D array per column. What each input holds, and the token that says a cell is missing:

    numeric      float32, NaN missing -> impute plan.fill, (x - mean) / scale; `name=<missing>` if asked
    boolean      float32 0/1, NaN missing -> the value (0 where missing), `name=<missing>`
    categorical  string (the text of the value, str() for a non-string), missing: MISSING_TOKEN, or for a
                 column that has a level of that very text, the first of `<missing-2>`, `<missing-3>`, ...
                 that is none of its levels -> one-hot of the kept levels, `name=<other>` (a pooled level,
                 or one never seen, when the column pooled levels; else a level never seen sets nothing),
                 `name=<missing>`
    datetime     int64 seconds since 1970-01-01T00:00:00 (UTC, as numpy's datetime64[s]), missing:
                 DATETIME_MISSING (INT64 min, numpy's NaT) -> seconds, year, month, weekday (Monday 0) by
                 integer arithmetic (civil_from_days), impute with the training means, standardize, `name=<missing>`

All of it in float64, as the encoder computes, so the matrix matches `encoder.transform` to the last bit
for values the inputs' types hold exactly; then one Cast to float32 for the network. What the encoder
refuses (a word in a numeric column, an infinite number, a boolean other than 0/1) a graph cannot
refuse: such values go through the arithmetic as they are.

A column whose training text is literally `<missing>` is a level like any other for the encoder, so
its outputs name `name=<missing>` twice (that level's input, then the missing input); here its missing
token is `<missing-2>`, and `inputs` in the metadata says so per input.
"""

from dataclasses import dataclass

import numpy as np
from onnx import TensorProto

from nn_engine import ColumnEncoder
from nn_engine.encoding import MISSING, ColumnPlan
from service.models.onnx_graph import GraphBuilder

ML_DOMAIN = "ai.onnx.ml"  # LabelEncoder, for categorical columns
ML_OPSET = 2  # LabelEncoder with keys_strings / values_int64s: onnxruntime >= 1.6
MISSING_TOKEN = MISSING  # "<missing>"
DATETIME_MISSING = int(np.iinfo(np.int64).min)  # np.datetime64("NaT").astype(np.int64)
SECONDS_PER_DAY = 86_400
ELEMENT_TYPES: dict[str, int] = {
    "numeric": TensorProto.FLOAT,
    "boolean": TensorProto.FLOAT,
    "categorical": TensorProto.STRING,
    "datetime": TensorProto.INT64,
}
DTYPE_NAMES: dict[int, str] = {TensorProto.FLOAT: "float32", TensorProto.STRING: "string", TensorProto.INT64: "int64"}


@dataclass(frozen=True)
class GraphInput:
    """One graph input: the column it carries and how."""

    name: str  # the graph input's name
    column: str
    type: str  # the encoder's type of the column
    elem_type: int  # TensorProto element type
    missing: str | int  # the value that marks a missing cell ("NaN" for a float input)

    def metadata(self) -> dict[str, str | int]:
        return {
            "name": self.name,
            "column": self.column,
            "type": self.type,
            "dtype": DTYPE_NAMES[self.elem_type],
            "missing": self.missing,
        }


def categorical_missing_token(plan: ColumnPlan) -> str:
    """MISSING_TOKEN, unless the column has a level (kept or pooled) of that text: then `<missing-2>`, ..."""
    levels = set(plan.levels.tolist()) | set(plan.pooled.tolist())
    token, n = MISSING_TOKEN, 1
    while token in levels:
        n += 1
        token = f"{MISSING_TOKEN[:-1]}-{n}>"
    return token


def missing_value(plan: ColumnPlan) -> str | int:
    if plan.type == "categorical":
        return categorical_missing_token(plan)
    return DATETIME_MISSING if plan.type == "datetime" else "NaN"


def uses_ml_domain(encoder: ColumnEncoder) -> bool:
    """True when the nodes need ai.onnx.ml (a categorical column)."""
    return any(plan.type == "categorical" for plan in encoder.plans_)


def encoding_nodes(g: GraphBuilder, encoder: ColumnEncoder, output: str) -> tuple[list[GraphInput], str]:
    """(the graph inputs, the tensor holding float32 (batch, encoder.n_outputs_)), nodes added to g."""
    used = [plan for plan in encoder.plans_ if plan.outputs()]  # the left-out columns have no input
    assert used, "a fitted encoder uses at least one column"
    # the inputs named first, so that each keeps its column's name unless the column is named like an output
    inputs = [GraphInput(g.fresh(p.name), p.name, p.type, ELEMENT_TYPES[p.type], missing_value(p)) for p in used]
    blocks: list[str] = []  # float64 (batch, width) each, in the encoder's output order
    for plan, graph_input in zip(used, inputs, strict=True):
        column = g.node("Unsqueeze", [graph_input.name, g.shared_constant("axis_1", np.array([1], np.int64))], "column")
        blocks.append(BLOCKS[plan.type](g, plan, column, graph_input))  # (batch, 1) -> (batch, width)
    encoded = g.node("Concat", blocks, "encoded64", axis=1) if len(blocks) > 1 else blocks[0]
    return inputs, g.node("Cast", [encoded], output, to=TensorProto.FLOAT)


def _standardized(g: GraphBuilder, plan: ColumnPlan, values: str, missing: str) -> str:
    """float64 (batch, parts): missing cells filled with plan.fill, then (x - mean) / scale."""
    filled = g.node("Where", [missing, g.constant("fill", plan.fill.astype(np.float64)), values], "filled")
    centred = g.node("Sub", [filled, g.constant("mean", plan.mean.astype(np.float64))], "centred")
    return g.node("Div", [centred, g.constant("scale", plan.scale.astype(np.float64))], "standardized")


def _indicator(g: GraphBuilder, missing: str) -> str:
    return g.node("Cast", [missing], "missing64", to=TensorProto.DOUBLE)


def numeric_block(g: GraphBuilder, plan: ColumnPlan, column: str, graph_input: GraphInput) -> str:
    values = g.node("Cast", [column], "values64", to=TensorProto.DOUBLE)  # (batch, 1)
    missing = g.node("IsNaN", [values], "missing")
    standardized = _standardized(g, plan, values, missing)
    if not plan.indicator:
        return standardized
    return g.node("Concat", [standardized, _indicator(g, missing)], "numeric", axis=1)


def boolean_block(g: GraphBuilder, plan: ColumnPlan, column: str, graph_input: GraphInput) -> str:
    values = g.node("Cast", [column], "values64", to=TensorProto.DOUBLE)  # (batch, 1)
    missing = g.node("IsNaN", [values], "missing")
    value = g.node("Where", [missing, g.shared_constant("zero64", np.array(0.0)), values], "boolean_value")
    return g.node("Concat", [value, _indicator(g, missing)], "boolean", axis=1)


def categorical_block(g: GraphBuilder, plan: ColumnPlan, column: str, graph_input: GraphInput) -> str:
    """The encoder's code per row (a kept level's position, k for <other>, the last output for missing,
    -1 for a level never seen without <other>), then one Equal against 0 .. width - 1."""
    k, width = plan.levels.size, len(plan.outputs())
    assert isinstance(graph_input.missing, str)
    keys = [*plan.levels.tolist(), graph_input.missing]
    # a pooled level and a level never seen both fall to the default: <other> if there is one
    code = g.node(
        "LabelEncoder",
        [column],
        "code",
        domain=ML_DOMAIN,
        keys_strings=keys,
        values_int64s=[*range(k), width - 1],
        default_int64=k if plan.pooled.size else -1,
    )  # (batch, 1) int64
    hot = g.node("Equal", [code, g.shared_constant("positions", np.arange(width, dtype=np.int64))], "one_hot")
    return g.node("Cast", [hot], "categorical", to=TensorProto.DOUBLE)  # (batch, width)


def _int(g: GraphBuilder, value: int) -> str:
    return g.shared_constant(f"int{value}", np.array(value, np.int64))


def _floor_div(g: GraphBuilder, a: str, b: int) -> tuple[str, str]:
    """(a // b, a % b) for int64 a and b > 0, rounding to minus infinity as numpy does
    (ONNX Div truncates towards zero; Mod with fmod=0 takes the divisor's sign)."""
    remainder = g.node("Mod", [a, _int(g, b)], "mod", fmod=0)
    return g.node("Div", [g.node("Sub", [a, remainder], "floor"), _int(g, b)], "floor_div"), remainder


def civil_from_days(g: GraphBuilder, days: str) -> tuple[str, str]:
    """(year, month 1-12) of int64 days since 1970-01-01 in the proleptic Gregorian calendar, as numpy's
    datetime64[M]. Howard Hinnant's civil_from_days (https://howardhinnant.github.io/date_algorithms.html):
    eras of 400 years starting on 0000-03-01; every Div but the era's divides a non-negative number."""

    def op(name: str, a: str, b: str | int) -> str:
        return g.node(name, [a, _int(g, b) if isinstance(b, int) else b], name.lower())

    z = op("Add", days, 719_468)  # days since 0000-03-01
    era, doe = _floor_div(g, z, 146_097)  # doe: the day of the era, [0, 146096]
    t = op("Sub", doe, op("Div", doe, 1460))
    t = op("Add", t, op("Div", doe, 36_524))
    t = op("Sub", t, op("Div", doe, 146_096))
    yoe = op("Div", t, 365)  # the year of the era, [0, 399]
    t = op("Add", op("Mul", yoe, 365), op("Div", yoe, 4))
    t = op("Sub", t, op("Div", yoe, 100))
    doy = op("Sub", doe, t)  # the day of the year counted from March 1st, [0, 365]
    mp = op("Div", op("Add", op("Mul", doy, 5), 2), 153)  # the month counted from March, [0, 11]
    mp2 = op("Add", mp, 2)
    month = op("Add", op("Mod", mp2, 12), 1)  # March 3, ..., December 12, January 1, February 2
    year = op("Add", op("Add", yoe, op("Mul", era, 400)), op("Div", mp2, 12))  # + 1 for January, February
    return year, month


def datetime_block(g: GraphBuilder, plan: ColumnPlan, column: str, graph_input: GraphInput) -> str:
    """seconds, year, month, weekday as `datetime_parts` makes them, then imputed and standardized."""
    missing = g.node("Equal", [column, _int(g, DATETIME_MISSING)], "missing")  # (batch, 1)
    seconds = g.node("Where", [missing, _int(g, 0), column], "seconds")  # no arithmetic on INT64 min
    days, _ = _floor_div(g, seconds, SECONDS_PER_DAY)
    year, month = civil_from_days(g, days)
    weekday = g.node("Mod", [g.node("Add", [days, _int(g, 3)], "days3"), _int(g, 7)], "weekday", fmod=0)
    parts = g.node("Concat", [seconds, year, month, weekday], "parts", axis=1)  # (batch, 4) int64
    parts64 = g.node("Cast", [parts], "parts64", to=TensorProto.DOUBLE)
    standardized = _standardized(g, plan, parts64, missing)  # missing (batch, 1) broadcasts over the parts
    return g.node("Concat", [standardized, _indicator(g, missing)], "datetime", axis=1)


BLOCKS = {
    "numeric": numeric_block,
    "boolean": boolean_block,
    "categorical": categorical_block,
    "datetime": datetime_block,
}
