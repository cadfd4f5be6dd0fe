from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.alias_create import AliasCreate
from ...models.model_registration import ModelRegistration
from ...models.register_v1_models_model_id_aliases_post_response_401 import (
    RegisterV1ModelsModelIdAliasesPostResponse401,
)
from ...models.register_v1_models_model_id_aliases_post_response_404 import (
    RegisterV1ModelsModelIdAliasesPostResponse404,
)
from ...models.register_v1_models_model_id_aliases_post_response_409 import (
    RegisterV1ModelsModelIdAliasesPostResponse409,
)
from ...models.register_v1_models_model_id_aliases_post_response_415 import (
    RegisterV1ModelsModelIdAliasesPostResponse415,
)
from ...models.register_v1_models_model_id_aliases_post_response_422 import (
    RegisterV1ModelsModelIdAliasesPostResponse422,
)
from ...models.register_v1_models_model_id_aliases_post_response_503 import (
    RegisterV1ModelsModelIdAliasesPostResponse503,
)
from ...types import Response


def _get_kwargs(
    model_id: str,
    *,
    body: AliasCreate,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/models/{model_id}/aliases".format(
            model_id=quote(str(model_id), safe=""),
        ),
    }

    _kwargs["json"] = body.to_dict()

    headers["Content-Type"] = "application/json"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> (
    ModelRegistration
    | RegisterV1ModelsModelIdAliasesPostResponse401
    | RegisterV1ModelsModelIdAliasesPostResponse404
    | RegisterV1ModelsModelIdAliasesPostResponse409
    | RegisterV1ModelsModelIdAliasesPostResponse415
    | RegisterV1ModelsModelIdAliasesPostResponse422
    | RegisterV1ModelsModelIdAliasesPostResponse503
    | None
):
    if response.status_code == 200:
        response_200 = ModelRegistration.from_dict(response.json())

        return response_200

    if response.status_code == 201:
        response_201 = ModelRegistration.from_dict(response.json())

        return response_201

    if response.status_code == 401:
        response_401 = RegisterV1ModelsModelIdAliasesPostResponse401.from_dict(response.json())

        return response_401

    if response.status_code == 404:
        response_404 = RegisterV1ModelsModelIdAliasesPostResponse404.from_dict(response.json())

        return response_404

    if response.status_code == 409:
        response_409 = RegisterV1ModelsModelIdAliasesPostResponse409.from_dict(response.json())

        return response_409

    if response.status_code == 415:
        response_415 = RegisterV1ModelsModelIdAliasesPostResponse415.from_dict(response.json())

        return response_415

    if response.status_code == 422:
        response_422 = RegisterV1ModelsModelIdAliasesPostResponse422.from_dict(response.json())

        return response_422

    if response.status_code == 503:
        response_503 = RegisterV1ModelsModelIdAliasesPostResponse503.from_dict(response.json())

        return response_503

    if client.raise_on_unexpected_status:
        raise errors.UnexpectedStatus(response.status_code, response.content)
    else:
        return None


def _build_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> Response[
    ModelRegistration
    | RegisterV1ModelsModelIdAliasesPostResponse401
    | RegisterV1ModelsModelIdAliasesPostResponse404
    | RegisterV1ModelsModelIdAliasesPostResponse409
    | RegisterV1ModelsModelIdAliasesPostResponse415
    | RegisterV1ModelsModelIdAliasesPostResponse422
    | RegisterV1ModelsModelIdAliasesPostResponse503
]:
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
    body: AliasCreate,
) -> Response[
    ModelRegistration
    | RegisterV1ModelsModelIdAliasesPostResponse401
    | RegisterV1ModelsModelIdAliasesPostResponse404
    | RegisterV1ModelsModelIdAliasesPostResponse409
    | RegisterV1ModelsModelIdAliasesPostResponse415
    | RegisterV1ModelsModelIdAliasesPostResponse422
    | RegisterV1ModelsModelIdAliasesPostResponse503
]:
    """Register a model under a name, and point an alias at it

     Registers the model under `name`, where it gets the name's next version (1, 2, ...; never
    reused), and points `alias` (optional) of that name at it, moving the alias from the version it
    pointed at before. 201 when the model got its version now, 200 when it had it already. A model
    has one name only: registering it under another is a 409. Names are per API key owner.

    Then `POST /v1/models/{name}@{alias}/predict` and `/v1/models/{name}@{version}/predict` predict
    with it, and `GET /v1/models/{name}@{alias}` describes it.

    Args:
        model_id (str): the resource's id, a UUID
        body (AliasCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ModelRegistration | RegisterV1ModelsModelIdAliasesPostResponse401 | RegisterV1ModelsModelIdAliasesPostResponse404 | RegisterV1ModelsModelIdAliasesPostResponse409 | RegisterV1ModelsModelIdAliasesPostResponse415 | RegisterV1ModelsModelIdAliasesPostResponse422 | RegisterV1ModelsModelIdAliasesPostResponse503]
    """

    kwargs = _get_kwargs(
        model_id=model_id,
        body=body,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    model_id: str,
    *,
    client: AuthenticatedClient,
    body: AliasCreate,
) -> (
    ModelRegistration
    | RegisterV1ModelsModelIdAliasesPostResponse401
    | RegisterV1ModelsModelIdAliasesPostResponse404
    | RegisterV1ModelsModelIdAliasesPostResponse409
    | RegisterV1ModelsModelIdAliasesPostResponse415
    | RegisterV1ModelsModelIdAliasesPostResponse422
    | RegisterV1ModelsModelIdAliasesPostResponse503
    | None
):
    """Register a model under a name, and point an alias at it

     Registers the model under `name`, where it gets the name's next version (1, 2, ...; never
    reused), and points `alias` (optional) of that name at it, moving the alias from the version it
    pointed at before. 201 when the model got its version now, 200 when it had it already. A model
    has one name only: registering it under another is a 409. Names are per API key owner.

    Then `POST /v1/models/{name}@{alias}/predict` and `/v1/models/{name}@{version}/predict` predict
    with it, and `GET /v1/models/{name}@{alias}` describes it.

    Args:
        model_id (str): the resource's id, a UUID
        body (AliasCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ModelRegistration | RegisterV1ModelsModelIdAliasesPostResponse401 | RegisterV1ModelsModelIdAliasesPostResponse404 | RegisterV1ModelsModelIdAliasesPostResponse409 | RegisterV1ModelsModelIdAliasesPostResponse415 | RegisterV1ModelsModelIdAliasesPostResponse422 | RegisterV1ModelsModelIdAliasesPostResponse503
    """

    return sync_detailed(
        model_id=model_id,
        client=client,
        body=body,
    ).parsed


