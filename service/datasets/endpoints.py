"""/v1/datasets: upload (CSV, JSON, Parquet), list, get, delete."""

from functools import partial
from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Query, Request, Response, status
from fastapi.concurrency import run_in_threadpool
from pydantic import Field
from starlette.datastructures import UploadFile

from service.api import json_body
from service.api.auth import ReadCallerDep, WriteCallerDep
from service.api.deps import (
    DatabaseDep,
    IdempotencyKeyHeader,
    Limit,
    MetricsDep,
    Offset,
    ResourceId,
    SettingsDep,
    media_type,
)
from service.api.openapi import answer_headers
from service.api.problems import error_responses
from service.core import idempotency, limits
from service.core.errors import UnsupportedMediaType, unprocessable
from service.core.schemas import MAX_NAME_LENGTH, one_of
from service.datasets import service as datasets
from service.datasets.parsing.csv import DELIMITERS, parse_csv
from service.datasets.parsing.json import parse_json
from service.datasets.parsing.normalise import ParsedDataset
from service.datasets.parsing.parquet import parse_parquet
from service.datasets.schemas import (
    ROWS_UPLOAD_EXAMPLE,
    DatasetList,
    DatasetRead,
    DatasetRecordsUpload,
    DatasetRowsUpload,
)

router = APIRouter(prefix="/v1/datasets", tags=["datasets"])

PARQUET_MAGIC = b"PAR1"
MAX_NA_VALUES = 20  # na_values: extra spellings of a missing cell
if TYPE_CHECKING:
    Delimiter = str
else:
    Delimiter = one_of(DELIMITERS)
MAX_FORM_FIELDS = 10  # the file and its name; anything past this is not a client of ours
MAX_FORM_FIELD_BYTES = 64 * 1024  # a text field (the file part is held by the body limit)
SCHEMAS_READ_BY_HAND = (DatasetRowsUpload, DatasetRecordsUpload)  # main.py adds them to the document
JSON_CELL_SCHEMA = {"type": ["string", "number", "boolean", "null"]}
UPLOAD_BODY = {
    "requestBody": {
        "content": {
            # JSON first: an importer (Postman) sends the first media type, and JSON has an example
            "application/json": {
                "schema": {
                    "oneOf": [
                        {"$ref": "#/components/schemas/DatasetRowsUpload"},
                        {"$ref": "#/components/schemas/DatasetRecordsUpload"},
                        {  # a bare list of records
                            "type": "array",
                            "minItems": 1,
                            "items": {"type": "object", "additionalProperties": JSON_CELL_SCHEMA},
                        },
                    ]
                },
                "examples": {
                    "columns and rows": {"value": ROWS_UPLOAD_EXAMPLE},
                    "records": {"value": [{"x1": 0.1, "x2": 1.2, "label": "a"}, {"x1": 0.4, "x2": 0.3, "label": "b"}]},
                },
            },
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {"file": {"type": "string", "format": "binary"}, "name": {"type": "string"}},
                    "required": ["file"],
                }
            },
            "text/csv": {"schema": {"type": "string"}},
            "application/vnd.apache.parquet": {"schema": {"type": "string", "format": "binary"}},
        },
        "required": True,
    }
}


