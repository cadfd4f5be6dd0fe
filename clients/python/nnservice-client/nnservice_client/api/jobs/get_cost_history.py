from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.cost_history import CostHistory
from ...models.get_cost_history_format_type_0 import GetCostHistoryFormatType0
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    job_id: str,
    *,
    format_: GetCostHistoryFormatType0 | None | Unset = UNSET,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_format_: None | str | Unset
    if isinstance(format_, Unset):
        json_format_ = UNSET
    elif isinstance(format_, GetCostHistoryFormatType0):
        json_format_ = format_.value
    else:
        json_format_ = format_
    params["format"] = json_format_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/jobs/{job_id}/cost-history".format(
            job_id=quote(str(job_id), safe=""),
        ),
        "params": params,
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> CostHistory | Problem | None:
    if response.status_code == 200:
        response_200 = CostHistory.from_dict(response.json())

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


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[CostHistory | Problem]:
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
    format_: GetCostHistoryFormatType0 | None | Unset = UNSET,
) -> Response[CostHistory | Problem]:
    """Every epoch's costs (data loss and L2 apart) and diagnostics

     JSON by default; CSV with `?format=csv` or `Accept: text/csv`. Available while the job runs.
    Each epoch: the training cost split into data loss and L2 penalty, the validation data loss and
    the L2 penalty on the epoch's final weights, the gradient norm of each weight layer, and for
    ReLU layers the fraction of dead units, for sigmoid/tanh layers the fraction of saturated outputs.

    Args:
        job_id (str): the resource's id, a UUID
        format_ (GetCostHistoryFormatType0 | None | Unset): default: JSON, or CSV for Accept:
            text/csv

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CostHistory | Problem]
    """

    kwargs = _get_kwargs(
        job_id=job_id,
        format_=format_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    job_id: str,
    *,
    client: AuthenticatedClient,
    format_: GetCostHistoryFormatType0 | None | Unset = UNSET,
) -> CostHistory | Problem | None:
    """Every epoch's costs (data loss and L2 apart) and diagnostics

     JSON by default; CSV with `?format=csv` or `Accept: text/csv`. Available while the job runs.
    Each epoch: the training cost split into data loss and L2 penalty, the validation data loss and
    the L2 penalty on the epoch's final weights, the gradient norm of each weight layer, and for
    ReLU layers the fraction of dead units, for sigmoid/tanh layers the fraction of saturated outputs.

    Args:
        job_id (str): the resource's id, a UUID
        format_ (GetCostHistoryFormatType0 | None | Unset): default: JSON, or CSV for Accept:
            text/csv

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CostHistory | Problem
    """

    return sync_detailed(
        job_id=job_id,
        client=client,
        format_=format_,
    ).parsed


async def asyncio_detailed(
    job_id: str,
    *,
    client: AuthenticatedClient,
    format_: GetCostHistoryFormatType0 | None | Unset = UNSET,
) -> Response[CostHistory | Problem]:
    """Every epoch's costs (data loss and L2 apart) and diagnostics

     JSON by default; CSV with `?format=csv` or `Accept: text/csv`. Available while the job runs.
    Each epoch: the training cost split into data loss and L2 penalty, the validation data loss and
    the L2 penalty on the epoch's final weights, the gradient norm of each weight layer, and for
    ReLU layers the fraction of dead units, for sigmoid/tanh layers the fraction of saturated outputs.

    Args:
        job_id (str): the resource's id, a UUID
        format_ (GetCostHistoryFormatType0 | None | Unset): default: JSON, or CSV for Accept:
            text/csv

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CostHistory | Problem]
    """

    kwargs = _get_kwargs(
        job_id=job_id,
        format_=format_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    job_id: str,
    *,
    client: AuthenticatedClient,
    format_: GetCostHistoryFormatType0 | None | Unset = UNSET,
) -> CostHistory | Problem | None:
    """Every epoch's costs (data loss and L2 apart) and diagnostics

     JSON by default; CSV with `?format=csv` or `Accept: text/csv`. Available while the job runs.
    Each epoch: the training cost split into data loss and L2 penalty, the validation data loss and
    the L2 penalty on the epoch's final weights, the gradient norm of each weight layer, and for
    ReLU layers the fraction of dead units, for sigmoid/tanh layers the fraction of saturated outputs.

    Args:
        job_id (str): the resource's id, a UUID
        format_ (GetCostHistoryFormatType0 | None | Unset): default: JSON, or CSV for Accept:
            text/csv

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CostHistory | Problem
    """

    return (
        await asyncio_detailed(
            job_id=job_id,
            client=client,
            format_=format_,
        )
    ).parsed
