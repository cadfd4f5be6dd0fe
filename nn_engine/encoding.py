"""`ColumnEncoder`: a mixed table (numbers, booleans, text, dates; missing cells) -> the float matrix a network takes.

Each column gets a type at `fit` (inferred, or given in `columns`), and the type says what it becomes:

    numeric      impute (mean, median or fill_value), standardize; optional `name=<missing>` input
    boolean      one 0/1 input `name`, plus `name=<missing>`
    categorical  one input per kept level `name=level`, `name=<other>` when levels were pooled, `name=<missing>`
    datetime     `name.seconds` (since the epoch), `name.year`, `name.month`, `name.weekday` (Monday 0),
                 each imputed with its training mean and standardized, plus `name=<missing>`
    identifier, constant, empty: left out (no input), and said so in `report_`

Everything is learnt from the training rows only and kept in name-keyed plans; `transform` is vectorised
(a sorted lookup per categorical column, no loop over rows). Levels are compared as given: case and
whitespace are kept, so "Biscoe" and "biscoe " are two levels. At `transform` a level never seen in
training scores `name=<other>` when the column has one, otherwise no level input at all (all zeros); a
missing value scores `name=<missing>` (and the imputed value). Both are warnings, never errors; a value of
the wrong kind (a word in a numeric column) raises `InvalidInputError` naming its row and column.
"""

import datetime as dt
import warnings
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any, Self

import numpy as np

from ._params import Params
from ._sklearn_tags import sklearn_tags
from .exceptions import InvalidCellError, InvalidInputError, NotFittedError
from .finite import mean_and_std, standardize
from .preprocessing import StandardScaler

TYPES = ("numeric", "boolean", "categorical", "datetime")  # the types that become inputs
LEFT_OUT = ("identifier", "constant", "empty", "drop")  # the types that do not; "drop" only when asked
IMPUTE = ("mean", "median", "constant")
OTHER, MISSING = "<other>", "<missing>"
DATE_PARTS = ("seconds", "year", "month", "weekday")
FORMAT = "nn_engine.column_encoder"
FORMAT_VERSION = 1
# Text is an identifier (an id, a name, free text), left out, when at least IDENTIFIER_MIN_ROWS rows have
# it and distinct values / those rows exceed IDENTIFIER_RATIO. The service's upload statistics use the same.
# Half: past it most values occur once, so one-hot levels would learn from a row or two each (car names
# are 0.77 distinct, penguins' islands 0.01).
IDENTIFIER_RATIO = 0.5
IDENTIFIER_MIN_ROWS = 20
REPORTED_POOLED = 100  # report_ lists at most this many pooled levels (all are kept for transform)

# (column as fit read it, missing, text) of the rows fit just read: numbers already float64
Prepared = tuple[np.ndarray, np.ndarray, "TextColumn | None"] | None
Warn = Callable[[np.ndarray, str, Callable[[int], str]], None]  # (rows, column, row -> message)


@dataclass
class ColumnPlan:
    """What one column becomes: its type and the statistics learnt on the training rows."""

    name: str
    type: str
    reason: str = ""  # why a left-out column is left out
    impute: str = ""  # numeric: mean, median or constant
    indicator: bool = False  # numeric: a `name=<missing>` input
    n_missing: int = 0  # missing cells in the training rows (imputed or scored <missing>)
    fill: np.ndarray = field(default_factory=lambda: np.zeros(0))  # (parts,) value put in missing cells
    mean: np.ndarray = field(default_factory=lambda: np.zeros(0))  # (parts,) after imputation
    scale: np.ndarray = field(default_factory=lambda: np.zeros(0))  # (parts,) std, 1 for a constant
    levels: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype="U1"))  # (k,) kept, sorted
    pooled: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype="U1"))  # (p,) pooled into <other>, sorted

    def outputs(self) -> list[str]:
        name = self.name
        if self.type == "numeric":
            return [name] + ([f"{name}={MISSING}"] if self.indicator else [])
        if self.type == "boolean":
            return [name, f"{name}={MISSING}"]
        if self.type == "categorical":
            other = [f"{name}={OTHER}"] if self.pooled.size else []
            return [f"{name}={level}" for level in self.levels.tolist()] + other + [f"{name}={MISSING}"]
        if self.type == "datetime":
            return [f"{name}.{part}" for part in DATE_PARTS] + [f"{name}={MISSING}"]
        return []


# -- reading a table ---------------------------------------------------------------------------------------------


def as_columns(X: Any, feature_names: Sequence[str] | None) -> dict[str, np.ndarray]:
    """A dict of name -> 1-D array, or a 2-D array (rows, columns) with its names -> {name: (rows,)}."""
    if isinstance(X, Mapping):
        columns = {str(name): np.asarray(values) for name, values in X.items()}
        lengths = {name: values.shape for name, values in columns.items()}
        if any(len(shape) != 1 for shape in lengths.values()):
            raise InvalidInputError(f"each column must be 1-D; shapes: {lengths}")
        if len({shape[0] for shape in lengths.values()}) > 1:
            raise InvalidInputError(f"columns differ in length: { {k: v[0] for k, v in lengths.items()} }")
        return columns
    A = np.asarray(X)
    if A.ndim != 2:
        raise InvalidInputError(f"X must be 2-D (rows, columns) or a dict of name -> column, got shape {A.shape}")
    names = [f"x{j}" for j in range(A.shape[1])] if feature_names is None else [str(n) for n in feature_names]
    if len(names) != A.shape[1]:
        raise InvalidInputError(f"X has {A.shape[1]} columns but {len(names)} feature_names")
    if len(set(names)) != len(names):
        raise InvalidInputError(f"feature_names repeat a name: {names}")
    # one strided pass per column; every later pass then reads contiguous memory
    return {name: np.ascontiguousarray(A[:, j]) for j, name in enumerate(names)}