@router.post(
    "",
    status_code=status.HTTP_201_CREATED,
    response_model=DatasetRead,
    summary="Upload a dataset",
    openapi_extra=UPLOAD_BODY,
    responses={
        201: answer_headers("Location", "Idempotent-Replayed", description="stored"),
        **error_responses(400, 413, 415, 422),
    },
)
async def upload_dataset(
    request: Request,
    response: Response,
    caller: WriteCallerDep,
    db: DatabaseDep,
    settings: SettingsDep,
    metrics: MetricsDep,
    name: str | None = Query(default=None, max_length=MAX_NAME_LENGTH),
    delimiter: Annotated[
        Delimiter | None, Query(description="CSV: the field delimiter; default: told from the file's first lines")
    ] = None,
    na_values: Annotated[
        list[Annotated[str, Field(max_length=64)]],
        Query(
            max_length=MAX_NA_VALUES,
            description="CSV: more spellings of a missing cell (e.g. ?), besides empty, NA, N/A, null, NaN and None",
        ),
    ] = [],  # noqa: B006 (FastAPI copies a query's default)
    idempotency_key: IdempotencyKeyHeader = None,
):
    """A CSV file with a header row (multipart field `file`, or a `text/csv` body), a Parquet file
    (multipart, or an `application/vnd.apache.parquet` body), or JSON (`{"columns": [...], "rows": [[...]]}`
    or a list of records). The answer describes every column: its inferred type, missing and distinct
    counts, and min/max/mean for numbers. An empty unnamed column (a trailing comma) is dropped and reported.
    With an `Idempotency-Key`, a retry of the same upload answers with the dataset the first one created."""
    key = idempotency.check_key(idempotency_key)
    content_type = media_type(request.headers)
    # The body's size is held by api/body_limit.py before it gets here.
    content: bytes | None  # None once parsed (below)
    if content_type == "multipart/form-data":
        form = await request.form(max_files=1, max_fields=MAX_FORM_FIELDS, max_part_size=MAX_FORM_FIELD_BYTES)
        upload = form.get("file")
        if not isinstance(upload, UploadFile):
            raise unprocessable("file", 'no file: send the data in a multipart field named "file"')
        content = await upload.read()
        form_name = form.get("name")
        if isinstance(form_name, str) and len(form_name) > MAX_NAME_LENGTH:
            raise unprocessable(
                "name", f"has {len(form_name)} characters; a dataset's name has at most {MAX_NAME_LENGTH}"
            )
        if not name and not form_name and len(upload.filename or "") > MAX_NAME_LENGTH:  # the name it would take
            raise unprocessable(
                "file",
                f"its file name has {len(upload.filename or '')} characters, and a dataset's name at most "
                f"{MAX_NAME_LENGTH}: send a shorter one in the `name` field",
            )
        name = name or (form_name if isinstance(form_name, str) else None) or upload.filename or "dataset"
        is_parquet = content[:4] == PARQUET_MAGIC or (upload.filename or "").lower().endswith(".parquet")
        fmt, parse = ("parquet", parse_parquet) if is_parquet else ("csv", parse_csv)
    else:
        if content_type in ("text/csv", "application/csv", "text/plain"):
            fmt, parse = "csv", parse_csv
        elif content_type in ("application/vnd.apache.parquet", "application/x-parquet", "application/octet-stream"):
            fmt, parse = "parquet", parse_parquet
        elif content_type == "application/json":
            fmt, parse = "json", _parse_json_bytes
        else:
            raise UnsupportedMediaType(
                f"content type {content_type or '(none)'!r} is not accepted; send multipart/form-data with a file, "
                "text/csv, application/vnd.apache.parquet or application/json"
            )
        content = await read_body(request)
    if fmt == "csv":
        parse = partial(parse_csv, delimiter=delimiter, na_values=tuple(na_values))
    elif delimiter is not None or na_values:
        raise unprocessable("delimiter" if delimiter is not None else "na_values", f"is for CSV uploads, not {fmt}")
    ttl = settings.idempotency_key_hours
    request_fingerprint = idempotency.fingerprint(content, name, fmt, delimiter, *na_values)
    earlier = key and await run_in_threadpool(
        idempotency.find,
        db,
        scope=idempotency.scope_for("datasets", caller.owner),
        key=key,
        request_fingerprint=request_fingerprint,
        ttl_hours=ttl,
    )
    if earlier:
        dataset, replayed = (
            await run_in_threadpool(datasets.get_or_raise, db, dataset_id=earlier, owner=caller.owner),
            True,
        )
    else:
        parsed: ParsedDataset = await run_in_threadpool(parse, content)
        name = name or parsed.name or "dataset"
        size_bytes, content = len(content), None  # the table holds the data now: let the body go before it is stored
        limits.check_dataset_shape(settings, rows=parsed.table.num_rows, columns=parsed.table.num_columns)
        dataset, replayed = await run_in_threadpool(
            datasets.create,
            db,
            owner=caller.owner,
            name=name,
            format=fmt,
            parsed=parsed,
            size_bytes=size_bytes,
            idempotency_key=key,
            request_fingerprint=request_fingerprint,
            idempotency_key_hours=ttl,
        )
    if replayed:
        response.headers[idempotency.REPLAYED_HEADER] = "true"
    else:
        metrics.uploads.labels(fmt).inc()
        metrics.upload_bytes.inc(size_bytes)
    response.headers["Location"] = f"/v1/datasets/{dataset.id}"
    return dataset


async def read_body(request: Request) -> bytearray:
    """The body in one buffer that grows as it arrives. Not `request.body()`: that joins a list of
    chunks, so a 200 MB upload would be held twice at once."""
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
    return body


def _parse_json_bytes(content: bytes) -> ParsedDataset:
    return parse_json(json_body.parse(content))


@router.get("", response_model=DatasetList, summary="List datasets")
def list_datasets(caller: ReadCallerDep, db: DatabaseDep, limit: Limit = 50, offset: Offset = 0):
    """Newest first, without their data."""
    rows, count = datasets.list_(db, owner=caller.sees, limit=limit, offset=offset)
    return {"data": rows, "count": count}


@router.get(
    "/{dataset_id}",
    response_model=DatasetRead,
    summary="Get a dataset's schema and statistics",
    responses=error_responses(404),
)
def get_dataset(dataset_id: ResourceId, caller: ReadCallerDep, db: DatabaseDep):
    return datasets.get_or_raise(db, dataset_id=dataset_id, owner=caller.sees)


@router.delete(
    "/{dataset_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Delete a dataset",
    responses=error_responses(404, 409, e409="queued or running jobs use the dataset"),
)
def delete_dataset(dataset_id: ResourceId, caller: WriteCallerDep, db: DatabaseDep) -> Response:
    """Refused (409) while queued or running jobs use it. Models trained on it are kept."""
    datasets.delete(db, dataset_id=dataset_id, owner=caller.sees)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
