from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.dataset_read import DatasetRead
from ...models.dataset_records_upload import DatasetRecordsUpload
from ...models.dataset_rows_upload import DatasetRowsUpload
from ...models.problem import Problem
from ...models.upload_dataset_delimiter_type_0 import UploadDatasetDelimiterType0
from ...models.upload_dataset_files_body import UploadDatasetFilesBody
from ...models.upload_dataset_json_body_type_2_item import UploadDatasetJsonBodyType2Item
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    *,
    body: DatasetRecordsUpload
    | DatasetRowsUpload
    | list[UploadDatasetJsonBodyType2Item]
    | UploadDatasetFilesBody
    | str
    | File,
    name: None | str | Unset = UNSET,
    delimiter: None | Unset | UploadDatasetDelimiterType0 = UNSET,
    na_values: list[str] | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    params: dict[str, Any] = {}

    json_name: None | str | Unset
    if isinstance(name, Unset):
        json_name = UNSET
    else:
        json_name = name
    params["name"] = json_name

    json_delimiter: None | str | Unset
    if isinstance(delimiter, Unset):
        json_delimiter = UNSET
    elif isinstance(delimiter, UploadDatasetDelimiterType0):
        json_delimiter = delimiter.value
    else:
        json_delimiter = delimiter
    params["delimiter"] = json_delimiter

    json_na_values: list[str] | Unset = UNSET
    if not isinstance(na_values, Unset):
        json_na_values = na_values

    params["na_values"] = json_na_values

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/datasets",
        "params": params,
    }

    if isinstance(body, (DatasetRowsUpload, DatasetRecordsUpload, list)):
        if isinstance(body, DatasetRowsUpload):
            _kwargs["json"] = body.to_dict()
        elif isinstance(body, DatasetRecordsUpload):
            _kwargs["json"] = body.to_dict()
        else:
            _kwargs["json"] = []
            for body_type_2_item_data in body:
                body_type_2_item = body_type_2_item_data.to_dict()
                _kwargs["json"].append(body_type_2_item)

        headers["Content-Type"] = "application/json"
    if isinstance(body, UploadDatasetFilesBody):
        _kwargs["files"] = body.to_multipart()

        headers["Content-Type"] = "multipart/form-data; boundary=+++"
    if isinstance(body, str):
        _kwargs["content"] = body
        headers["Content-Type"] = "text/csv"
    if isinstance(body, File):
        _kwargs["content"] = body.payload
        headers["Content-Type"] = "application/vnd.apache.parquet"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> DatasetRead | Problem | None:
    if response.status_code == 201:
        response_201 = DatasetRead.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[DatasetRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: DatasetRecordsUpload
    | DatasetRowsUpload
    | list[UploadDatasetJsonBodyType2Item]
    | UploadDatasetFilesBody
    | str
    | File,
    name: None | str | Unset = UNSET,
    delimiter: None | Unset | UploadDatasetDelimiterType0 = UNSET,
    na_values: list[str] | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[DatasetRead | Problem]:
    """Upload a dataset

     A CSV file with a header row (multipart field `file`, or a `text/csv` body), a Parquet file
    (multipart, or an `application/vnd.apache.parquet` body), or JSON (`{"columns": [...], "rows":
    [[...]]}`
    or a list of records). The answer describes every column: its inferred type, missing and distinct
    counts, and min/max/mean for numbers. An empty unnamed column (a trailing comma) is dropped and
    reported.
    With an `Idempotency-Key`, a retry of the same upload answers with the dataset the first one
    created.

    Args:
        name (None | str | Unset):
        delimiter (None | Unset | UploadDatasetDelimiterType0): CSV: the field delimiter; default:
            told from the file's first lines
        na_values (list[str] | Unset): CSV: more spellings of a missing cell (e.g. ?), besides
            empty, NA, N/A, null, NaN and None
        idempotency_key (None | str | Unset): a unique key per request (a UUID): a retry with the
            same key answers with the resource the first request created instead of creating another;
            kept NNSERVICE_IDEMPOTENCY_KEY_HOURS (24 by default)
        body (DatasetRecordsUpload | DatasetRowsUpload | list[UploadDatasetJsonBodyType2Item]):
        body (UploadDatasetFilesBody):
        body (str):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DatasetRead | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        name=name,
        delimiter=delimiter,
        na_values=na_values,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: DatasetRecordsUpload
    | DatasetRowsUpload
    | list[UploadDatasetJsonBodyType2Item]
    | UploadDatasetFilesBody
    | str
    | File,
    name: None | str | Unset = UNSET,
    delimiter: None | Unset | UploadDatasetDelimiterType0 = UNSET,
    na_values: list[str] | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> DatasetRead | Problem | None:
    """Upload a dataset

     A CSV file with a header row (multipart field `file`, or a `text/csv` body), a Parquet file
    (multipart, or an `application/vnd.apache.parquet` body), or JSON (`{"columns": [...], "rows":
    [[...]]}`
    or a list of records). The answer describes every column: its inferred type, missing and distinct
    counts, and min/max/mean for numbers. An empty unnamed column (a trailing comma) is dropped and
    reported.
    With an `Idempotency-Key`, a retry of the same upload answers with the dataset the first one
    created.

    Args:
        name (None | str | Unset):
        delimiter (None | Unset | UploadDatasetDelimiterType0): CSV: the field delimiter; default:
            told from the file's first lines
        na_values (list[str] | Unset): CSV: more spellings of a missing cell (e.g. ?), besides
            empty, NA, N/A, null, NaN and None
        idempotency_key (None | str | Unset): a unique key per request (a UUID): a retry with the
            same key answers with the resource the first request created instead of creating another;
            kept NNSERVICE_IDEMPOTENCY_KEY_HOURS (24 by default)
        body (DatasetRecordsUpload | DatasetRowsUpload | list[UploadDatasetJsonBodyType2Item]):
        body (UploadDatasetFilesBody):
        body (str):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DatasetRead | Problem
    """

    return sync_detailed(
        client=client,
        body=body,
        name=name,
        delimiter=delimiter,
        na_values=na_values,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: DatasetRecordsUpload
    | DatasetRowsUpload
    | list[UploadDatasetJsonBodyType2Item]
    | UploadDatasetFilesBody
    | str
    | File,
    name: None | str | Unset = UNSET,
    delimiter: None | Unset | UploadDatasetDelimiterType0 = UNSET,
    na_values: list[str] | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[DatasetRead | Problem]:
    """Upload a dataset

     A CSV file with a header row (multipart field `file`, or a `text/csv` body), a Parquet file
    (multipart, or an `application/vnd.apache.parquet` body), or JSON (`{"columns": [...], "rows":
    [[...]]}`
    or a list of records). The answer describes every column: its inferred type, missing and distinct
    counts, and min/max/mean for numbers. An empty unnamed column (a trailing comma) is dropped and
    reported.
    With an `Idempotency-Key`, a retry of the same upload answers with the dataset the first one
    created.

    Args:
        name (None | str | Unset):
        delimiter (None | Unset | UploadDatasetDelimiterType0): CSV: the field delimiter; default:
            told from the file's first lines
        na_values (list[str] | Unset): CSV: more spellings of a missing cell (e.g. ?), besides
            empty, NA, N/A, null, NaN and None
        idempotency_key (None | str | Unset): a unique key per request (a UUID): a retry with the
            same key answers with the resource the first request created instead of creating another;
            kept NNSERVICE_IDEMPOTENCY_KEY_HOURS (24 by default)
        body (DatasetRecordsUpload | DatasetRowsUpload | list[UploadDatasetJsonBodyType2Item]):
        body (UploadDatasetFilesBody):
        body (str):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DatasetRead | Problem]
    """

    kwargs = _get_kwargs(
        body=body,
        name=name,
        delimiter=delimiter,
        na_values=na_values,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: DatasetRecordsUpload
    | DatasetRowsUpload
    | list[UploadDatasetJsonBodyType2Item]
    | UploadDatasetFilesBody
    | str
    | File,
    name: None | str | Unset = UNSET,
    delimiter: None | Unset | UploadDatasetDelimiterType0 = UNSET,
    na_values: list[str] | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> DatasetRead | Problem | None:
    """Upload a dataset

     A CSV file with a header row (multipart field `file`, or a `text/csv` body), a Parquet file
    (multipart, or an `application/vnd.apache.parquet` body), or JSON (`{"columns": [...], "rows":
    [[...]]}`
    or a list of records). The answer describes every column: its inferred type, missing and distinct
    counts, and min/max/mean for numbers. An empty unnamed column (a trailing comma) is dropped and
    reported.
    With an `Idempotency-Key`, a retry of the same upload answers with the dataset the first one
    created.

    Args:
        name (None | str | Unset):
        delimiter (None | Unset | UploadDatasetDelimiterType0): CSV: the field delimiter; default:
            told from the file's first lines
        na_values (list[str] | Unset): CSV: more spellings of a missing cell (e.g. ?), besides
            empty, NA, N/A, null, NaN and None
        idempotency_key (None | str | Unset): a unique key per request (a UUID): a retry with the
            same key answers with the resource the first request created instead of creating another;
            kept NNSERVICE_IDEMPOTENCY_KEY_HOURS (24 by default)
        body (DatasetRecordsUpload | DatasetRowsUpload | list[UploadDatasetJsonBodyType2Item]):
        body (UploadDatasetFilesBody):
        body (str):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DatasetRead | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            name=name,
            delimiter=delimiter,
            na_values=na_values,
            idempotency_key=idempotency_key,
        )
    ).parsed