def missing_mask(col: np.ndarray) -> np.ndarray:
    """(rows,) True where the cell is None, NaN or NaT."""
    mask: np.ndarray
    if col.dtype.kind == "f":
        mask = np.isnan(col)
    elif col.dtype.kind in "mM":
        mask = np.isnat(col)
    elif col.dtype.kind == "O":
        # None == None, and NaN / NaT are the only values unequal to themselves
        mask = np.equal(col, np.array(None, dtype=object)) | (col != col)
    else:
        mask = np.zeros(col.shape, dtype=bool)
    return mask


def _kind_of(value_type: type) -> str:
    if issubclass(value_type, (bool, np.bool_)):
        return "bool"
    if issubclass(value_type, (int, float, np.number)):
        return "number"
    if issubclass(value_type, str):
        return "str"
    if issubclass(value_type, (dt.date, np.datetime64)):
        return "datetime"
    return "other"


def parses_as_dates(text: np.ndarray) -> bool:
    """True when every string is an ISO 8601 date or time (YYYY-MM-DD, then optionally a time and a
    zone) that np.datetime64 reads. The rule of a datetime column, here and in the service's upload
    statistics."""
    if text.size == 0 or text.dtype.itemsize // 4 < 10:
        return False
    codes = text.view(np.uint32).reshape(text.size, -1)  # (rows, width) code points
    if not ((codes[:, 4] == ord("-")) & (codes[:, 7] == ord("-"))).all():
        return False
    try:
        as_datetime64(text, "datetime64")
    except ValueError:
        return False
    return True


def as_datetime64(values: np.ndarray, unit: str) -> np.ndarray:
    """values.astype(unit); a time with a zone offset is read as the UTC instant it names (NumPy warns
    that it keeps no zone: that is the point, so the warning is not passed on)."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "no explicit representation of timezones", UserWarning)
        converted: np.ndarray = values.astype(unit)
        return converted


@dataclass
class TextColumn:
    """A text column as fit reads it, once: its distinct values, their counts, and each row's among them."""

    levels: np.ndarray  # (d,) unicode, sorted: the distinct values of the present rows
    counts: np.ndarray  # (d,) rows with each level
    codes: np.ndarray  # (rows,) intp: the row's position in levels, -1 where missing


NONE_TYPE = type(None)
FEW_LEVELS = 1_000  # at most this many distinct values in a sample of the rows: levels are looked up in a dict


def read_column(col: np.ndarray, given_type: str | None) -> tuple[np.ndarray, np.ndarray, TextColumn | None]:
    """(column, missing cells, text) of a training column, from one pass over an object column's types.

    given_type: the column's type from `columns`, if any (None: to be inferred).
    Strings and None only, with few distinct values, when the column may be categorical -> the column
    unchanged and its TextColumn, looked up in a dict (no unicode copy of the rows, no sort of them).
    Numbers and None / NaN only -> float64 with NaN, unless given as categorical: then the values stay
    as transform reads them (1 is the level "1", not "1.0"). Any other column is returned unchanged."""
    if col.dtype.kind != "O":
        return col, missing_mask(col), None
    values = col.tolist()
    types = set(map(type, values))
    types.discard(NONE_TYPE)
    if given_type in (None, "categorical") and types and all(issubclass(t, str) for t in types):
        text = _strings_by_dict(values)
        if text is not None:
            return col, text.codes < 0, text
    if given_type != "categorical" and {_kind_of(t) for t in types} == {"number"}:
        col = np.array(col, dtype=np.float64)
    return col, missing_mask(col), None


