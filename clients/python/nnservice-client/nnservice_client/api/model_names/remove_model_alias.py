from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    model_id: str,
    alias: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "delete",
        "url": "/v1/models/{model_id}/aliases/{alias}".format(
            model_id=quote(str(model_id), safe=""),
            alias=quote(str(alias), safe=""),
        ),
    }

    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Problem | None:
    if response.status_code == 204:
        response_204 = cast(Any, None)
        return response_204

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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    model_id: str,
    alias: str,
    *,
    client: AuthenticatedClient,
) -> Response[Any | Problem]:
    """Remove an alias

     Removes the alias of the model's name, if it points at this model (404 if not). The model
    keeps its name and version.

    Args:
        model_id (str): the resource's id, a UUID
        alias (str): an alias of the model's name

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        model_id=model_id,
        alias=alias,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    model_id: str,
    alias: str,
    *,
    client: AuthenticatedClient,
) -> Any | Problem | None:
    """Remove an alias

     Removes the alias of the model's name, if it points at this model (404 if not). The model
    keeps its name and version.

    Args:
        model_id (str): the resource's id, a UUID
        alias (str): an alias of the model's name

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return sync_detailed(
        model_id=model_id,
        alias=alias,
        client=client,
    ).parsed


async def asyncio_detailed(
    model_id: str,
    alias: str,
    *,
    client: AuthenticatedClient,
) -> Response[Any | Problem]:
    """Remove an alias

     Removes the alias of the model's name, if it points at this model (404 if not). The model
    keeps its name and version.

    Args:
        model_id (str): the resource's id, a UUID
        alias (str): an alias of the model's name

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        model_id=model_id,
        alias=alias,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    model_id: str,
    alias: str,
    *,
    client: AuthenticatedClient,
) -> Any | Problem | None:
    """Remove an alias

     Removes the alias of the model's name, if it points at this model (404 if not). The model
    keeps its name and version.

    Args:
        model_id (str): the resource's id, a UUID
        alias (str): an alias of the model's name

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return (
        await asyncio_detailed(
            model_id=model_id,
            alias=alias,
            client=client,
        )
    ).parsed
