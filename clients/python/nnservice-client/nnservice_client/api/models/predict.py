from http import HTTPStatus
from typing import Any
from urllib.parse import quote

import httpx

from ... import errors
from ...client import AuthenticatedClient, Client
from ...models.predict_by_dataframe_records import PredictByDataframeRecords
from ...models.predict_by_dataframe_split import PredictByDataframeSplit
from ...models.predict_by_inputs import PredictByInputs
from ...models.predict_by_instances import PredictByInstances
from ...models.predict_by_records import PredictByRecords
from ...models.predict_response import PredictResponse
from ...models.problem import Problem
from ...types import File, Response


def _get_kwargs(
    model_id: str,
    *,
    body: PredictByDataframeRecords
    | PredictByDataframeSplit
    | PredictByInputs
    | PredictByInstances
    | PredictByRecords
    | str
    | File,
) -> dict[str, Any]:
    headers: dict[str, Any] = {}

    _kwargs: dict[str, Any] = {
        "method": "post",
        "url": "/v1/models/{model_id}/predict".format(
            model_id=quote(str(model_id), safe=""),
        ),
    }

    if isinstance(
        body,
        (PredictByInstances, PredictByRecords, PredictByDataframeSplit, PredictByDataframeRecords, PredictByInputs),
    ):
        if isinstance(body, PredictByInstances):
            _kwargs["json"] = body.to_dict()
        elif isinstance(body, PredictByRecords):
            _kwargs["json"] = body.to_dict()
        elif isinstance(body, PredictByDataframeSplit):
            _kwargs["json"] = body.to_dict()
        elif isinstance(body, PredictByDataframeRecords):
            _kwargs["json"] = body.to_dict()
        else:
            _kwargs["json"] = body.to_dict()

        headers["Content-Type"] = "application/json"
    if isinstance(body, str):
        _kwargs["content"] = body
        headers["Content-Type"] = "text/csv"
    if isinstance(body, File):
        _kwargs["content"] = body.payload
        headers["Content-Type"] = "application/x-npy"

    _kwargs["headers"] = headers
    return _kwargs


