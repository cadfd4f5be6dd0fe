from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...models.sweep_read import SweepRead
from ...types import Response


def _get_kwargs(
    sweep_id: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/sweeps/{sweep_id}".format(
            sweep_id=quote(str(sweep_id), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Problem | SweepRead | None:
    if response.status_code == 200:
        response_200 = SweepRead.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Problem | SweepRead]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    sweep_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | SweepRead]:
    """Get a sweep's status, counts and leaderboard

     The leaderboard fills as trials succeed: each row the trial's job, its searched parameters,
    its value of the sweep's `metric` (the mean over the folds with `cv`, else on the test split)
    and its model, best first; `best` is the top row. Its trials are jobs: `GET /v1/jobs?sweep_id=`.

    Args:
        sweep_id (str): the resource's id, a UUID

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SweepRead]
    """

    kwargs = _get_kwargs(
        sweep_id=sweep_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    sweep_id: str,
    *,
    client: AuthenticatedClient,
) -> Problem | SweepRead | None:
    """Get a sweep's status, counts and leaderboard

     The leaderboard fills as trials succeed: each row the trial's job, its searched parameters,
    its value of the sweep's `metric` (the mean over the folds with `cv`, else on the test split)
    and its model, best first; `best` is the top row. Its trials are jobs: `GET /v1/jobs?sweep_id=`.

    Args:
        sweep_id (str): the resource's id, a UUID

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SweepRead
    """

    return sync_detailed(
        sweep_id=sweep_id,
        client=client,
    ).parsed


async def asyncio_detailed(
    sweep_id: str,
    *,
    client: AuthenticatedClient,
) -> Response[Problem | SweepRead]:
    """Get a sweep's status, counts and leaderboard

     The leaderboard fills as trials succeed: each row the trial's job, its searched parameters,
    its value of the sweep's `metric` (the mean over the folds with `cv`, else on the test split)
    and its model, best first; `best` is the top row. Its trials are jobs: `GET /v1/jobs?sweep_id=`.

    Args:
        sweep_id (str): the resource's id, a UUID

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Problem | SweepRead]
    """

    kwargs = _get_kwargs(
        sweep_id=sweep_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    sweep_id: str,
    *,
    client: AuthenticatedClient,
) -> Problem | SweepRead | None:
    """Get a sweep's status, counts and leaderboard

     The leaderboard fills as trials succeed: each row the trial's job, its searched parameters,
    its value of the sweep's `metric` (the mean over the folds with `cv`, else on the test split)
    and its model, best first; `best` is the top row. Its trials are jobs: `GET /v1/jobs?sweep_id=`.

    Args:
        sweep_id (str): the resource's id, a UUID

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Problem | SweepRead
    """

    return (
        await asyncio_detailed(
            sweep_id=sweep_id,
            client=client,
        )
    ).parsed
