"""CSV uploads: bytes in, a normalised table out; every way a file fails to be CSV named for its sender."""

import csv
import io
import urllib.parse
from dataclasses import dataclass

import numpy as np
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.csv as pa_csv

from service.core.errors import FieldError, Unprocessable, unprocessable
from service.datasets.excerpts import clip, quote
from service.datasets.parsing.normalise import ParsedDataset, normalise
from service.datasets.storage import feature_matrix

CSV_BLOCK_SIZE = 1 << 20  # bytes; pyarrow infers column types from the first block it reads
DELIMITERS = (",", ";", "\t", "|")  # what a CSV file may be delimited by; the first is the default
DELIMITER_NAMES = {",": "','", ";": "';'", "\t": "a tab", "|": "'|'"}
SNIFF_LINES = 50  # lines read to tell the delimiter
SNIFF_BYTES = 64 * 1024  # at most this much of them
# Spellings of a missing cell: pyarrow's own list, and Python's None.
NULL_VALUES = (*pa_csv.ConvertOptions().null_values, "None")


# Files people upload as CSV that are not CSV, told apart by their first bytes, with what to do.
NOT_CSV = (
    (b"PAR1", "a Parquet file; upload it as Parquet (content type application/vnd.apache.parquet)"),
    (b"PK\x03\x04", "a ZIP archive (an Excel workbook?); export the sheet as CSV"),
    (b"\x1f\x8b", "gzip-compressed; decompress it first"),
    (b"\xff\xfe", "UTF-16 text; save it as UTF-8"),
    (b"\xfe\xff", "UTF-16 text; save it as UTF-8"),
)


def parse_csv(content: bytes, *, delimiter: str | None = None, na_values: tuple[str, ...] = ()) -> ParsedDataset:
    """A CSV file with a header row: types inferred per column; empty cells, the common spellings of a
    missing value (NA, N/A, null, NaN, None, ...) and `na_values` are null. The delimiter is one of
    DELIMITERS, told from the file's first lines unless given."""
    _check_text(content)
    dialect = CsvDialect(delimiter or sniff_delimiter(content), (*NULL_VALUES, *na_values))
    table = _read_csv(content, dialect)
    if table.num_columns == 1:
        _check_one_column(content, dialect.delimiter)
    # pyarrow turns ISO dates and times into temporal types; read those columns again as text so
    # the categories keep the spelling the file gave them.
    temporal = {field.name: pa.string() for field in table.schema if pa.types.is_temporal(field.type)}
    if temporal:
        table = _read_csv(content, dialect, column_types=temporal)
    _check_header(table.column_names)
    return normalise(table)


@dataclass(frozen=True)
class CsvDialect:
    delimiter: str
    null_values: tuple[str, ...]


def sniff_delimiter(content: bytes) -> str:
    """The delimiter that splits the first lines into the same number (above one) of fields:
    a comma when it does, else the candidate giving the most fields; a comma when none does
    (a one-column file, or a ragged one, which the parser then reports)."""
    head = content[:SNIFF_BYTES].decode("utf-8-sig", errors="replace").splitlines()
    if len(content) > SNIFF_BYTES and len(head) > 1:
        head = head[:-1]  # cut short by the slice
    lines = [line for line in head[:SNIFF_LINES] if line.strip()]
    widths: dict[str, int] = {}
    for candidate in DELIMITERS:
        try:
            counts = {len(row) for row in csv.reader(lines, delimiter=candidate)}
        except csv.Error:
            continue
        if len(counts) == 1 and (width := counts.pop()) > 1:
            widths[candidate] = width
    if not widths or DELIMITERS[0] in widths:
        return DELIMITERS[0]
    return max(widths, key=lambda candidate: widths[candidate])


def _check_one_column(content: bytes, delimiter: str) -> None:
    """A file read as one column is refused when another delimiter splits its header: never stored,
    silently, as one column named "a;b;y" (whether the delimiter was given, or told from lines that
    another one splits unevenly). A one-column file whose name holds a delimiter quotes it."""
    header = _header_line(content)
    for candidate in DELIMITERS:
        fields = next(csv.reader([header], delimiter=candidate), []) if candidate != delimiter else []
        if len(fields) > 1:
            raise unprocessable(
                "delimiter",
                f"with {DELIMITER_NAMES[delimiter]} the file is one column named {quote(header)}, but its header "
                f"splits on {DELIMITER_NAMES[candidate]} into {len(fields)} columns: upload it with "
                f"?delimiter={urllib.parse.quote(candidate)} ({DELIMITER_NAMES[candidate]}, URL-encoded), and every "
                "line split as evenly",
            )


