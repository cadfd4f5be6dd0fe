"""JSON uploads: `{"columns": [...], "rows": [[...]]}` or a list of records, checked cell by cell."""

import pyarrow as pa
import pyarrow.compute as pc

from service.core.errors import Unprocessable, unprocessable
from service.core.schemas import MAX_NAME_LENGTH
from service.datasets.parsing.normalise import ParsedDataset, normalise

JSON_SCALARS = {bool, int, float, str}  # the types a JSON cell may hold, besides null
ROWS_KEYS = ("name", "columns", "rows")  # the keys of each object form (schemas.DatasetRowsUpload, ...)
RECORDS_KEYS = ("name", "records")


def parse_json(body: object) -> ParsedDataset:
    """A parsed JSON body: `{"columns": [...], "rows": [[...], ...]}`, `{"records": [...]}`, or a list of records.

    Values must be numbers, strings, booleans or null. A column mixing numbers and strings becomes a
    string column. Field paths in errors are relative to `body` ("rows.3.1", "records.3.name", "3.name")."""
    name = _name(body)
    if isinstance(body, dict) and ("rows" in body or "columns" in body):
        _check_keys(body, ROWS_KEYS)
        names, columns, path = _from_rows(body)
    elif isinstance(body, dict) and "records" in body:
        _check_keys(body, RECORDS_KEYS)
        names, columns, path = _from_records(body["records"], prefix="records.")
    elif isinstance(body, list):
        names, columns, path = _from_records(body, prefix="")
    else:
        raise Unprocessable(
            'expected {"columns": [names], "rows": [[values], ...]}, {"records": [{...}, ...]} or a list of records'
        )
    arrays = [
        _json_column(values, name, lambda row, j=j: path(row, j))
        for j, (name, values) in enumerate(zip(names, columns, strict=True))
    ]
    parsed = normalise(pa.Table.from_arrays(arrays, names=names))
    parsed.name = name
    return parsed


def _check_keys(body: dict, allowed: tuple[str, ...]) -> None:
    """A key we do not read is refused, not ignored: a typo must not lose a field silently."""
    for key in body:
        if key not in allowed:
            raise unprocessable(str(key), f"is not a key of this upload; it takes {', '.join(allowed)}")


def _name(body: object) -> str | None:
    name = body.get("name") if isinstance(body, dict) else None
    if name is not None and not (isinstance(name, str) and 1 <= len(name) <= MAX_NAME_LENGTH):
        raise unprocessable("name", f"must be a string of 1 to {MAX_NAME_LENGTH} characters")
    return name


def _from_rows(body: dict):
    names, rows = body.get("columns"), body.get("rows")
    if not isinstance(names, list) or not all(isinstance(name, str) for name in names):
        raise unprocessable("columns", "must be a list of column names (strings)")
    if not isinstance(rows, list):
        raise unprocessable("rows", "must be a list of rows, each a list of values in column order")
    if not rows:
        raise unprocessable("rows", "no data rows")
    if not names:
        raise unprocessable("columns", "no columns: name at least one")
    for i, row in enumerate(rows):
        if not isinstance(row, list):
            raise unprocessable(f"rows.{i}", "must be a list of values in column order")
        if len(row) != len(names):
            raise unprocessable(f"rows.{i}", f"has {len(row)} values but there are {len(names)} columns")
    columns = [list(values) for values in zip(*rows, strict=True)]  # transpose in C, not a loop per cell

    def path(row: int, j: int) -> str:
        return f"rows.{row}.{j}"

    return names, columns, path


def _from_records(records: object, *, prefix: str):
    field = prefix.rstrip(".") or "body"
    if not isinstance(records, list):
        raise unprocessable(field, "must be a list of records (objects of column name to value)")
    if not records:
        raise unprocessable(field, "no data rows")
    names: dict[str, None] = {}  # the union of keys, in the order first seen
    for i, record in enumerate(records):
        if not isinstance(record, dict):
            raise unprocessable(f"{prefix}{i}", "must be an object of column name to value")
        names.update(dict.fromkeys(record))
    if not names:
        raise unprocessable(field, "no columns: the records have no keys")
    names_list = list(names)
    columns = [[record.get(name) for record in records] for name in names_list]  # a missing key is null

    def path(row: int, j: int) -> str:
        return f"{prefix}{row}.{names_list[j]}"

    return names_list, columns, path


def _json_column(values: list, name: str, path) -> pa.Array:
    """One column's values as an Arrow array of the narrowest type that holds them all."""
    kinds = set(map(type, values)) - {type(None)}
    if kinds - JSON_SCALARS:
        row = next(i for i, v in enumerate(values) if v is not None and type(v) not in JSON_SCALARS)
        kind = type(values[row])
        cell_kinds: dict[type, str] = {list: "a list", dict: "an object"}
        what = cell_kinds.get(kind, f"a {kind.__name__}")
        raise unprocessable(
            path(row),
            f"row {row}, column {name!r}: {what} cannot be a cell; values must be numbers, strings, booleans or null",
        )
    if float in kinds:
        # json.loads accepts NaN and Infinity literals; neither is data.
        floats = pa.array([v if type(v) is float else None for v in values], pa.float64())
        bad = pc.fill_null(pc.invert(pc.is_finite(floats)), False)
        if pc.any(bad).as_py():
            row = pc.index(bad, True).as_py()
            raise unprocessable(
                path(row), f"row {row}, column {name!r}: {values[row]} is not a number; use null for a missing value"
            )
    if not kinds:
        return pa.nulls(len(values))
    if kinds == {bool}:
        return pa.array(values, pa.bool_())
    if kinds == {str}:
        return pa.array(values, pa.string())
    if kinds <= {int, float}:
        if kinds == {int}:
            try:
                return pa.array(values, pa.int64())
            except (pa.ArrowException, OverflowError):  # beyond int64: keep it as a float
                pass
        try:
            return pa.array([None if v is None else float(v) for v in values], pa.float64())
        except OverflowError:
            raise unprocessable(path(0), f"column {name!r} holds an integer too large for a float") from None
    # Mixed kinds (numbers with strings, booleans with either): a string, that is categorical, column.
    return pa.array([_json_text(v) for v in values], pa.string())


def _json_text(value: object) -> str | None:
    if value is None or type(value) is str:
        return value
    if type(value) is bool:
        return "true" if value else "false"  # JSON's spelling
    return str(value)
