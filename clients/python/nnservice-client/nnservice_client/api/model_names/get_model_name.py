from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.model_name_read import ModelNameRead
from ...models.problem import Problem
from ...types import Response


def _get_kwargs(
    name: str,
) -> dict[str, Any]:

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/model-names/{name}".format(
            name=quote(str(name), safe=""),
        ),
    }

    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> ModelNameRead | Problem | None:
    if response.status_code == 200:
        response_200 = ModelNameRead.from_dict(response.json())

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
) -> Response[ModelNameRead | Problem]:
    return Response(
        status_code=HTTPStatus(response.status_code),
        content=response.content,
        headers=response.headers,
        parsed=_parse_response(client=client, response=response),
    )


def sync_detailed(
    name: str,
    *,
    client: AuthenticatedClient,
) -> Response[ModelNameRead | Problem]:
    """Get a model name: its versions and aliases

     Every version of the name, newest first, with its model id, its aliases, its single-number
    test metrics and when it was registered; and each alias with the version it points at. A
    version whose model was deleted is gone from the list, and its number is not given again.
    Names are looked up among the API key owner's own (an admin key's too).

    Args:
        name (str): a model name

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ModelNameRead | Problem]
    """

    kwargs = _get_kwargs(
        name=name,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    name: str,
    *,
    client: AuthenticatedClient,
) -> ModelNameRead | Problem | None:
    """Get a model name: its versions and aliases

     Every version of the name, newest first, with its model id, its aliases, its single-number
    test metrics and when it was registered; and each alias with the version it points at. A
    version whose model was deleted is gone from the list, and its number is not given again.
    Names are looked up among the API key owner's own (an admin key's too).

    Args:
        name (str): a model name

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ModelNameRead | Problem
    """

    return sync_detailed(
        name=name,
        client=client,
    ).parsed


async def asyncio_detailed(
    name: str,
    *,
    client: AuthenticatedClient,
) -> Response[ModelNameRead | Problem]:
    """Get a model name: its versions and aliases

     Every version of the name, newest first, with its model id, its aliases, its single-number
    test metrics and when it was registered; and each alias with the version it points at. A
    version whose model was deleted is gone from the list, and its number is not given again.
    Names are looked up among the API key owner's own (an admin key's too).

    Args:
        name (str): a model name

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ModelNameRead | Problem]
    """

    kwargs = _get_kwargs(
        name=name,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    name: str,
    *,
    client: AuthenticatedClient,
) -> ModelNameRead | Problem | None:
    """Get a model name: its versions and aliases

     Every version of the name, newest first, with its model id, its aliases, its single-number
    test metrics and when it was registered; and each alias with the version it points at. A
    version whose model was deleted is gone from the list, and its number is not given again.
    Names are looked up among the API key owner's own (an admin key's too).

    Args:
        name (str): a model name

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ModelNameRead | Problem
    """

    return (
        await asyncio_detailed(
            name=name,
            client=client,
        )
    ).parsed