def _check_text(content: bytes) -> None:
    if not content or content.isspace():  # not strip(): that copies a file that ends in a newline
        raise Unprocessable("the file is empty")
    for magic, what in NOT_CSV:
        if content.startswith(magic):
            raise Unprocessable(f"the file is not CSV text: it looks like {what}")
    if b"\x00" in content:
        raise Unprocessable("the file is not CSV text: it contains NUL bytes, so it looks like a binary file")
    if content.isascii():  # ASCII is UTF-8; checked without decoding a copy of the whole file
        return
    try:
        content.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = content.count(b"\n", 0, exc.start) + 1
        byte = content[exc.start : exc.start + 1].hex()
        raise Unprocessable(
            f"the file is not UTF-8 text: byte 0x{byte} on line {line} cannot be decoded "
            "(perhaps Latin-1 or Windows-1252); save the file as UTF-8"
        ) from None


def _read_csv(content: bytes, dialect: CsvDialect, column_types: dict | None = None) -> pa.Table:
    # Streamed block by block, so memory holds the file and the table but not pyarrow's whole-file
    # parse state (read_csv's peak is about three times the file). Types are inferred from the first
    # block only: a value further down that does not fit (a "3.5" under an inferred int64) fails the
    # conversion, so then read again with the whole file as one block.
    options = {
        # quoted cells may hold newlines
        "parse_options": pa_csv.ParseOptions(delimiter=dialect.delimiter, newlines_in_values=True),
        "convert_options": pa_csv.ConvertOptions(
            strings_can_be_null=True, null_values=list(dialect.null_values), column_types=column_types or {}
        ),
    }
    try:
        return pa_csv.open_csv(
            pa.BufferReader(content), read_options=pa_csv.ReadOptions(block_size=CSV_BLOCK_SIZE), **options
        ).read_all()
    except pa.ArrowInvalid as exc:
        message = str(exc)
        if not ("conversion error" in message or "straddling" in message) or len(content) < CSV_BLOCK_SIZE:
            raise _csv_error(message, content, dialect.delimiter) from None
    except (pa.ArrowException, OSError) as exc:
        raise _csv_error(str(exc), content, dialect.delimiter) from None
    try:
        return pa_csv.read_csv(
            pa.BufferReader(content), read_options=pa_csv.ReadOptions(block_size=len(content) + 1), **options
        )
    except (pa.ArrowException, OSError) as exc:
        raise _csv_error(str(exc), content, dialect.delimiter) from None


def _csv_error(message: str, content: bytes, delimiter: str = ",") -> Unprocessable:
    """pyarrow's parse error, restated for a person: which line, and what is wrong with it."""
    if "Expected" in message and "columns, got" in message:
        ragged = _first_ragged_line(content, delimiter)
        if ragged:
            line, end, got, expected, text = ragged
            if end > line:  # the row ran on past its line: a quote opened there closes lines later, or never
                return Unprocessable(
                    f"line {line} opens a quote that does not close on that line, so its row runs on to line {end} "
                    f"and has {got} fields where the header has {expected}; close the quote (a quote inside a quoted "
                    f'value is written twice: ""): {quote(text.splitlines()[0])}'
                )
            return Unprocessable(
                f"line {line} has {got} fields but the header has {expected}; every row needs one value "
                f"per column (leave a cell empty for a missing value): {quote(text)}"
            )
    message = message.removeprefix("CSV parse error: ").removeprefix("CSV conversion error: ")
    return Unprocessable(f"the file cannot be read as CSV: {clip(message)}")


def _first_ragged_line(content: bytes, delimiter: str = ",") -> tuple[int, int, int, int, str] | None:
    """(line it starts on, line it ends on, fields, header fields, text) of the first row whose width
    differs from the header's; a row ends on a later line than it starts when a quoted value holds
    newlines, or a quote never closes.

    Only runs after pyarrow has refused the file, so a Python pass over it costs nothing otherwise."""
    reader = csv.reader(io.StringIO(content.decode("utf-8-sig")), delimiter=delimiter)
    expected = None
    ended = 0  # the line the previous row ended on
    try:
        for row in reader:
            start, ended = ended + 1, reader.line_num
            if not row:  # blank lines are skipped, as pyarrow does
                continue
            if expected is None:
                expected = len(row)
            elif len(row) != expected:
                return start, ended, len(row), expected, delimiter.join(row)
    except csv.Error:  # a cell beyond the csv module's size limit: fall back to pyarrow's words
        pass
    return None


def _check_header(names: list[str]) -> None:
    # A file without a header row makes its first data row the names: refuse it rather than train
    # on columns called "842302" and "17.99". Only when every name is a number, so year-named
    # columns next to a named one ("country,1990,1991") still load.
    named = [name.strip() for name in names if name.strip()]
    if named and all(_is_number(name) for name in named):
        raise Unprocessable(
            f"the first line must be a header row naming the columns, but it holds numbers ({quote(','.join(named))}); "
            "add a header row"
        )


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def read_csv_numbers(content: bytes, names: list[str]) -> np.ndarray:
    """The columns `names` of a CSV text with a header row, as a (rows, len(names)) float64 matrix
    in that order; empty cells and NaN are NaN. The header may name them in any order, with others
    besides, which are skipped unread (as text, so they may hold anything)."""
    columns = [spelt for _, spelt in _find_in_header(content, names, all_needed=True)]
    options = pa_csv.ConvertOptions(include_columns=columns, column_types=dict.fromkeys(columns, pa.float64()))
    try:
        table = pa_csv.read_csv(
            pa.BufferReader(content),
            parse_options=pa_csv.ParseOptions(newlines_in_values=True),  # quoted cells may hold newlines
            convert_options=options,
        )
    except pa.ArrowInvalid as exc:
        if "conversion error" in str(exc):
            raise _not_a_number(content, columns, str(exc)) from None
        raise _csv_error(str(exc), content) from None
    except (pa.ArrowException, OSError) as exc:
        raise _csv_error(str(exc), content) from None
    return feature_matrix(table, columns)


