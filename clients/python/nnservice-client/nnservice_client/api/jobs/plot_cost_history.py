from http import HTTPStatus
from io import BytesIO
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.plot_cost_history_image_format import PlotCostHistoryImageFormat
from ...models.problem import Problem
from ...types import File, Response


def _get_kwargs(
    job_id: str,
    image_format: PlotCostHistoryImageFormat,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/jobs/{job_id}/cost-history.{image_format}".format(
            job_id=quote(str(job_id), safe=""),
            image_format=quote(str(image_format), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> File | Problem | None:
    if response.status_code == 200:
        response_200 = File(payload=BytesIO(response.content))

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[File | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    job_id: str,
    image_format: PlotCostHistoryImageFormat,
    *,
    client: AuthenticatedClient,
) -> Response[File | Problem]:
    """Plot a job's cost curves (SVG or PNG)

     The training cost (its data loss and L2 penalty apart, when there is a penalty), and the
    validation cost where there is one, against epochs; below, each layer's gradient norm. Drawn
    while the job runs too (the current attempt's epochs).

    Args:
        job_id (str): the resource's id, a UUID
        image_format (PlotCostHistoryImageFormat): svg or png

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | Problem]
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
    image_format: PlotCostHistoryImageFormat,
    *,
    client: AuthenticatedClient,
) -> File | Problem | None:
    """Plot a job's cost curves (SVG or PNG)

     The training cost (its data loss and L2 penalty apart, when there is a penalty), and the
    validation cost where there is one, against epochs; below, each layer's gradient norm. Drawn
    while the job runs too (the current attempt's epochs).

    Args:
        job_id (str): the resource's id, a UUID
        image_format (PlotCostHistoryImageFormat): svg or png

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File | Problem
    """

    return sync_detailed(
        job_id=job_id,
        image_format=image_format,
        client=client,
    ).parsed


async def asyncio_detailed(
    job_id: str,
    image_format: PlotCostHistoryImageFormat,
    *,
    client: AuthenticatedClient,
) -> Response[File | Problem]:
    """Plot a job's cost curves (SVG or PNG)

     The training cost (its data loss and L2 penalty apart, when there is a penalty), and the
    validation cost where there is one, against epochs; below, each layer's gradient norm. Drawn
    while the job runs too (the current attempt's epochs).

    Args:
        job_id (str): the resource's id, a UUID
        image_format (PlotCostHistoryImageFormat): svg or png

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | Problem]
    """

    kwargs = _get_kwargs(
        job_id=job_id,
        image_format=image_format,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    job_id: str,
    image_format: PlotCostHistoryImageFormat,
    *,
    client: AuthenticatedClient,
) -> File | Problem | None:
    """Plot a job's cost curves (SVG or PNG)

     The training cost (its data loss and L2 penalty apart, when there is a penalty), and the
    validation cost where there is one, against epochs; below, each layer's gradient norm. Drawn
    while the job runs too (the current attempt's epochs).

    Args:
        job_id (str): the resource's id, a UUID
        image_format (PlotCostHistoryImageFormat): svg or png

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File | Problem
    """

    return (
        await asyncio_detailed(
            job_id=job_id,
            image_format=image_format,
            client=client,
        )
    ).parsed
