"""Named models: register a model under a name and point an alias at it
(/v1/models/{id}/aliases), and read a name's versions and aliases (/v1/model-names/{name}).
The models themselves are then reachable as `name@alias` and `name@version` (see models.py)."""

from fastapi import APIRouter, Response, status

from service.api.auth import PredictCallerDep, WriteCallerDep
from service.api.deps import JSON_BODY, AliasPath, DatabaseDep, NamePath, ResourceId
from service.api.json_body import JSONBodyRoute
from service.api.problems import error_responses
from service.models import names as model_names
from service.models.schemas import AliasCreate, ModelNameRead, ModelRegistration, ModelVersionRead

router = APIRouter(tags=["model names"], route_class=JSONBodyRoute)


def registration_read(registration: model_names.Registration) -> ModelRegistration:
    return ModelRegistration(
        model_id=registration.model_id,
        name=registration.name,
        version=registration.version,
        aliases=registration.aliases,
    )


def metrics_summary(metrics: dict) -> dict:
    """The single-number metrics (accuracy, log_loss; mse, r2) and the split they were measured on."""
    return {
        k: v for k, v in metrics.items() if k == "split" or (isinstance(v, int | float) and not isinstance(v, bool))
    }


@router.post(
    "/v1/models/{model_id}/aliases",
    response_model=ModelRegistration,
    status_code=status.HTTP_201_CREATED,
    summary="Register a model under a name, and point an alias at it",
    dependencies=[JSON_BODY],
    responses={
        200: {"model": ModelRegistration, "description": "The model was registered under the name already"},
        201: {"description": "The model got the name's next version"},
        **error_responses(400, 404, 409, 413, 415, 422, e409="the model is registered under another name"),
    },
)
def register_model_name(
    model_id: ResourceId, body: AliasCreate, caller: WriteCallerDep, db: DatabaseDep, response: Response
):
    """Registers the model under `name`, where it gets the name's next version (1, 2, ...; never
    reused), and points `alias` (optional) of that name at it, moving the alias from the version it
    pointed at before. 201 when the model got its version now, 200 when it had it already. A model
    has one name only: registering it under another is a 409. Names are per API key owner.

    Then `POST /v1/models/{name}@{alias}/predict` and `/v1/models/{name}@{version}/predict` predict
    with it, and `GET /v1/models/{name}@{alias}` describes it."""
    registration, created = model_names.register(
        db, model_id=model_id, name=body.name, alias=body.alias, owner=caller.sees
    )
    response.status_code = status.HTTP_201_CREATED if created else status.HTTP_200_OK
    return registration_read(registration)


@router.delete(
    "/v1/models/{model_id}/aliases/{alias}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove an alias",
    responses=error_responses(404),
)
def remove_model_alias(model_id: ResourceId, alias: AliasPath, caller: WriteCallerDep, db: DatabaseDep) -> Response:
    """Removes the alias of the model's name, if it points at this model (404 if not). The model
    keeps its name and version."""
    model_names.remove_alias(db, model_id=model_id, alias=alias, owner=caller.sees)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.get(
    "/v1/model-names/{name}",
    response_model=ModelNameRead,
    summary="Get a model name: its versions and aliases",
    responses=error_responses(404),
)
def get_model_name(name: NamePath, caller: PredictCallerDep, db: DatabaseDep):
    """Every version of the name, newest first, with its model id, its aliases, its single-number
    test metrics and when it was registered; and each alias with the version it points at. A
    version whose model was deleted is gone from the list, and its number is not given again.
    Names are looked up among the API key owner's own (an admin key's too)."""
    detail = model_names.get_or_raise(db, name=name, owner=caller.owner)
    return ModelNameRead(
        name=detail.name,
        created_at=detail.created_at,
        aliases=detail.aliases,
        versions=[
            ModelVersionRead(
                model_id=v.registration.model_id,
                version=v.registration.version,
                aliases=v.registration.aliases,
                task=v.task,
                metrics=metrics_summary(v.metrics),
                created_at=v.created_at,
            )
            for v in detail.versions
        ],
    )
