from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.cost_history_plot_v1_jobs_job_id_cost_history_image_format_get_response_401 import (
    CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse401,
)
from ...models.cost_history_plot_v1_jobs_job_id_cost_history_image_format_get_response_404 import (
    CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse404,
)
from ...models.cost_history_plot_v1_jobs_job_id_cost_history_image_format_get_response_422 import (
    CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse422,
)
from ...models.cost_history_plot_v1_jobs_job_id_cost_history_image_format_get_response_503 import (
    CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse503,
)
from ...types import Response


def _get_kwargs(
    job_id: str,
    image_format: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/jobs/{job_id}/cost-history.{image_format}".format(
            job_id=quote(str(job_id), safe=""),
            image_format=quote(str(image_format), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse401
    | CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse404
    | CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse422
    | CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse503
    | str
    | None
):
    if response.status_code == 200:
        response_200 = cast(str, response.content)
        return response_200

    if response.status_code == 401:
        response_401 = CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse404.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse422.from_dict(response.json())

        return response_422

    if response.status_code == 503:
        response_503 = CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse401
    | CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse404
    | CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse422
    | CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse503
    | str
]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    job_id: str,
    image_format: str,
    *,
    client: AuthenticatedClient,
) -> Response[
    CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse401
    | CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse404
    | CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse422
    | CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse503
    | str
]:
    """Plot a job's cost curves (SVG or PNG)

     The training cost (its data loss and L2 penalty apart, when there is a penalty), and the
    validation cost where there is one, against epochs; below, each layer's gradient norm. Drawn
    while the job runs too (the current attempt's epochs).

    Args:
        job_id (str): the resource's id, a UUID
        image_format (str): svg or png

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse401 | CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse404 | CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse422 | CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse503 | str]
    """

    kwargs = _get_kwargs(
        job_id=job_id,
        image_format=image_format,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    job_id: str,
    image_format: str,
    *,
    client: AuthenticatedClient,
) -> (
    CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse401
    | CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse404
    | CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse422
    | CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse503
    | str
    | None
):
    """Plot a job's cost curves (SVG or PNG)

     The training cost (its data loss and L2 penalty apart, when there is a penalty), and the
    validation cost where there is one, against epochs; below, each layer's gradient norm. Drawn
    while the job runs too (the current attempt's epochs).

    Args:
        job_id (str): the resource's id, a UUID
        image_format (str): svg or png

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse401 | CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse404 | CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse422 | CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse503 | str
    """

    return sync_detailed(
        job_id=job_id,
        image_format=image_format,
        client=client,
    ).parsed


async def asyncio_detailed(
    job_id: str,
    image_format: str,
    *,
    client: AuthenticatedClient,
) -> Response[
    CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse401
    | CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse404
    | CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse422
    | CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse503
    | str
]:
    """Plot a job's cost curves (SVG or PNG)

     The training cost (its data loss and L2 penalty apart, when there is a penalty), and the
    validation cost where there is one, against epochs; below, each layer's gradient norm. Drawn
    while the job runs too (the current attempt's epochs).

    Args:
        job_id (str): the resource's id, a UUID
        image_format (str): svg or png

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse401 | CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse404 | CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse422 | CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse503 | str]
    """

    kwargs = _get_kwargs(
        job_id=job_id,
        image_format=image_format,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    job_id: str,
    image_format: str,
    *,
    client: AuthenticatedClient,
) -> (
    CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse401
    | CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse404
    | CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse422
    | CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse503
    | str
    | None
):
    """Plot a job's cost curves (SVG or PNG)

     The training cost (its data loss and L2 penalty apart, when there is a penalty), and the
    validation cost where there is one, against epochs; below, each layer's gradient norm. Drawn
    while the job runs too (the current attempt's epochs).

    Args:
        job_id (str): the resource's id, a UUID
        image_format (str): svg or png

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse401 | CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse404 | CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse422 | CostHistoryPlotV1JobsJobIdCostHistoryImageFormatGetResponse503 | str
    """

    return (
        await asyncio_detailed(
            job_id=job_id,
            image_format=image_format,
            client=client,
        )
    ).parsed
