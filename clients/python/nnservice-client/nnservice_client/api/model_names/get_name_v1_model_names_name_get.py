from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.get_name_v1_model_names_name_get_response_401 import GetNameV1ModelNamesNameGetResponse401
from ...models.get_name_v1_model_names_name_get_response_404 import GetNameV1ModelNamesNameGetResponse404
from ...models.get_name_v1_model_names_name_get_response_503 import GetNameV1ModelNamesNameGetResponse503
from ...models.http_validation_error import HTTPValidationError
from ...models.model_name_read import ModelNameRead
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
) -> (
    GetNameV1ModelNamesNameGetResponse401
    | GetNameV1ModelNamesNameGetResponse404
    | GetNameV1ModelNamesNameGetResponse503
    | HTTPValidationError
    | ModelNameRead
    | None
):
    if response.status_code == 200:
        response_200 = ModelNameRead.from_dict(response.json())

        return response_200

    if response.status_code == 401:
        response_401 = GetNameV1ModelNamesNameGetResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = GetNameV1ModelNamesNameGetResponse404.from_dict(response.json())

        return response_404

    if response.status_code == 422:
        response_422 = HTTPValidationError.from_dict(response.json())

        return response_422

    if response.status_code == 503:
        response_503 = GetNameV1ModelNamesNameGetResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    GetNameV1ModelNamesNameGetResponse401
    | GetNameV1ModelNamesNameGetResponse404
    | GetNameV1ModelNamesNameGetResponse503
    | HTTPValidationError
    | ModelNameRead
]:
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
) -> Response[
    GetNameV1ModelNamesNameGetResponse401
    | GetNameV1ModelNamesNameGetResponse404
    | GetNameV1ModelNamesNameGetResponse503
    | HTTPValidationError
    | ModelNameRead
]:
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
        Response[GetNameV1ModelNamesNameGetResponse401 | GetNameV1ModelNamesNameGetResponse404 | GetNameV1ModelNamesNameGetResponse503 | HTTPValidationError | ModelNameRead]
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
) -> (
    GetNameV1ModelNamesNameGetResponse401
    | GetNameV1ModelNamesNameGetResponse404
    | GetNameV1ModelNamesNameGetResponse503
    | HTTPValidationError
    | ModelNameRead
    | None
):
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
        GetNameV1ModelNamesNameGetResponse401 | GetNameV1ModelNamesNameGetResponse404 | GetNameV1ModelNamesNameGetResponse503 | HTTPValidationError | ModelNameRead
    """

    return sync_detailed(
        name=name,
        client=client,
    ).parsed


async def asyncio_detailed(
    name: str,
    *,
    client: AuthenticatedClient,
) -> Response[
    GetNameV1ModelNamesNameGetResponse401
    | GetNameV1ModelNamesNameGetResponse404
    | GetNameV1ModelNamesNameGetResponse503
    | HTTPValidationError
    | ModelNameRead
]:
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
        Response[GetNameV1ModelNamesNameGetResponse401 | GetNameV1ModelNamesNameGetResponse404 | GetNameV1ModelNamesNameGetResponse503 | HTTPValidationError | ModelNameRead]
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
) -> (
    GetNameV1ModelNamesNameGetResponse401
    | GetNameV1ModelNamesNameGetResponse404
    | GetNameV1ModelNamesNameGetResponse503
    | HTTPValidationError
    | ModelNameRead
    | None
):
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
        GetNameV1ModelNamesNameGetResponse401 | GetNameV1ModelNamesNameGetResponse404 | GetNameV1ModelNamesNameGetResponse503 | HTTPValidationError | ModelNameRead
    """

    return (
        await asyncio_detailed(
            name=name,
            client=client,
        )
    ).parsed