def read_csv_columns(content: bytes, names: list[str]) -> pa.Table:
    """The columns of `names` that a CSV text's header row holds, typed as an upload's are (the
    common spellings of a missing cell are null; dates stay text), renamed to `names`' spelling;
    the others are skipped unread."""
    found = _find_in_header(content, names, all_needed=False)
    if not found:
        return pa.table({})
    dialect = CsvDialect(sniff_delimiter(content), NULL_VALUES)
    options = {
        "parse_options": pa_csv.ParseOptions(delimiter=dialect.delimiter, newlines_in_values=True),
        "convert_options": pa_csv.ConvertOptions(
            include_columns=[spelt for _, spelt in found], strings_can_be_null=True, null_values=list(NULL_VALUES)
        ),
    }
    try:
        table = pa_csv.read_csv(pa.BufferReader(content), **options)
    except (pa.ArrowException, OSError) as exc:
        raise _csv_error(str(exc), content, dialect.delimiter) from None
    temporal = [i for i, field in enumerate(table.schema) if pa.types.is_temporal(field.type)]
    for i in temporal:  # as an upload stores them: the text the file gave
        table = table.set_column(i, table.field(i).name, pc.strftime(table.column(i), "%Y-%m-%dT%H:%M:%S"))
    return table.rename_columns([name for name, _ in found])


def _find_in_header(content: bytes, names: list[str], *, all_needed: bool) -> list[tuple[str, str]]:
    """(name, as the header spells it) of each of `names` the header row holds (a 422 for one it
    lacks when `all_needed`, or one it repeats)."""
    _check_text(content)
    header = _header_names(content)
    _check_header(header)
    where: dict[str, list[str]] = {}  # feature -> its name in the header, which may have spaces around it ("x1, x2")
    for raw_name in header:
        where.setdefault(raw_name.strip(), []).append(raw_name)
    missing = [name for name in names if name not in where]
    if missing and all_needed:
        raise Unprocessable(
            f"the header row lacks column(s) {', '.join(map(repr, missing[:10]))}; "
            f"it names {clip(', '.join(map(repr, header))) or 'nothing'}"
        )
    repeated = [name for name in names if len(where.get(name, ())) > 1]
    if repeated:
        raise Unprocessable(f"the header row names {', '.join(map(repr, repeated[:10]))} more than once")
    return [(name, where[name][0]) for name in names if name in where]


def _header_line(content: bytes) -> str:
    """The first line that is not blank (pyarrow skips blank lines)."""
    start = len(content) - len(content.lstrip(b"\r\n")) if content[:1] in (b"\r", b"\n") else 0
    ends = [i for i in (content.find(b"\n", start), content.find(b"\r", start)) if i >= 0]
    return content[start : min(ends, default=len(content))].decode("utf-8-sig")


def _header_names(content: bytes) -> list[str]:
    """The names of the header row."""
    try:
        return next(csv.reader([_header_line(content)]), [])
    except csv.Error as exc:
        raise Unprocessable(f"the header row cannot be read as CSV: {exc}") from None


def _not_a_number(content: bytes, columns: list[str], message: str) -> Unprocessable:
    """The first cell that is not a number, by row and column: only after pyarrow has refused one,
    read again as text. pyarrow's own words when it cannot be found."""
    options = pa_csv.ConvertOptions(include_columns=columns, column_types=dict.fromkeys(columns, pa.string()))
    try:
        table = pa_csv.read_csv(
            pa.BufferReader(content),
            parse_options=pa_csv.ParseOptions(newlines_in_values=True),
            convert_options=options,
        )
    except (pa.ArrowException, OSError):
        table = pa.table({name: pa.array([], pa.string()) for name in columns})
    for name in columns:
        for row, text in enumerate(table.column(name).to_pylist()):
            try:
                if text is not None and text.strip():
                    float(text.replace("_", "?"))  # pyarrow refuses Python's 1_000
            except ValueError:
                return Unprocessable(
                    f"row {row}, column {name.strip()!r}: {quote(text)} is not a number",
                    errors=[FieldError(f"body.{row}.{name.strip()}", f"{quote(text)} is not a number")],
                )
    return Unprocessable(f"a cell is not a number: {clip(message.removeprefix('CSV conversion error: '))}")
