"""The app factory: builds the FastAPI app and mounts the routers. Nothing else lives here."""

from contextlib import asynccontextmanager
from functools import partial

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from pydantic import BaseModel

from service import __version__
from service.api import health, problems
from service.api.auth import KeyCache
from service.api.body_limit import BodyLimit
from service.api.observe import Observe
from service.api.problems import PROBLEM_SCHEMA
from service.core.config import Settings, get_settings
from service.core.db import Database, database_from_settings
from service.datasets import endpoints as datasets
from service.jobs import endpoints as jobs
from service.jobs.events import Feeds
from service.models import endpoints as models
from service.models import names_endpoints as model_names
from service.models.service import ModelCache
from service.observability import endpoints as metrics
from service.observability.dashboard import endpoints as dashboard
from service.observability.metrics import ServiceMetrics
from service.sweeps import endpoints as sweeps


def create_app(settings: Settings | None = None, database: Database | None = None) -> FastAPI:
    settings = settings or get_settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI):
        yield
        if database is None:  # we made it, we close it
            app.state.db.dispose()

    app = FastAPI(
        title="nnservice",
        version=__version__,
        summary="Train feed-forward neural networks over HTTP, and serve their predictions.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.db = database or database_from_settings(settings)
    app.state.model_cache = ModelCache(app.state.db, size=settings.model_cache_size)
    app.state.key_cache = KeyCache()
    app.state.feeds = Feeds(app.state.db, settings.events_poll_seconds)
    app.state.metrics = ServiceMetrics(app.state.db)
    problems.install(app)
    app.add_middleware(BodyLimit, settings=settings)
    app.add_middleware(Observe, metrics=app.state.metrics)  # the outermost: it sees every answer, 413s included
    for router in (datasets.router, jobs.router, sweeps.router, models.router, model_names.router):
        # every /v1 route needs a key, and answers 503 while the database is unreachable
        app.include_router(router, responses={401: PROBLEM_SCHEMA, 503: PROBLEM_SCHEMA})
    app.include_router(health.router)
    app.include_router(metrics.router)
    app.include_router(dashboard.router)
    app.mount("/dashboard", StaticFiles(directory=dashboard.FILES, html=True), name="dashboard")
    app.openapi = partial(openapi_with_schemas, app, models.SCHEMAS_READ_BY_HAND)  # type: ignore[method-assign]  # FastAPI's documented override
    return app


def openapi_with_schemas(app: FastAPI, extra: tuple[type[BaseModel], ...]) -> dict:
    """FastAPI's document, plus the schemas of bodies that a route reads by hand (it sees no model)."""
    if app.openapi_schema is None:
        document = FastAPI.openapi(app)
        schemas = document["components"]["schemas"]
        for model in extra:
            schema = model.model_json_schema(ref_template="#/components/schemas/{model}")
            schemas.update(schema.pop("$defs", {}))  # the models it nests, where its references point
            schemas[model.__name__] = schema
    assert app.openapi_schema is not None  # FastAPI.openapi stores its document there
    return app.openapi_schema
