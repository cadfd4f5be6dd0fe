from http import HTTPStatus
from typing import Any, cast
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.problem import Problem
from ...types import UNSET, Response, Unset


def _get_kwargs(
    job_id: str,
    *,
    access_token: None | str | Unset = UNSET,
    last_event_id: None | str | Unset = UNSET,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}
    if not isinstance(last_event_id, Unset):
        headers["Last-Event-ID"] = last_event_id

    params: dict[str, Any] = {}

    json_access_token: None | str | Unset
    if isinstance(access_token, Unset):
        json_access_token = UNSET
    else:
        json_access_token = access_token
    params["access_token"] = json_access_token

    params = {k: v for k, v in params.items() if v is not UNSET and v is not None}

    _kwargs: dict[str, Any] = {
        "method": "get",
        "url": "/v1/jobs/{job_id}/events".format(
            job_id=quote(str(job_id), safe=""),
        ),
        "params": params,
    }

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Any | Problem | None:
    if response.status_code == 200:
        response_200 = cast(Any, None)
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


def _build_response(*, client: AuthenticatedClient | Client, response: httpx.Response) -> Response[Any | Problem]:
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
    access_token: None | str | Unset = UNSET,
    last_event_id: None | str | Unset = UNSET,
) -> Response[Any | Problem]:
    """Follow a job's progress (Server-Sent Events)

     A `progress` event per flushed batch of epochs (`id` is `attempt.epoch`, its data the
    epochs with their training and validation cost), a `status` event when the job starts or is
    handed back, and a last `end` event with the status and the model id; then the stream ends.
    Follow it with `curl -N` or a browser's `EventSource` (which cannot send headers: give it the key
    as `?access_token=`); a reconnection resumes after `Last-Event-ID`.

    Args:
        job_id (str): the resource's id, a UUID
        access_token (None | str | Unset): the API key, for a client that cannot send headers (a
            browser's EventSource), as RFC 6750 section 2.3 allows; prefer the header where you can,
            since addresses end up in proxies' logs
        last_event_id (None | str | Unset): resume after this event (EventSource sends it when it
            reconnects)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        job_id=job_id,
        access_token=access_token,
        last_event_id=last_event_id,
    )

    response = client.get_httpx_client().request(
        **kwargs,
    )

    return _build_response(client=client, response=response)


def sync(
    job_id: str,
    *,
    client: AuthenticatedClient,
    access_token: None | str | Unset = UNSET,
    last_event_id: None | str | Unset = UNSET,
) -> Any | Problem | None:
    """Follow a job's progress (Server-Sent Events)

     A `progress` event per flushed batch of epochs (`id` is `attempt.epoch`, its data the
    epochs with their training and validation cost), a `status` event when the job starts or is
    handed back, and a last `end` event with the status and the model id; then the stream ends.
    Follow it with `curl -N` or a browser's `EventSource` (which cannot send headers: give it the key
    as `?access_token=`); a reconnection resumes after `Last-Event-ID`.

    Args:
        job_id (str): the resource's id, a UUID
        access_token (None | str | Unset): the API key, for a client that cannot send headers (a
            browser's EventSource), as RFC 6750 section 2.3 allows; prefer the header where you can,
            since addresses end up in proxies' logs
        last_event_id (None | str | Unset): resume after this event (EventSource sends it when it
            reconnects)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return sync_detailed(
        job_id=job_id,
        client=client,
        access_token=access_token,
        last_event_id=last_event_id,
    ).parsed


async def asyncio_detailed(
    job_id: str,
    *,
    client: AuthenticatedClient,
    access_token: None | str | Unset = UNSET,
    last_event_id: None | str | Unset = UNSET,
) -> Response[Any | Problem]:
    """Follow a job's progress (Server-Sent Events)

     A `progress` event per flushed batch of epochs (`id` is `attempt.epoch`, its data the
    epochs with their training and validation cost), a `status` event when the job starts or is
    handed back, and a last `end` event with the status and the model id; then the stream ends.
    Follow it with `curl -N` or a browser's `EventSource` (which cannot send headers: give it the key
    as `?access_token=`); a reconnection resumes after `Last-Event-ID`.

    Args:
        job_id (str): the resource's id, a UUID
        access_token (None | str | Unset): the API key, for a client that cannot send headers (a
            browser's EventSource), as RFC 6750 section 2.3 allows; prefer the header where you can,
            since addresses end up in proxies' logs
        last_event_id (None | str | Unset): resume after this event (EventSource sends it when it
            reconnects)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[Any | Problem]
    """

    kwargs = _get_kwargs(
        job_id=job_id,
        access_token=access_token,
        last_event_id=last_event_id,
    )

    response = await client.get_async_httpx_client().request(**kwargs)

    return _build_response(client=client, response=response)


async def asyncio(
    job_id: str,
    *,
    client: AuthenticatedClient,
    access_token: None | str | Unset = UNSET,
    last_event_id: None | str | Unset = UNSET,
) -> Any | Problem | None:
    """Follow a job's progress (Server-Sent Events)

     A `progress` event per flushed batch of epochs (`id` is `attempt.epoch`, its data the
    epochs with their training and validation cost), a `status` event when the job starts or is
    handed back, and a last `end` event with the status and the model id; then the stream ends.
    Follow it with `curl -N` or a browser's `EventSource` (which cannot send headers: give it the key
    as `?access_token=`); a reconnection resumes after `Last-Event-ID`.

    Args:
        job_id (str): the resource's id, a UUID
        access_token (None | str | Unset): the API key, for a client that cannot send headers (a
            browser's EventSource), as RFC 6750 section 2.3 allows; prefer the header where you can,
            since addresses end up in proxies' logs
        last_event_id (None | str | Unset): resume after this event (EventSource sends it when it
            reconnects)

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Any | Problem
    """

    return (
        await asyncio_detailed(
            job_id=job_id,
            client=client,
            access_token=access_token,
            last_event_id=last_event_id,
        )
    ).parsed