def _strings_by_dict(values: list[Any]) -> TextColumn | None:
    """The TextColumn of a list of str and None, when a sample of it has few distinct values (else None).

    Python orders str by code point, as NumPy sorts unicode arrays, so the levels are np.unique's."""
    if len(set(values[:: max(1, len(values) // 10_000)])) > FEW_LEVELS:
        return None  # an identifier or near one: np.unique of the unicode array is faster than a dict
    distinct = set(values)
    distinct.discard(None)
    ordered = sorted(distinct)
    levels = np.array(ordered, dtype=str)
    if not (levels[1:] > levels[:-1]).all():
        return None  # values that differ only by trailing NULs, which a unicode array drops
    position = dict(zip(ordered, range(len(ordered)), strict=True))
    codes = np.fromiter(map(position.get, values, repeat(-1)), dtype=np.intp, count=len(values))
    return TextColumn(levels, np.bincount(codes + 1, minlength=levels.size + 1)[1:], codes)


def text_column(col: np.ndarray, missing: np.ndarray) -> TextColumn:
    """The TextColumn of any column, each value by str() (the general path, through a unicode array)."""
    text = _text(col)
    levels, counts = count_levels(text[~missing])
    codes = np.minimum(np.searchsorted(levels, text), max(levels.size - 1, 0))
    codes[missing] = -1
    return TextColumn(levels, counts, codes)


def infer_type(
    col: np.ndarray, missing: np.ndarray, identifier_ratio: float, text: TextColumn | None = None
) -> tuple[str, str, TextColumn | None]:
    """(type, reason if left out, the column as text if read on the way) of one training column.

    text: the column's TextColumn, when the caller has it already (then the column is text)."""
    n_present = int(missing.size - np.count_nonzero(missing))
    if n_present == 0:
        return "empty", "every value is missing", None
    kind = "U" if text is not None else col.dtype.kind
    if kind == "O":
        present = col[~missing]
        kinds = {_kind_of(t) for t in set(map(type, present))}  # a C-level pass, then a few types
        kind = (
            "b"
            if kinds == {"bool"} or (kinds == {"bool", "number"} and bool(np.isin(present, [0, 1]).all()))
            else "f"
            if kinds == {"number"}
            else "M"
            if kinds == {"datetime"}
            else "U"
        )
    if kind in "bfiumM":
        present = col[~missing]
        first = present[:1].tolist()[0]
        if (present == present[0]).all():
            return "constant", f"one distinct value ({first!r})", None
        return ("boolean" if kind == "b" else "numeric" if kind in "fiu" else "datetime"), "", None
    if text is None:
        text = text_column(col, missing)
    n_distinct = text.levels.size
    if n_distinct <= 1:
        return "constant", f"one distinct value ({text.levels[:1].tolist()[0]!r})", None
    if parses_as_dates(text.levels):  # every row parses when every distinct value does
        return "datetime", "", None
    if n_present >= IDENTIFIER_MIN_ROWS and n_distinct / n_present > identifier_ratio:
        reason = f"{n_distinct} distinct values in {n_present} rows (ratio > {identifier_ratio:g})"
        return "identifier", reason, None
    return "categorical", "", text


def count_levels(text: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(sorted distinct values, their counts) of a non-empty unicode array, as np.unique(return_counts=True).

    Faster when levels are few: the levels of a sample, then one sorted lookup of every row; only the
    rows the sample missed go through np.unique (all of them, for an identifier)."""
    sample = np.unique(text[:: max(1, text.size // 10_000)])
    pos = np.minimum(np.searchsorted(sample, text), sample.size - 1)
    hit = sample[pos] == text
    counts = np.bincount(pos[hit], minlength=sample.size)
    if hit.all():
        return sample, counts
    rest, rest_counts = np.unique(text[~hit], return_counts=True)
    levels = np.concatenate([sample, rest])
    order = np.argsort(levels, kind="stable")
    return levels[order], np.concatenate([counts, rest_counts])[order]


def _text(values: np.ndarray, width: int | None = None) -> np.ndarray:
    """Values as a unicode array (text kept as given; other objects by str()).

    With `width`, longer values are cut to `width` characters: when width exceeds every level's
    length, a cut value still matches no level, and the cast skips its pass measuring the lengths."""
    if values.dtype.kind == "U" and width is None:
        return values
    text: np.ndarray = values.astype(str if width is None else f"U{width}")
    return text


def _first_bad(col: np.ndarray, rows: np.ndarray, convert: Callable[[Any], object]) -> int:
    """The first of `rows` whose value `convert` refuses (the error path only: a loop is fine here)."""
    for i in rows.tolist():
        if not _converts(col[i], convert):
            return int(i)
    return int(rows[0]) if rows.size else 0


def _wrong_kind(name: str, row: int, value: object, expected: str) -> InvalidCellError:
    shown = value.item() if isinstance(value, np.generic) else value  # inf, not np.float64(inf)
    return InvalidCellError(row, name, f"row {row}, column {name!r}: {shown!r} is not {expected}")


def _a_number(value: object) -> object:
    """float(value) for a number; text ("2.5") and booleans are values of another kind."""
    if isinstance(value, (str, bytes, bool, np.bool_)):
        raise TypeError(value)
    return float(value)  # type: ignore[arg-type]  # anything else float() refuses is the sender's error too


# -- each type: its values, fit and encoding -----------------------------------------------------------------------


def numeric_values(name: str, col: np.ndarray, missing: np.ndarray | None) -> np.ndarray:
    """(rows,) float64 with NaN where missing; a word, a string of digits or a boolean raises naming its row."""
    if col.dtype.kind in "OUSb" and (col.dtype.kind != "O" or _holds_other_than_numbers(col)):
        raise _not_a_number(name, col, missing)
    try:
        values = np.array(col, dtype=np.float64)  # object of numbers and None: None -> NaN
    except (TypeError, ValueError):
        raise _not_a_number(name, col, missing) from None
    bad = np.isinf(values)
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        raise _wrong_kind(name, row, col[row], "a finite number")
    return values


def _not_a_number(name: str, col: np.ndarray, missing: np.ndarray | None) -> InvalidInputError:
    """The error naming the first word of a numeric column (or, when every value reads as a number,
    its first string of digits or boolean)."""
    rows = np.flatnonzero(~missing_mask(col) if missing is None else ~missing)
    word = _first_bad(col, rows, float)
    row = word if not _converts(col[word], float) else _first_bad(col, rows, _a_number)
    return _wrong_kind(name, row, col[row], "a number")


def _converts(value: object, convert: Callable[[Any], object]) -> bool:
    try:
        convert(value)
    except (TypeError, ValueError):
        return False
    return True


def _holds_other_than_numbers(col: np.ndarray) -> bool:
    """An object column with a value of a type that is not a number (None and NaN are missing)."""
    return any(_kind_of(t) != "number" for t in set(map(type, col.tolist())) if t is not NONE_TYPE)


def boolean_values(name: str, col: np.ndarray, missing: np.ndarray) -> np.ndarray:
    """(rows,) float64 0/1, 0 where missing; anything but True/False/0/1 raises naming its row."""
    if col.dtype.kind == "b":
        return col.astype(np.float64)
    present = ~missing
    values = np.zeros(col.shape, dtype=np.float64)
    try:
        values[present] = np.asarray(col[present], dtype=np.float64)
    except (TypeError, ValueError):
        row = _first_bad(col, np.flatnonzero(present), float)
        raise _wrong_kind(name, row, col[row], "a boolean") from None
    bad = present & (values != 0) & (values != 1)
    if bad.any():
        row = int(np.flatnonzero(bad)[0])
        raise _wrong_kind(name, row, col[row], "a boolean")
    return values


def datetime_parts(name: str, col: np.ndarray, missing: np.ndarray) -> np.ndarray:
    """(rows, 4) float64: seconds since the epoch, year, month, weekday; NaN where missing."""
    try:
        if col.dtype.kind == "O":
            col = np.where(missing, np.array(None, dtype=object), col)
        stamps = as_datetime64(np.asarray(col), "datetime64[s]")
    except (TypeError, ValueError):
        row = _first_bad(col, np.flatnonzero(~missing), lambda v: np.datetime64(v, "s"))
        raise _wrong_kind(name, row, col[row], "a date (ISO-8601)") from None
    days = stamps.astype("datetime64[D]").astype(np.int64)
    months = stamps.astype("datetime64[M]").astype(np.int64)
    parts = np.empty((stamps.shape[0], 4), dtype=np.float64)
    parts[:, 0] = stamps.astype(np.int64)
    parts[:, 1] = months // 12 + 1970
    parts[:, 2] = months % 12 + 1
    parts[:, 3] = (days + 3) % 7  # 1970-01-01 was a Thursday
    parts[np.isnat(stamps)] = np.nan
    return parts


def _scaling(values: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(mean, scale) of (rows, parts), as the engine's StandardScaler (a constant part gets scale 1)."""
    if values.shape[0] == 0:
        return np.zeros(values.shape[1]), np.ones(values.shape[1])
    scaler = StandardScaler().fit(values)
    return scaler.mean_, scaler.scale_


def fit_numeric(plan: ColumnPlan, col: np.ndarray, missing: np.ndarray, enc: "ColumnEncoder") -> None:
    values = numeric_values(plan.name, col, missing)
    present = values[~missing]
    fills = {"mean": lambda: float(mean_and_std(present[:, None])[0][0]), "median": lambda: float(np.median(present))}
    plan.fill = np.array([fills.get(plan.impute, lambda: float(enc.fill_value))()], dtype=np.float64)
    values[missing] = plan.fill[0]
    plan.mean, plan.scale = _scaling(values[:, None])


def fit_datetime(plan: ColumnPlan, col: np.ndarray, missing: np.ndarray, enc: "ColumnEncoder") -> None:
    parts = datetime_parts(plan.name, col, missing)
    missing = missing | np.isnan(parts[:, 0])  # "" and "NaT" strings parse as NaT
    plan.n_missing = int(missing.sum())
    plan.fill = parts[~missing].mean(axis=0)
    parts[missing] = plan.fill
    plan.mean, plan.scale = _scaling(parts)


def fit_categorical(
    plan: ColumnPlan, col: np.ndarray, missing: np.ndarray, enc: "ColumnEncoder", text: TextColumn | None = None
) -> None:
    text = text_column(col, missing) if text is None else text
    levels, counts = text.levels, text.counts
    # most frequent first; among equal counts, the level's sort order (levels are sorted already)
    order = np.lexsort((np.arange(levels.size), -counts))
    keep = np.zeros(levels.size, dtype=bool)
    keep[order[: plan_max_categories(plan, enc)]] = True
    plan.levels, plan.pooled = levels[keep], levels[~keep]


def fit_nothing(plan: ColumnPlan, col: np.ndarray, missing: np.ndarray, enc: "ColumnEncoder") -> None:
    pass


def plan_max_categories(plan: ColumnPlan, enc: "ColumnEncoder") -> int:
    override = (enc.columns or {}).get(plan.name, {})
    return int(override.get("max_categories", enc.max_categories))


def encode_numeric(
    plan: ColumnPlan, col: np.ndarray, out: np.ndarray, warn: Warn | None, prepared: Prepared = None
) -> None:
    """out (1 or 2, rows): the standardized value, and the missing indicator if asked."""
    values = numeric_values(plan.name, col, None)
    missing = np.isnan(values)
    values[missing] = plan.fill[0]
    standardize(values, plan.mean[0], plan.scale[0], out=out[0])
    if plan.indicator:
        out[1] = missing
    if warn is not None:
        warn(missing, plan.name, lambda i: _imputed(plan))


def _imputed(plan: ColumnPlan) -> str:
    return f"missing value: imputed with {plan.fill[0]:g} ({plan.impute})"


def encode_boolean(
    plan: ColumnPlan, col: np.ndarray, out: np.ndarray, warn: Warn | None, prepared: Prepared = None
) -> None:
    """out (2, rows): 0/1, and 1 in `name=<missing>` where missing."""
    missing = missing_mask(col) if prepared is None else prepared[1]
    out[0] = boolean_values(plan.name, col, missing)
    out[1] = missing
    if warn is not None:
        warn(missing, plan.name, lambda i: f"missing value: scored as {MISSING}")


def encode_datetime(
    plan: ColumnPlan, col: np.ndarray, out: np.ndarray, warn: Warn | None, prepared: Prepared = None
) -> None:
    """out (5, rows): the four standardized parts, and `name=<missing>`."""
    parts = datetime_parts(plan.name, col, missing_mask(col) if prepared is None else prepared[1])
    missing = np.isnan(parts[:, 0])  # None, NaT, and "" or "NaT" strings
    parts[missing] = plan.fill
    out[:4] = standardize(parts, plan.mean, plan.scale).T
    out[4] = missing
    if warn is not None:
        warn(missing, plan.name, lambda i: f"missing value: imputed with the training mean and scored as {MISSING}")


def encode_categorical(
    plan: ColumnPlan, col: np.ndarray, out: np.ndarray, warn: Warn | None, prepared: Prepared = None
) -> None:
    """out (k [+ 1 other] + 1 missing, rows): a single 1 per row, or none for a level never seen without <other>.

    Each row's output row (its code) comes from fit's TextColumn on the training rows, from a dict of the
    levels for a column of str and None, or else from a sorted lookup of the column as unicode."""
    if prepared is not None and prepared[2] is not None:
        code, unseen = _training_codes(plan, prepared[2]), None
    elif _is_strings(col):
        code, unseen = _codes_by_dict(plan, col.tolist())
    else:
        code, unseen = _codes_by_search(plan, col, missing_mask(col) if prepared is None else prepared[1])
    one_hot(code, out)
    if warn is None:
        return
    warn(code == out.shape[0] - 1, plan.name, lambda i: f"missing value: scored as {MISSING}")
    if unseen is not None:
        scored = f"scored as {OTHER}" if plan.pooled.size else "no level input set"
        warn(unseen, plan.name, lambda i: f"level {str(col[i])!r} never seen in training: {scored}")


# A categorical column's output rows: 0..k-1 its kept levels, k <other> (when levels were pooled), last <missing>;
# -1 sets none (a level never seen, when there is no <other>).


def _other_code(plan: ColumnPlan) -> int:
    return plan.levels.size if plan.pooled.size else -1


def _missing_code(plan: ColumnPlan) -> int:
    return plan.levels.size + (1 if plan.pooled.size else 0)


def _training_codes(plan: ColumnPlan, text: TextColumn) -> np.ndarray:
    """(rows,) codes of the rows fit read: each of their levels is kept or pooled."""
    slot = np.full(text.levels.size + 1, _other_code(plan))  # (d + 1,) the code of each training level
    slot[np.searchsorted(text.levels, plan.levels)] = np.arange(plan.levels.size)
    slot[-1] = _missing_code(plan)  # a missing row's -1 reads the last entry
    codes: np.ndarray = slot[text.codes]
    return codes


def _is_strings(col: np.ndarray) -> bool:
    """True for an object column of str and None only."""
    if col.dtype.kind != "O":
        return False
    types = set(map(type, col))
    types.discard(NONE_TYPE)
    return all(issubclass(t, str) for t in types)


def _codes_by_dict(plan: ColumnPlan, values: list[Any]) -> tuple[np.ndarray, np.ndarray]:
    """((rows,) codes, (rows,) never seen in training) of a list of str and None, one dict lookup a row."""
    unseen_code = -2
    code_of: dict[str | None, int] = dict(zip(plan.levels.tolist(), range(plan.levels.size), strict=True))
    code_of.update(dict.fromkeys(plan.pooled.tolist(), _other_code(plan)))
    code_of[None] = _missing_code(plan)
    code = np.fromiter(map(code_of.get, values, repeat(unseen_code)), dtype=np.intp, count=len(values))
    unseen = code == unseen_code
    code[unseen] = _other_code(plan)
    return code, unseen


def _codes_by_search(plan: ColumnPlan, col: np.ndarray, missing: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """((rows,) codes, (rows,) never seen in training) of any column, each value by str(), by sorted lookups."""
    k = plan.levels.size
    text = _text(col, max(plan.levels.dtype.itemsize, plan.pooled.dtype.itemsize) // 4 + 1)
    code = np.searchsorted(plan.levels, text)  # (rows,) position among the kept (sorted) levels
    np.minimum(code, k - 1, out=code)
    unknown = (plan.levels[code] != text) & ~missing  # pooled in training, or never seen
    code[unknown] = _other_code(plan)
    code[missing] = _missing_code(plan)
    seen = np.zeros(text.shape, dtype=bool)
    if plan.pooled.size:
        where = np.minimum(np.searchsorted(plan.pooled, text), plan.pooled.size - 1)
        seen = plan.pooled[where] == text
    return code, unknown & ~seen


def one_hot(code: np.ndarray, out: np.ndarray) -> None:
    """out (width, rows): row j is 1 where code is j, else 0 (a code of -1 sets no row)."""
    small = np.min_scalar_type(-out.shape[0])  # the narrowest signed integer: fewer bytes to read per row
    np.equal(code.astype(small), np.arange(out.shape[0], dtype=small)[:, None], out=out, casting="unsafe")


FIT: dict[str, Callable[[ColumnPlan, np.ndarray, np.ndarray, "ColumnEncoder"], None]] = {
    "numeric": fit_numeric,
    "boolean": fit_nothing,
    "categorical": fit_categorical,
    "datetime": fit_datetime,
}
ENCODE: dict[str, Callable[[ColumnPlan, np.ndarray, np.ndarray, Warn | None, Prepared], None]] = {
    "numeric": encode_numeric,
    "boolean": encode_boolean,
    "categorical": encode_categorical,
    "datetime": encode_datetime,
}
STRATEGY = {
    "numeric": "impute {impute}, standardize",
    "boolean": "0/1, missing input",
    "categorical": "one-hot of the {n} most frequent levels, missing input",
    "datetime": "seconds since the epoch, year, month, weekday: impute mean, standardize; missing input",
}


# -- the estimator -------------------------------------------------------------------------------------------------


class ColumnEncoder(Params):
    """Encode a mixed table into a (rows, n_outputs) float64 matrix, fitted on the training rows only.

    columns: {name: {"type": ..., "impute": ..., "max_categories": ..., "missing_indicator": ...}} overrides;
        type one of numeric, boolean, categorical, datetime, or drop. Unnamed columns are inferred.
    max_categories: levels kept per categorical column (the most frequent); the rest pool into `<other>`.
    numeric_impute: mean, median or constant (fill_value), for numeric columns.
    missing_indicator: numeric columns get a `name=<missing>` input too.
    identifier_ratio: text whose distinct values / non-missing rows exceed this is an identifier, left out.
    """

    # Set by fit (or from_arrays); every learnt attribute ends in _.
    plans_: list[ColumnPlan]
    feature_names_in_: np.ndarray
    n_features_in_: int
    n_outputs_: int
    report_: list[dict[str, Any]]
    _widths: list[int]  # outputs per plan, and the columns that have any: set with the plans
    _used: list[str]
    _numeric: tuple[np.ndarray, np.ndarray, np.ndarray] | None

    def __init__(
        self,
        columns: dict[str, dict[str, Any]] | None = None,
        max_categories: int = 20,
        numeric_impute: str = "mean",
        fill_value: float = 0.0,
        missing_indicator: bool = False,
        identifier_ratio: float = IDENTIFIER_RATIO,
    ):
        self.columns = columns
        self.max_categories = max_categories
        self.numeric_impute = numeric_impute
        self.fill_value = fill_value
        self.missing_indicator = missing_indicator
        self.identifier_ratio = identifier_ratio

    # -- scikit-learn protocol ---------------------------------------------------------------------------------

    def __sklearn_tags__(self) -> Any:
        return sklearn_tags("transformer")

    # -- checks ------------------------------------------------------------------------------------------------

    def _check_params(self) -> None:
        if not (isinstance(self.max_categories, (int, np.integer)) and self.max_categories >= 1):
            raise InvalidInputError(f"max_categories must be an integer >= 1, got {self.max_categories!r}")
        if self.numeric_impute not in IMPUTE:
            raise InvalidInputError(f"numeric_impute must be one of {IMPUTE}, got {self.numeric_impute!r}")
        if not isinstance(self.fill_value, (int, float, np.number)) or not np.isfinite(self.fill_value):
            raise InvalidInputError(f"fill_value must be a finite number, got {self.fill_value!r}")
        if not (isinstance(self.identifier_ratio, (int, float)) and 0 < self.identifier_ratio <= 1):
            raise InvalidInputError(f"identifier_ratio must be in (0, 1], got {self.identifier_ratio!r}")
        allowed = {"type": TYPES + ("drop",), "impute": IMPUTE, "max_categories": None, "missing_indicator": None}
        for name, override in (self.columns or {}).items():
            if not isinstance(override, Mapping):
                raise InvalidInputError(f"columns[{name!r}] must be a dict such as {{'type': 'categorical'}}")
            for key, value in override.items():
                if key not in allowed:
                    raise InvalidInputError(f"columns[{name!r}] has unknown key {key!r}; known: {sorted(allowed)}")
                choices = allowed[key]
                if choices is not None and value not in choices:
                    raise InvalidInputError(f"columns[{name!r}][{key!r}] must be one of {choices}, got {value!r}")
            if "max_categories" in override and not (
                isinstance(override["max_categories"], (int, np.integer)) and override["max_categories"] >= 1
            ):
                raise InvalidInputError(f"columns[{name!r}]['max_categories'] must be an integer >= 1")

    def _check_fitted(self) -> None:
        if not hasattr(self, "plans_"):
            raise NotFittedError("this ColumnEncoder is not fitted yet: call fit(X) first")

    # -- fit and transform -------------------------------------------------------------------------------------

    def fit(self, X: Any, y: Any = None, feature_names: Sequence[str] | None = None) -> Self:
        """Learn each column's type and statistics from the training rows X (y is ignored)."""
        self._fit(as_columns(X, feature_names))
        del self._prepared
        return self

    def _fit(self, columns: dict[str, np.ndarray]) -> Self:
        self._check_params()
        if not columns:
            raise InvalidInputError("X has no columns")
        unknown = set(self.columns or {}) - set(columns)
        if unknown:
            raise InvalidInputError(f"columns names {sorted(unknown)}, not in X: {list(columns)}")
        fitted = {name: self._fit_column(name, col) for name, col in columns.items()}
        self.plans_ = [plan for plan, _ in fitted.values()]
        self._prepared = {name: prepared for name, (_, prepared) in fitted.items()}  # for fit_transform only
        self.feature_names_in_ = np.array(list(columns), dtype=str)
        self.n_features_in_ = len(columns)
        self._set_outputs()
        return self

    def _fit_column(self, name: str, col: np.ndarray) -> tuple[ColumnPlan, Prepared]:
        """The column's plan, and what transform can reuse on these same rows."""
        override = (self.columns or {}).get(name, {})
        col, missing, text = read_column(col, override.get("type"))
        if "type" in override:
            kind, reason = override["type"], "dropped by columns" if override["type"] == "drop" else ""
            if kind in TYPES and missing.all():
                kind, reason = "empty", "every value is missing"
        else:
            kind, reason, text = infer_type(col, missing, self.identifier_ratio, text)
        plan = ColumnPlan(name, kind, reason, n_missing=int(missing.sum()))
        if kind == "numeric":
            plan.impute = override.get("impute", self.numeric_impute)
            plan.indicator = bool(override.get("missing_indicator", self.missing_indicator))
        if kind == "categorical":
            text = text_column(col, missing) if text is None else text
            fit_categorical(plan, col, missing, self, text)
        else:
            FIT.get(kind, fit_nothing)(plan, col, missing, self)
        return plan, (col, missing, text if kind == "categorical" else None)

    def _set_outputs(self) -> None:
        self._widths = [len(plan.outputs()) for plan in self.plans_]  # read by every transform
        self._used = [plan.name for plan, width in zip(self.plans_, self._widths, strict=True) if width]
        self.n_outputs_ = sum(self._widths)
        self.report_ = [column_report(plan) for plan in self.plans_]
        used = [plan for plan, width in zip(self.plans_, self._widths, strict=True) if width]
        self._numeric = None  # (fills, means, scales) when every input is a number: one pass over a matrix
        if used and all(plan.type == "numeric" and not plan.indicator for plan in used):
            fills, means, scales = (
                np.array([getattr(plan, part)[0] for plan in used]) for part in ("fill", "mean", "scale")
            )
            self._numeric = (fills, means, scales)

    def transform(
        self, X: Any, warnings: list[dict[str, Any]] | None = None, feature_names: Sequence[str] | None = None
    ) -> np.ndarray:
        """(rows, n_outputs) float64, column-major (np.ascontiguousarray for rows). Pass a list as `warnings` to have {"row", "column", "message"} appended
        for every missing value and every level never seen in training (sorted by row)."""
        self._check_fitted()
        columns = self._columns_for_transform(X, feature_names)
        if self._numeric is not None and all(columns[name].dtype.kind == "f" for name in self._used):
            return self._encode_numbers(np.column_stack([columns[name] for name in self._used]), warnings)
        return self._encode(columns, warnings)

    def _encode_numbers(self, A: np.ndarray, warnings: list[dict[str, Any]] | None) -> np.ndarray:
        """What `encode_numeric` does to each column, for a (rows, inputs) matrix of every input at once
        (a one-row prediction would otherwise pay a few NumPy calls per column)."""
        assert self._numeric is not None  # the caller checked
        fills, means, scales = self._numeric
        A = np.asarray(A, dtype=np.float64)  # the caller's fresh matrix, read again by standardize
        missing = np.isnan(A)
        if missing.any():
            A[missing] = np.broadcast_to(fills, A.shape)[missing]
            if warnings is not None:
                plans = [plan for plan, width in zip(self.plans_, self._widths, strict=True) if width]
                rows, cols = np.nonzero(missing)  # by row, then column: the order of _sorted_warnings
                warnings.extend(
                    {"row": int(i), "column": plans[j].name, "message": _imputed(plans[j])}
                    for i, j in zip(rows.tolist(), cols.tolist(), strict=True)
                )
        if np.isinf(A).any():
            i, j = (int(k) for k in np.argwhere(np.isinf(A))[0])
            raise _wrong_kind(self._used[j], i, A[i, j], "a finite number")
        return standardize(A, means, scales)

    def _encode(
        self,
        columns: dict[str, np.ndarray],
        warnings: list[dict[str, Any]] | None,
        prepared: dict[str, Prepared] | None = None,
    ) -> np.ndarray:
        n_rows = next(iter(columns.values())).shape[0] if columns else 0
        # Built as (n_outputs, rows), so each output is a contiguous row to write; returned transposed.
        out_t = np.empty((self.n_outputs_, n_rows), dtype=np.float64)  # every encoder fills its whole block
        found: list[tuple[np.ndarray, str, Callable[[int], str]]] = []

        def warn(mask: np.ndarray, column: str, message: Callable[[int], str]) -> None:
            if mask.any():
                found.append((np.flatnonzero(mask), column, message))

        start = 0
        for plan, width in zip(self.plans_, self._widths, strict=True):
            if width:
                encode = ENCODE[plan.type]
                block = out_t[start : start + width]
                reuse = None if prepared is None else prepared[plan.name]
                col = columns[plan.name] if reuse is None else reuse[0]  # fit's: an object column of numbers is float
                encode(plan, col, block, None if warnings is None else warn, reuse)
            start += width
        if warnings is not None:
            warnings.extend(_sorted_warnings(found))
        out: np.ndarray = out_t.T  # (rows, n_outputs), column-major
        return out

    def transform_with_warnings(
        self, X: Any, feature_names: Sequence[str] | None = None
    ) -> tuple[np.ndarray, list[dict[str, Any]]]:
        found: list[dict[str, Any]] = []
        return self.transform(X, warnings=found, feature_names=feature_names), found

    def fit_transform(self, X: Any, y: Any = None, feature_names: Sequence[str] | None = None) -> np.ndarray:
        columns = as_columns(X, feature_names)  # read once for both, with the missing cells and text fit found
        self._fit(columns)
        prepared = self._prepared
        del self._prepared
        return self._encode(columns, None, prepared)

    def _columns_for_transform(self, X: Any, feature_names: Sequence[str] | None) -> dict[str, np.ndarray]:
        fitted = self.feature_names_in_.tolist()
        if not isinstance(X, Mapping) and feature_names is None:
            feature_names = fitted
        columns = as_columns(X, feature_names)
        absent = [name for name in self._used if name not in columns]
        if absent:
            raise InvalidInputError(f"X lacks the column(s) {absent} the encoder was fitted on")
        return columns

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """(n_outputs,) names: `num`, `num=<missing>`, `cat=level`, `cat=<other>`, `cat=<missing>`, `date.year`..."""
        self._check_fitted()
        return np.array([name for plan in self.plans_ for name in plan.outputs()], dtype=object)

    # -- persistence without pickle ----------------------------------------------------------------------------

    def to_arrays(self) -> tuple[dict[str, np.ndarray], dict[str, Any]]:
        """(arrays, metadata): numbers and levels as float64 / unicode arrays (np.load(allow_pickle=False)
        reads them), the rest as JSON-ready metadata; `from_arrays` rebuilds the fitted encoder."""
        self._check_fitted()
        arrays: dict[str, np.ndarray] = {}
        for i, plan in enumerate(self.plans_):
            for part in ("fill", "mean", "scale"):
                arrays[f"{i}_{part}"] = np.asarray(getattr(plan, part), dtype=np.float64)
            for part in ("levels", "pooled"):
                arrays[f"{i}_{part}"] = np.asarray(getattr(plan, part), dtype=str).astype("U")
        metadata = {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "params": self.get_params(),
            "columns": [
                {k: getattr(plan, k) for k in ("name", "type", "reason", "impute", "indicator", "n_missing")}
                for plan in self.plans_
            ],
        }
        return arrays, metadata

    @classmethod
    def from_arrays(cls, arrays: Mapping[str, np.ndarray], metadata: Mapping[str, Any]) -> "ColumnEncoder":
        if metadata.get("format") != FORMAT or metadata.get("format_version") != FORMAT_VERSION:
            raise InvalidInputError(
                f"not a ColumnEncoder of format {FORMAT} v{FORMAT_VERSION}: "
                f"{metadata.get('format')!r} v{metadata.get('format_version')!r}"
            )
        encoder = cls(**metadata["params"])
        plans = []
        for i, column in enumerate(metadata["columns"]):
            plan = ColumnPlan(**column)
            for part in ("fill", "mean", "scale", "levels", "pooled"):
                setattr(plan, part, np.asarray(arrays[f"{i}_{part}"]))
            plans.append(plan)
        encoder.plans_ = plans
        encoder.feature_names_in_ = np.array([plan.name for plan in plans], dtype=str)
        encoder.n_features_in_ = len(plans)
        encoder._set_outputs()
        return encoder


def column_report(plan: ColumnPlan) -> dict[str, Any]:
    """One JSON-ready entry of report_."""
    entry: dict[str, Any] = {"name": plan.name, "type": plan.type}
    if plan.type not in TYPES:
        entry["left_out"] = plan.reason
        return entry
    entry["strategy"] = STRATEGY[plan.type].format(impute=plan.impute, n=plan.levels.size)
    entry["outputs"] = plan.outputs()
    entry["missing_in_training"] = plan.n_missing
    if plan.type in ("numeric", "datetime"):
        entry["values_imputed"] = plan.n_missing
        entry["fill_value"] = [float(v) for v in plan.fill] if plan.type == "datetime" else float(plan.fill[0])
    if plan.type == "categorical":
        entry["levels_kept"] = plan.levels.tolist()
        entry["n_levels_pooled"] = int(plan.pooled.size)
        entry["levels_pooled"] = plan.pooled[:REPORTED_POOLED].tolist()
    return entry


def _sorted_warnings(found: list[tuple[np.ndarray, str, Callable[[int], str]]]) -> list[dict[str, Any]]:
    """The warnings of every column, one dict per flagged cell, by row (columns in input order within a row)."""
    entries = [(int(i), k, column, message) for k, (rows, column, message) in enumerate(found) for i in rows.tolist()]
    entries.sort(key=lambda e: (e[0], e[1]))
    return [{"row": i, "column": column, "message": message(i)} for i, _, column, message in entries]
