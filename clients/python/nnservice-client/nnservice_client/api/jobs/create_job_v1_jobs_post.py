from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.create_job_v1_jobs_post_response_400 import CreateJobV1JobsPostResponse400
from ...models.create_job_v1_jobs_post_response_401 import CreateJobV1JobsPostResponse401
from ...models.create_job_v1_jobs_post_response_413 import CreateJobV1JobsPostResponse413
from ...models.create_job_v1_jobs_post_response_415 import CreateJobV1JobsPostResponse415
from ...models.create_job_v1_jobs_post_response_422 import CreateJobV1JobsPostResponse422
from ...models.create_job_v1_jobs_post_response_429 import CreateJobV1JobsPostResponse429
from ...models.create_job_v1_jobs_post_response_503 import CreateJobV1JobsPostResponse503
from ...models.job_create import JobCreate
from ...models.job_read import JobRead
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    body: JobCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(idempotency_key, Unset):
        headers["Idempotency-Key"] = idempotency_key

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/jobs",
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    CreateJobV1JobsPostResponse400
    | CreateJobV1JobsPostResponse401
    | CreateJobV1JobsPostResponse413
    | CreateJobV1JobsPostResponse415
    | CreateJobV1JobsPostResponse422
    | CreateJobV1JobsPostResponse429
    | CreateJobV1JobsPostResponse503
    | JobRead
    | None
):
    if response.status_code == 202:
        response_202 = JobRead.from_dict(response.json())

        return response_202

    if response.status_code == 400:
        response_400 = CreateJobV1JobsPostResponse400.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = CreateJobV1JobsPostResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 413:
        response_413 = CreateJobV1JobsPostResponse413.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = CreateJobV1JobsPostResponse415.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = CreateJobV1JobsPostResponse422.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = CreateJobV1JobsPostResponse429.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = CreateJobV1JobsPostResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    CreateJobV1JobsPostResponse400
    | CreateJobV1JobsPostResponse401
    | CreateJobV1JobsPostResponse413
    | CreateJobV1JobsPostResponse415
    | CreateJobV1JobsPostResponse422
    | CreateJobV1JobsPostResponse429
    | CreateJobV1JobsPostResponse503
    | JobRead
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
    body: JobCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[
    CreateJobV1JobsPostResponse400
    | CreateJobV1JobsPostResponse401
    | CreateJobV1JobsPostResponse413
    | CreateJobV1JobsPostResponse415
    | CreateJobV1JobsPostResponse422
    | CreateJobV1JobsPostResponse429
    | CreateJobV1JobsPostResponse503
    | JobRead
]:
    """Start a training job

     Queue a job that trains a network on `dataset_id` to predict `target`. Every hyperparameter
    is optional (see the schema for defaults and ranges) and checked before anything is queued.
    Follow it at the `Location` it answers with. With an `Idempotency-Key`, a retry of the same
    request answers with the job the first one queued (`Idempotent-Replayed: true`).

    Args:
        idempotency_key (None | str | Unset): a unique key per request (a UUID): a retry with the
            same key answers with the resource the first request created instead of creating another;
            kept NNSERVICE_IDEMPOTENCY_KEY_HOURS (24 by default)
        body (JobCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateJobV1JobsPostResponse400 | CreateJobV1JobsPostResponse401 | CreateJobV1JobsPostResponse413 | CreateJobV1JobsPostResponse415 | CreateJobV1JobsPostResponse422 | CreateJobV1JobsPostResponse429 | CreateJobV1JobsPostResponse503 | JobRead]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    body: JobCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> (
    CreateJobV1JobsPostResponse400
    | CreateJobV1JobsPostResponse401
    | CreateJobV1JobsPostResponse413
    | CreateJobV1JobsPostResponse415
    | CreateJobV1JobsPostResponse422
    | CreateJobV1JobsPostResponse429
    | CreateJobV1JobsPostResponse503
    | JobRead
    | None
):
    """Start a training job

     Queue a job that trains a network on `dataset_id` to predict `target`. Every hyperparameter
    is optional (see the schema for defaults and ranges) and checked before anything is queued.
    Follow it at the `Location` it answers with. With an `Idempotency-Key`, a retry of the same
    request answers with the job the first one queued (`Idempotent-Replayed: true`).

    Args:
        idempotency_key (None | str | Unset): a unique key per request (a UUID): a retry with the
            same key answers with the resource the first request created instead of creating another;
            kept NNSERVICE_IDEMPOTENCY_KEY_HOURS (24 by default)
        body (JobCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateJobV1JobsPostResponse400 | CreateJobV1JobsPostResponse401 | CreateJobV1JobsPostResponse413 | CreateJobV1JobsPostResponse415 | CreateJobV1JobsPostResponse422 | CreateJobV1JobsPostResponse429 | CreateJobV1JobsPostResponse503 | JobRead
    """

    return sync_detailed(
        client=client,
        body=body,
        idempotency_key=idempotency_key,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    body: JobCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> Response[
    CreateJobV1JobsPostResponse400
    | CreateJobV1JobsPostResponse401
    | CreateJobV1JobsPostResponse413
    | CreateJobV1JobsPostResponse415
    | CreateJobV1JobsPostResponse422
    | CreateJobV1JobsPostResponse429
    | CreateJobV1JobsPostResponse503
    | JobRead
]:
    """Start a training job

     Queue a job that trains a network on `dataset_id` to predict `target`. Every hyperparameter
    is optional (see the schema for defaults and ranges) and checked before anything is queued.
    Follow it at the `Location` it answers with. With an `Idempotency-Key`, a retry of the same
    request answers with the job the first one queued (`Idempotent-Replayed: true`).

    Args:
        idempotency_key (None | str | Unset): a unique key per request (a UUID): a retry with the
            same key answers with the resource the first request created instead of creating another;
            kept NNSERVICE_IDEMPOTENCY_KEY_HOURS (24 by default)
        body (JobCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CreateJobV1JobsPostResponse400 | CreateJobV1JobsPostResponse401 | CreateJobV1JobsPostResponse413 | CreateJobV1JobsPostResponse415 | CreateJobV1JobsPostResponse422 | CreateJobV1JobsPostResponse429 | CreateJobV1JobsPostResponse503 | JobRead]
    """

    kwargs = _get_kwargs(
        body=body,
        idempotency_key=idempotency_key,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    body: JobCreate,
    idempotency_key: None | str | Unset = UNSET,
) -> (
    CreateJobV1JobsPostResponse400
    | CreateJobV1JobsPostResponse401
    | CreateJobV1JobsPostResponse413
    | CreateJobV1JobsPostResponse415
    | CreateJobV1JobsPostResponse422
    | CreateJobV1JobsPostResponse429
    | CreateJobV1JobsPostResponse503
    | JobRead
    | None
):
    """Start a training job

     Queue a job that trains a network on `dataset_id` to predict `target`. Every hyperparameter
    is optional (see the schema for defaults and ranges) and checked before anything is queued.
    Follow it at the `Location` it answers with. With an `Idempotency-Key`, a retry of the same
    request answers with the job the first one queued (`Idempotent-Replayed: true`).

    Args:
        idempotency_key (None | str | Unset): a unique key per request (a UUID): a retry with the
            same key answers with the resource the first request created instead of creating another;
            kept NNSERVICE_IDEMPOTENCY_KEY_HOURS (24 by default)
        body (JobCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CreateJobV1JobsPostResponse400 | CreateJobV1JobsPostResponse401 | CreateJobV1JobsPostResponse413 | CreateJobV1JobsPostResponse415 | CreateJobV1JobsPostResponse422 | CreateJobV1JobsPostResponse429 | CreateJobV1JobsPostResponse503 | JobRead
    """

    return (
        await asyncio_detailed(
            client=client,
            body=body,
            idempotency_key=idempotency_key,
        )
    ).parsed
