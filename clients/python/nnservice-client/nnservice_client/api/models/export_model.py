from http import HTTPStatus
from io import BytesIO
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.export_model_format import ExportModelFormat
from ...models.problem import Problem
from ...types import UNSET, File, Response


def _get_kwargs(
    model_id: str,
    *,
    format_: ExportModelFormat,
) -> dict[str, Any]:

    params: dict[str, Any] = {}

    json_format_ = format_.value
    params["format"] = json_format_

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/models/{model_id}/export".format(
            model_id=quote(str(model_id), safe=""),
        ),
        "params": params,
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
    model_id: str,
    *,
    client: AuthenticatedClient,
    format_: ExportModelFormat,
) -> Response[File | Problem]:
    """Export a model (ONNX)

     The trained model as a file to run elsewhere. `onnx`: a graph taking `input`, float32 (rows,
    features) in the model's feature order, with the same preprocessing as predict; a classifier
    answers `probabilities` (columns in class order) and `label`, a regressor `predictions`. The
    file's metadata_props name the model, its features and its classes. A model trained on a raw
    table takes one input per column instead, encoded in the graph; metadata `inputs` describes them.

    Args:
        model_id (str): the resource's id, a UUID
        format_ (ExportModelFormat): the file format: onnx

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | Problem]
    """

    kwargs = _get_kwargs(
        model_id=model_id,
        format_=format_,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    model_id: str,
    *,
    client: AuthenticatedClient,
    format_: ExportModelFormat,
) -> File | Problem | None:
    """Export a model (ONNX)

     The trained model as a file to run elsewhere. `onnx`: a graph taking `input`, float32 (rows,
    features) in the model's feature order, with the same preprocessing as predict; a classifier
    answers `probabilities` (columns in class order) and `label`, a regressor `predictions`. The
    file's metadata_props name the model, its features and its classes. A model trained on a raw
    table takes one input per column instead, encoded in the graph; metadata `inputs` describes them.

    Args:
        model_id (str): the resource's id, a UUID
        format_ (ExportModelFormat): the file format: onnx

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File | Problem
    """

    return sync_detailed(
        model_id=model_id,
        client=client,
        format_=format_,
    ).parsed


async def asyncio_detailed(
    model_id: str,
    *,
    client: AuthenticatedClient,
    format_: ExportModelFormat,
) -> Response[File | Problem]:
    """Export a model (ONNX)

     The trained model as a file to run elsewhere. `onnx`: a graph taking `input`, float32 (rows,
    features) in the model's feature order, with the same preprocessing as predict; a classifier
    answers `probabilities` (columns in class order) and `label`, a regressor `predictions`. The
    file's metadata_props name the model, its features and its classes. A model trained on a raw
    table takes one input per column instead, encoded in the graph; metadata `inputs` describes them.

    Args:
        model_id (str): the resource's id, a UUID
        format_ (ExportModelFormat): the file format: onnx

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[File | Problem]
    """

    kwargs = _get_kwargs(
        model_id=model_id,
        format_=format_,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    model_id: str,
    *,
    client: AuthenticatedClient,
    format_: ExportModelFormat,
) -> File | Problem | None:
    """Export a model (ONNX)

     The trained model as a file to run elsewhere. `onnx`: a graph taking `input`, float32 (rows,
    features) in the model's feature order, with the same preprocessing as predict; a classifier
    answers `probabilities` (columns in class order) and `label`, a regressor `predictions`. The
    file's metadata_props name the model, its features and its classes. A model trained on a raw
    table takes one input per column instead, encoded in the graph; metadata `inputs` describes them.

    Args:
        model_id (str): the resource's id, a UUID
        format_ (ExportModelFormat): the file format: onnx

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        File | Problem
    """

    return (
        await asyncio_detailed(
            model_id=model_id,
            client=client,
            format_=format_,
        )
    ).parsed