def _parse_response(
    *, client: AuthenticatedClient | Client, response: httpx.Response
) -> PredictResponse | Problem | None:
    if response.status_code == 200:
        response_200 = PredictResponse.from_dict(response.json())

        return response_200

    if response.status_code == 400:
        response_400 = Problem.from_dict(response.json())

        return response_400

    if response.status_code == 401:
        response_401 = Problem.from_dict(response.json())

        return response_401

    if response.status_code == 403:
        response_403 = Problem.from_dict(response.json())

        return response_403

    if response.status_code == 404:
        response_404 = Problem.from_dict(response.json())

        return response_404

    if response.status_code == 413:
        response_413 = Problem.from_dict(response.json())

        return response_413

    if response.status_code == 415:
        response_415 = Problem.from_dict(response.json())

        return response_415

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
) -> Response[PredictResponse | Problem]:
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
    body: PredictByDataframeRecords
    | PredictByDataframeSplit
    | PredictByInputs
    | PredictByInstances
    | PredictByRecords
    | str
    | File,
) -> Response[PredictResponse | Problem]:
    """Predict

     Send `instances` (rows of numbers in the model's feature order) or `records` (objects keyed
    by feature name), at most NNSERVICE_MAX_PREDICTION_ROWS rows. MLflow's scoring bodies are
    taken too, as `mlflow models serve` takes them: `dataframe_split`, `dataframe_records`,
    `inputs`, `instances` of objects, MLflow 1's `application/json; format=pandas-split` (or
    `pandas-records`), and `text/csv` with a header row; columns by name in any order, others
    besides ignored. Or, for many rows, send the matrix as `application/x-npy` (`numpy.save` of a
    (rows, features) array): read without parsing text. Classifiers answer labels as in the
    training data (e.g. "M") with each class's probability; regressors answer numbers. Name the
    model by id, or as `name@alias` (`cancer@production`: the version the alias points at now) or
    `name@version` (`cancer@3`); the answer's `model_id` says which model answered.

    Args:
        model_id (str): the model's id (a UUID), or name@alias (cancer@production), or
            name@version (cancer@3)
        body (PredictByDataframeRecords | PredictByDataframeSplit | PredictByInputs |
            PredictByInstances | PredictByRecords): Exactly one of `instances`, `records`, or MLflow's
            `dataframe_split`, `dataframe_records` and
            `inputs`, with at most NNSERVICE_MAX_PREDICTION_ROWS rows: predict's JSON body as the
            document
            states it (PredictRequest checks it, with messages that say which keys were sent).
        body (str):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PredictResponse | Problem]
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
    body: PredictByDataframeRecords
    | PredictByDataframeSplit
    | PredictByInputs
    | PredictByInstances
    | PredictByRecords
    | str
    | File,
) -> PredictResponse | Problem | None:
    """Predict

     Send `instances` (rows of numbers in the model's feature order) or `records` (objects keyed
    by feature name), at most NNSERVICE_MAX_PREDICTION_ROWS rows. MLflow's scoring bodies are
    taken too, as `mlflow models serve` takes them: `dataframe_split`, `dataframe_records`,
    `inputs`, `instances` of objects, MLflow 1's `application/json; format=pandas-split` (or
    `pandas-records`), and `text/csv` with a header row; columns by name in any order, others
    besides ignored. Or, for many rows, send the matrix as `application/x-npy` (`numpy.save` of a
    (rows, features) array): read without parsing text. Classifiers answer labels as in the
    training data (e.g. "M") with each class's probability; regressors answer numbers. Name the
    model by id, or as `name@alias` (`cancer@production`: the version the alias points at now) or
    `name@version` (`cancer@3`); the answer's `model_id` says which model answered.

    Args:
        model_id (str): the model's id (a UUID), or name@alias (cancer@production), or
            name@version (cancer@3)
        body (PredictByDataframeRecords | PredictByDataframeSplit | PredictByInputs |
            PredictByInstances | PredictByRecords): Exactly one of `instances`, `records`, or MLflow's
            `dataframe_split`, `dataframe_records` and
            `inputs`, with at most NNSERVICE_MAX_PREDICTION_ROWS rows: predict's JSON body as the
            document
            states it (PredictRequest checks it, with messages that say which keys were sent).
        body (str):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PredictResponse | Problem
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
    body: PredictByDataframeRecords
    | PredictByDataframeSplit
    | PredictByInputs
    | PredictByInstances
    | PredictByRecords
    | str
    | File,
) -> Response[PredictResponse | Problem]:
    """Predict

     Send `instances` (rows of numbers in the model's feature order) or `records` (objects keyed
    by feature name), at most NNSERVICE_MAX_PREDICTION_ROWS rows. MLflow's scoring bodies are
    taken too, as `mlflow models serve` takes them: `dataframe_split`, `dataframe_records`,
    `inputs`, `instances` of objects, MLflow 1's `application/json; format=pandas-split` (or
    `pandas-records`), and `text/csv` with a header row; columns by name in any order, others
    besides ignored. Or, for many rows, send the matrix as `application/x-npy` (`numpy.save` of a
    (rows, features) array): read without parsing text. Classifiers answer labels as in the
    training data (e.g. "M") with each class's probability; regressors answer numbers. Name the
    model by id, or as `name@alias` (`cancer@production`: the version the alias points at now) or
    `name@version` (`cancer@3`); the answer's `model_id` says which model answered.

    Args:
        model_id (str): the model's id (a UUID), or name@alias (cancer@production), or
            name@version (cancer@3)
        body (PredictByDataframeRecords | PredictByDataframeSplit | PredictByInputs |
            PredictByInstances | PredictByRecords): Exactly one of `instances`, `records`, or MLflow's
            `dataframe_split`, `dataframe_records` and
            `inputs`, with at most NNSERVICE_MAX_PREDICTION_ROWS rows: predict's JSON body as the
            document
            states it (PredictRequest checks it, with messages that say which keys were sent).
        body (str):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        Response[PredictResponse | Problem]
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
    body: PredictByDataframeRecords
    | PredictByDataframeSplit
    | PredictByInputs
    | PredictByInstances
    | PredictByRecords
    | str
    | File,
) -> PredictResponse | Problem | None:
    """Predict

     Send `instances` (rows of numbers in the model's feature order) or `records` (objects keyed
    by feature name), at most NNSERVICE_MAX_PREDICTION_ROWS rows. MLflow's scoring bodies are
    taken too, as `mlflow models serve` takes them: `dataframe_split`, `dataframe_records`,
    `inputs`, `instances` of objects, MLflow 1's `application/json; format=pandas-split` (or
    `pandas-records`), and `text/csv` with a header row; columns by name in any order, others
    besides ignored. Or, for many rows, send the matrix as `application/x-npy` (`numpy.save` of a
    (rows, features) array): read without parsing text. Classifiers answer labels as in the
    training data (e.g. "M") with each class's probability; regressors answer numbers. Name the
    model by id, or as `name@alias` (`cancer@production`: the version the alias points at now) or
    `name@version` (`cancer@3`); the answer's `model_id` says which model answered.

    Args:
        model_id (str): the model's id (a UUID), or name@alias (cancer@production), or
            name@version (cancer@3)
        body (PredictByDataframeRecords | PredictByDataframeSplit | PredictByInputs |
            PredictByInstances | PredictByRecords): Exactly one of `instances`, `records`, or MLflow's
            `dataframe_split`, `dataframe_records` and
            `inputs`, with at most NNSERVICE_MAX_PREDICTION_ROWS rows: predict's JSON body as the
            document
            states it (PredictRequest checks it, with messages that say which keys were sent).
        body (str):
        body (File):

    Raises:
        errors.UnexpectedStatus: If the server returns an undocumented status code and Client.raise_on_unexpected_status is True.
        httpx.TimeoutException: If the request takes longer than Client.timeout.

    Returns:
        PredictResponse | Problem
    """

    return (
        await asyncio_detailed(
            model_id=model_id,
            client=client,
            body=body,
        )
    ).parsed
