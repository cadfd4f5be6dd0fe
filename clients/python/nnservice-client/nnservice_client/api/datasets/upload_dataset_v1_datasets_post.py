from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.dataset_read import DatasetRead
from ...models.upload_dataset_v1_datasets_post_delimiter_type_0 import UploadDatasetV1DatasetsPostDelimiterType0
from ...models.upload_dataset_v1_datasets_post_files_body import UploadDatasetV1DatasetsPostFilesBody
from ...models.upload_dataset_v1_datasets_post_response_400 import UploadDatasetV1DatasetsPostResponse400
from ...models.upload_dataset_v1_datasets_post_response_401 import UploadDatasetV1DatasetsPostResponse401
from ...models.upload_dataset_v1_datasets_post_response_413 import UploadDatasetV1DatasetsPostResponse413
from ...models.upload_dataset_v1_datasets_post_response_415 import UploadDatasetV1DatasetsPostResponse415
from ...models.upload_dataset_v1_datasets_post_response_422 import UploadDatasetV1DatasetsPostResponse422
from ...models.upload_dataset_v1_datasets_post_response_503 import UploadDatasetV1DatasetsPostResponse503
from ...types import UNSET, File, Response, Unset


def _get_kwargs(
    *,
    body: UploadDatasetV1DatasetsPostFilesBody | str | File,
    name: None | str | Unset = UNSET,
    delimiter: None | Unset | UploadDatasetV1DatasetsPostDelimiterType0 = UNSET,
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
    elif isinstance(delimiter, UploadDatasetV1DatasetsPostDelimiterType0):
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

    if isinstance(body, UploadDatasetV1DatasetsPostFilesBody):
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


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    DatasetRead
    | UploadDatasetV1DatasetsPostResponse400
    | UploadDatasetV1DatasetsPostResponse401
    | UploadDatasetV1DatasetsPostResponse413
    | UploadDatasetV1DatasetsPostResponse415
    | UploadDatasetV1DatasetsPostResponse422
    | UploadDatasetV1DatasetsPostResponse503
    | None
):
    if response.status_code == 201:
        response_201 = DatasetRead.from_dict(response.json())

        return response_201

    if response.status_code == 400:
        response_400 = UploadDatasetV1DatasetsPostResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = UploadDatasetV1DatasetsPostResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 413:
        response_413 = UploadDatasetV1DatasetsPostResponse413.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = UploadDatasetV1DatasetsPostResponse415.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = UploadDatasetV1DatasetsPostResponse422.from_dict(response.json())

        return response_422

    if response.status_code == 503:
        response_503 = UploadDatasetV1DatasetsPostResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    DatasetRead
    | UploadDatasetV1DatasetsPostResponse400
    | UploadDatasetV1DatasetsPostResponse401
    | UploadDatasetV1DatasetsPostResponse413
    | UploadDatasetV1DatasetsPostResponse415
    | UploadDatasetV1DatasetsPostResponse422
    | UploadDatasetV1DatasetsPostResponse503
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    body: UploadDatasetV1DatasetsPostFilesBody | str | File,
    name: None | str | Unset = UNSET,
    delimiter: None | Unset | UploadDatasetV1DatasetsPostDelimiterType0 = UNSET,
    na_values: list[str] | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[
    DatasetRead
    | UploadDatasetV1DatasetsPostResponse400
    | UploadDatasetV1DatasetsPostResponse401
    | UploadDatasetV1DatasetsPostResponse413
    | UploadDatasetV1DatasetsPostResponse415
    | UploadDatasetV1DatasetsPostResponse422
    | UploadDatasetV1DatasetsPostResponse503
]:
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
        delimiter (None | Unset | UploadDatasetV1DatasetsPostDelimiterType0): CSV: the field
            delimiter; default: told from the file's first lines
        na_values (list[str] | Unset): CSV: more spellings of a missing cell (e.g. ?), besides
            empty, NA, N/A, null, NaN and None
        idempotency_key (None | str | Unset): a unique key per request (a UUID): a retry with the
            same key answers with the resource the first request created instead of creating another;
            kept NNSERVICE_IDEMPOTENCY_KEY_HOURS (24 by default)
        body (UploadDatasetV1DatasetsPostFilesBody):
        body (str):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DatasetRead | UploadDatasetV1DatasetsPostResponse400 | UploadDatasetV1DatasetsPostResponse401 | UploadDatasetV1DatasetsPostResponse413 | UploadDatasetV1DatasetsPostResponse415 | UploadDatasetV1DatasetsPostResponse422 | UploadDatasetV1DatasetsPostResponse503]
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
    body: UploadDatasetV1DatasetsPostFilesBody | str | File,
    name: None | str | Unset = UNSET,
    delimiter: None | Unset | UploadDatasetV1DatasetsPostDelimiterType0 = UNSET,
    na_values: list[str] | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> (
    DatasetRead
    | UploadDatasetV1DatasetsPostResponse400
    | UploadDatasetV1DatasetsPostResponse401
    | UploadDatasetV1DatasetsPostResponse413
    | UploadDatasetV1DatasetsPostResponse415
    | UploadDatasetV1DatasetsPostResponse422
    | UploadDatasetV1DatasetsPostResponse503
    | None
):
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
        delimiter (None | Unset | UploadDatasetV1DatasetsPostDelimiterType0): CSV: the field
            delimiter; default: told from the file's first lines
        na_values (list[str] | Unset): CSV: more spellings of a missing cell (e.g. ?), besides
            empty, NA, N/A, null, NaN and None
        idempotency_key (None | str | Unset): a unique key per request (a UUID): a retry with the
            same key answers with the resource the first request created instead of creating another;
            kept NNSERVICE_IDEMPOTENCY_KEY_HOURS (24 by default)
        body (UploadDatasetV1DatasetsPostFilesBody):
        body (str):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DatasetRead | UploadDatasetV1DatasetsPostResponse400 | UploadDatasetV1DatasetsPostResponse401 | UploadDatasetV1DatasetsPostResponse413 | UploadDatasetV1DatasetsPostResponse415 | UploadDatasetV1DatasetsPostResponse422 | UploadDatasetV1DatasetsPostResponse503
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
    body: UploadDatasetV1DatasetsPostFilesBody | str | File,
    name: None | str | Unset = UNSET,
    delimiter: None | Unset | UploadDatasetV1DatasetsPostDelimiterType0 = UNSET,
    na_values: list[str] | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[
    DatasetRead
    | UploadDatasetV1DatasetsPostResponse400
    | UploadDatasetV1DatasetsPostResponse401
    | UploadDatasetV1DatasetsPostResponse413
    | UploadDatasetV1DatasetsPostResponse415
    | UploadDatasetV1DatasetsPostResponse422
    | UploadDatasetV1DatasetsPostResponse503
]:
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
        delimiter (None | Unset | UploadDatasetV1DatasetsPostDelimiterType0): CSV: the field
            delimiter; default: told from the file's first lines
        na_values (list[str] | Unset): CSV: more spellings of a missing cell (e.g. ?), besides
            empty, NA, N/A, null, NaN and None
        idempotency_key (None | str | Unset): a unique key per request (a UUID): a retry with the
            same key answers with the resource the first request created instead of creating another;
            kept NNSERVICE_IDEMPOTENCY_KEY_HOURS (24 by default)
        body (UploadDatasetV1DatasetsPostFilesBody):
        body (str):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[DatasetRead | UploadDatasetV1DatasetsPostResponse400 | UploadDatasetV1DatasetsPostResponse401 | UploadDatasetV1DatasetsPostResponse413 | UploadDatasetV1DatasetsPostResponse415 | UploadDatasetV1DatasetsPostResponse422 | UploadDatasetV1DatasetsPostResponse503]
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
    body: UploadDatasetV1DatasetsPostFilesBody | str | File,
    name: None | str | Unset = UNSET,
    delimiter: None | Unset | UploadDatasetV1DatasetsPostDelimiterType0 = UNSET,
    na_values: list[str] | Unset = UNSET,
    idempotency_key: None | str | Unset = UNSET,
) -> (
    DatasetRead
    | UploadDatasetV1DatasetsPostResponse400
    | UploadDatasetV1DatasetsPostResponse401
    | UploadDatasetV1DatasetsPostResponse413
    | UploadDatasetV1DatasetsPostResponse415
    | UploadDatasetV1DatasetsPostResponse422
    | UploadDatasetV1DatasetsPostResponse503
    | None
):
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
        delimiter (None | Unset | UploadDatasetV1DatasetsPostDelimiterType0): CSV: the field
            delimiter; default: told from the file's first lines
        na_values (list[str] | Unset): CSV: more spellings of a missing cell (e.g. ?), besides
            empty, NA, N/A, null, NaN and None
        idempotency_key (None | str | Unset): a unique key per request (a UUID): a retry with the
            same key answers with the resource the first request created instead of creating another;
            kept NNSERVICE_IDEMPOTENCY_KEY_HOURS (24 by default)
        body (UploadDatasetV1DatasetsPostFilesBody):
        body (str):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        DatasetRead | UploadDatasetV1DatasetsPostResponse400 | UploadDatasetV1DatasetsPostResponse401 | UploadDatasetV1DatasetsPostResponse413 | UploadDatasetV1DatasetsPostResponse415 | UploadDatasetV1DatasetsPostResponse422 | UploadDatasetV1DatasetsPostResponse503
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
