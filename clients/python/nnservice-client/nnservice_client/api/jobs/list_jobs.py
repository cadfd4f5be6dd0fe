from http import HTTPStatus
from typing import Any

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.job_list import JobList
from ...models.job_status import JobStatus
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    *,
    status: JobStatus | None | Unset = UNSET,
    dataset_id: None | str | Unset = UNSET,
    sweep_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_status: None | str | Unset
    if isinstance(status, Unset):
        json_status = UNSET
    elif isinstance(status, JobStatus):
        json_status = status.value
    else:
        json_status = status
    params["status"] = json_status

    json_dataset_id: None | str | Unset
    if isinstance(dataset_id, Unset):
        json_dataset_id = UNSET
    else:
        json_dataset_id = dataset_id
    params["dataset_id"] = json_dataset_id

    json_sweep_id: None | str | Unset
    if isinstance(sweep_id, Unset):
        json_sweep_id = UNSET
    else:
        json_sweep_id = sweep_id
    params["sweep_id"] = json_sweep_id

    params["limit"] = limit

    params["offset"] = offset

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/jobs",
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> JobList | Problem | None:
    if response.status_code == 200:
        response_200 = JobList.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[JobList | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    *,
    client: AuthenticatedClient,
    status: JobStatus | None | Unset = UNSET,
    dataset_id: None | str | Unset = UNSET,
    sweep_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
) -> Response[JobList | Problem]:
    """List jobs

     Newest first; filter by `status`, `dataset_id` and `sweep_id`; `count` is the total that match.

    Args:
        status (JobStatus | None | Unset):
        dataset_id (None | str | Unset):
        sweep_id (None | str | Unset): the trials of this sweep
        limit (int | Unset): page size Default: 50.
        offset (int | Unset): rows to skip Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[JobList | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        dataset_id=dataset_id,
        sweep_id=sweep_id,
        limit=limit,
        offset=offset,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    *,
    client: AuthenticatedClient,
    status: JobStatus | None | Unset = UNSET,
    dataset_id: None | str | Unset = UNSET,
    sweep_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
) -> JobList | Problem | None:
    """List jobs

     Newest first; filter by `status`, `dataset_id` and `sweep_id`; `count` is the total that match.

    Args:
        status (JobStatus | None | Unset):
        dataset_id (None | str | Unset):
        sweep_id (None | str | Unset): the trials of this sweep
        limit (int | Unset): page size Default: 50.
        offset (int | Unset): rows to skip Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        JobList | Problem
    """

    return sync_detailed(
        client=client,
        status=status,
        dataset_id=dataset_id,
        sweep_id=sweep_id,
        limit=limit,
        offset=offset,
    ).parsed


async def asyncio_detailed(
    *,
    client: AuthenticatedClient,
    status: JobStatus | None | Unset = UNSET,
    dataset_id: None | str | Unset = UNSET,
    sweep_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
) -> Response[JobList | Problem]:
    """List jobs

     Newest first; filter by `status`, `dataset_id` and `sweep_id`; `count` is the total that match.

    Args:
        status (JobStatus | None | Unset):
        dataset_id (None | str | Unset):
        sweep_id (None | str | Unset): the trials of this sweep
        limit (int | Unset): page size Default: 50.
        offset (int | Unset): rows to skip Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[JobList | Problem]
    """

    kwargs = _get_kwargs(
        status=status,
        dataset_id=dataset_id,
        sweep_id=sweep_id,
        limit=limit,
        offset=offset,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    *,
    client: AuthenticatedClient,
    status: JobStatus | None | Unset = UNSET,
    dataset_id: None | str | Unset = UNSET,
    sweep_id: None | str | Unset = UNSET,
    limit: int | Unset = 50,
    offset: int | Unset = 0,
) -> JobList | Problem | None:
    """List jobs

     Newest first; filter by `status`, `dataset_id` and `sweep_id`; `count` is the total that match.

    Args:
        status (JobStatus | None | Unset):
        dataset_id (None | str | Unset):
        sweep_id (None | str | Unset): the trials of this sweep
        limit (int | Unset): page size Default: 50.
        offset (int | Unset): rows to skip Default: 0.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        JobList | Problem
    """

    return (
        await asyncio_detailed(
            client=client,
            status=status,
            dataset_id=dataset_id,
            sweep_id=sweep_id,
            limit=limit,
            offset=offset,
        )
    ).parsed