async def asyncio_detailed(
    model_id: str,
    *,
    client: AuthenticatedClient,
    body: AliasCreate,
) -> Response[
    ModelRegistration
    | RegisterV1ModelsModelIdAliasesPostResponse401
    | RegisterV1ModelsModelIdAliasesPostResponse404
    | RegisterV1ModelsModelIdAliasesPostResponse409
    | RegisterV1ModelsModelIdAliasesPostResponse415
    | RegisterV1ModelsModelIdAliasesPostResponse422
    | RegisterV1ModelsModelIdAliasesPostResponse503
]:
    """Register a model under a name, and point an alias at it

     Registers the model under `name`, where it gets the name's next version (1, 2, ...; never
    reused), and points `alias` (optional) of that name at it, moving the alias from the version it
    pointed at before. 201 when the model got its version now, 200 when it had it already. A model
    has one name only: registering it under another is a 409. Names are per API key owner.

    Then `POST /v1/models/{name}@{alias}/predict` and `/v1/models/{name}@{version}/predict` predict
    with it, and `GET /v1/models/{name}@{alias}` describes it.

    Args:
        model_id (str): the resource's id, a UUID
        body (AliasCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[ModelRegistration | RegisterV1ModelsModelIdAliasesPostResponse401 | RegisterV1ModelsModelIdAliasesPostResponse404 | RegisterV1ModelsModelIdAliasesPostResponse409 | RegisterV1ModelsModelIdAliasesPostResponse415 | RegisterV1ModelsModelIdAliasesPostResponse422 | RegisterV1ModelsModelIdAliasesPostResponse503]
    """

    kwargs = _get_kwargs(
        model_id=model_id,
        body=body,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    model_id: str,
    *,
    client: AuthenticatedClient,
    body: AliasCreate,
) -> (
    ModelRegistration
    | RegisterV1ModelsModelIdAliasesPostResponse401
    | RegisterV1ModelsModelIdAliasesPostResponse404
    | RegisterV1ModelsModelIdAliasesPostResponse409
    | RegisterV1ModelsModelIdAliasesPostResponse415
    | RegisterV1ModelsModelIdAliasesPostResponse422
    | RegisterV1ModelsModelIdAliasesPostResponse503
    | None
):
    """Register a model under a name, and point an alias at it

     Registers the model under `name`, where it gets the name's next version (1, 2, ...; never
    reused), and points `alias` (optional) of that name at it, moving the alias from the version it
    pointed at before. 201 when the model got its version now, 200 when it had it already. A model
    has one name only: registering it under another is a 409. Names are per API key owner.

    Then `POST /v1/models/{name}@{alias}/predict` and `/v1/models/{name}@{version}/predict` predict
    with it, and `GET /v1/models/{name}@{alias}` describes it.

    Args:
        model_id (str): the resource's id, a UUID
        body (AliasCreate):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        ModelRegistration | RegisterV1ModelsModelIdAliasesPostResponse401 | RegisterV1ModelsModelIdAliasesPostResponse404 | RegisterV1ModelsModelIdAliasesPostResponse409 | RegisterV1ModelsModelIdAliasesPostResponse415 | RegisterV1ModelsModelIdAliasesPostResponse422 | RegisterV1ModelsModelIdAliasesPostResponse503
    """

    return (
        await asyncio_detailed(
            model_id=model_id,
            client=client,
            body=body,
        )
    ).parsed
