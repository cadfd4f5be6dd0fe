from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.job_read import JobRead
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    job_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/jobs/{job_id}/replay".format(
            job_id=quote(str(job_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> JobRead | Problem | None:
    if response.status_code == 202:
        response_202 = JobRead.from_dict(response.json())

        return response_202

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = Problem.from_dict(response.json())

        return response_409

    if response.status_code == 422:
        response_422 = Problem.from_dict(response.json())

        return response_422

    if response.status_code == 429:
        response_429 = Problem.from_dict(response.json())

        return response_429

    if response.status_code == 503:
        response_503 = Problem.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[JobRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    job_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[JobRead | Problem]:
    """Train a finished job again and check that it reproduces

     Queue a new job with the same dataset, columns, hyperparameters, seed and warm start. When it
    ends, its `replay` field says whether its cost history and weights are bit-identical to the
    original model's (`identical`), the first epoch that differs, the largest weight difference,
    and the BLAS of both runs. With one BLAS thread per worker (`NNSERVICE_BLAS_THREADS=1`) a
    replay is identical. The original must have succeeded and its dataset must still exist.

    Args:
        job_id (str): the resource's id, a UUID

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[JobRead | Problem]
    """

    kwargs = _get_kwargs(
        job_id=job_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    job_id: str,
    *,
    client: AuthenticatedClient,
) -> JobRead | Problem | None:
    """Train a finished job again and check that it reproduces

     Queue a new job with the same dataset, columns, hyperparameters, seed and warm start. When it
    ends, its `replay` field says whether its cost history and weights are bit-identical to the
    original model's (`identical`), the first epoch that differs, the largest weight difference,
    and the BLAS of both runs. With one BLAS thread per worker (`NNSERVICE_BLAS_THREADS=1`) a
    replay is identical. The original must have succeeded and its dataset must still exist.

    Args:
        job_id (str): the resource's id, a UUID

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        JobRead | Problem
    """

    return sync_detailed(
        job_id=job_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    job_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[JobRead | Problem]:
    """Train a finished job again and check that it reproduces

     Queue a new job with the same dataset, columns, hyperparameters, seed and warm start. When it
    ends, its `replay` field says whether its cost history and weights are bit-identical to the
    original model's (`identical`), the first epoch that differs, the largest weight difference,
    and the BLAS of both runs. With one BLAS thread per worker (`NNSERVICE_BLAS_THREADS=1`) a
    replay is identical. The original must have succeeded and its dataset must still exist.

    Args:
        job_id (str): the resource's id, a UUID

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[JobRead | Problem]
    """

    kwargs = _get_kwargs(
        job_id=job_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    job_id: str,
    *,
    client: AuthenticatedClient,
) -> JobRead | Problem | None:
    """Train a finished job again and check that it reproduces

     Queue a new job with the same dataset, columns, hyperparameters, seed and warm start. When it
    ends, its `replay` field says whether its cost history and weights are bit-identical to the
    original model's (`identical`), the first epoch that differs, the largest weight difference,
    and the BLAS of both runs. With one BLAS thread per worker (`NNSERVICE_BLAS_THREADS=1`) a
    replay is identical. The original must have succeeded and its dataset must still exist.

    Args:
        job_id (str): the resource's id, a UUID

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        JobRead | Problem
    """

    return (
        await asyncio_detailed(
            job_id=job_id,
            client=client,
        )
    ).parsed
