from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.job_read import JobRead
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    job_id: str,
    *,
    keep_partial: bool | Unset = False,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    params["keep_partial"] = keep_partial

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/jobs/{job_id}/cancel".format(
            job_id=quote(str(job_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> JobRead | Problem | None:
    if response.status_code == 200:
        response_200 = JobRead.from_dict(response.json())

        return response_200

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
    keep_partial: bool | Unset = False,
) -> Response[JobRead | Problem]:
    """Cancel a job

     A queued job is cancelled at once (200). A running job is asked to stop (202,
    `cancel_requested: true`) and ends `cancelled` within about a second of its next epoch; with
    `?keep_partial=true` it keeps what it learnt: its best weights (lowest validation cost, or
    training cost without a validation split, or best `early_stopping_metric`) become a model
    flagged `partial`. Cancelling again changes nothing (except that it may ask to keep the
    weights); a job that already succeeded or failed answers 409.

    Args:
        job_id (str): the resource's id, a UUID
        keep_partial (bool | Unset): a running job stores its best weights so far as a model
            flagged `partial` (its `model_id`) Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[JobRead | Problem]
    """

    kwargs = _get_kwargs(
        job_id=job_id,
        keep_partial=keep_partial,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    job_id: str,
    *,
    client: AuthenticatedClient,
    keep_partial: bool | Unset = False,
) -> JobRead | Problem | None:
    """Cancel a job

     A queued job is cancelled at once (200). A running job is asked to stop (202,
    `cancel_requested: true`) and ends `cancelled` within about a second of its next epoch; with
    `?keep_partial=true` it keeps what it learnt: its best weights (lowest validation cost, or
    training cost without a validation split, or best `early_stopping_metric`) become a model
    flagged `partial`. Cancelling again changes nothing (except that it may ask to keep the
    weights); a job that already succeeded or failed answers 409.

    Args:
        job_id (str): the resource's id, a UUID
        keep_partial (bool | Unset): a running job stores its best weights so far as a model
            flagged `partial` (its `model_id`) Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        JobRead | Problem
    """

    return sync_detailed(
        job_id=job_id,
        client=client,
        keep_partial=keep_partial,
    ).parsed


async def asyncio_detailed(
    job_id: str,
    *,
    client: AuthenticatedClient,
    keep_partial: bool | Unset = False,
) -> Response[JobRead | Problem]:
    """Cancel a job

     A queued job is cancelled at once (200). A running job is asked to stop (202,
    `cancel_requested: true`) and ends `cancelled` within about a second of its next epoch; with
    `?keep_partial=true` it keeps what it learnt: its best weights (lowest validation cost, or
    training cost without a validation split, or best `early_stopping_metric`) become a model
    flagged `partial`. Cancelling again changes nothing (except that it may ask to keep the
    weights); a job that already succeeded or failed answers 409.

    Args:
        job_id (str): the resource's id, a UUID
        keep_partial (bool | Unset): a running job stores its best weights so far as a model
            flagged `partial` (its `model_id`) Default: False.

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[JobRead | Problem]
    """

    kwargs = _get_kwargs(
        job_id=job_id,
        keep_partial=keep_partial,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    job_id: str,
    *,
    client: AuthenticatedClient,
    keep_partial: bool | Unset = False,
) -> JobRead | Problem | None:
    """Cancel a job

     A queued job is cancelled at once (200). A running job is asked to stop (202,
    `cancel_requested: true`) and ends `cancelled` within about a second of its next epoch; with
    `?keep_partial=true` it keeps what it learnt: its best weights (lowest validation cost, or
    training cost without a validation split, or best `early_stopping_metric`) become a model
    flagged `partial`. Cancelling again changes nothing (except that it may ask to keep the
    weights); a job that already succeeded or failed answers 409.

    Args:
        job_id (str): the resource's id, a UUID
        keep_partial (bool | Unset): a running job stores its best weights so far as a model
            flagged `partial` (its `model_id`) Default: False.

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
            keep_partial=keep_partial,
        )
    ).parsed
