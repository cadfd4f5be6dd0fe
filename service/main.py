"""The app factory: builds the FastAPI app and mounts the routers. Nothing else lives here."""

from contextlib import asynccontextmanager
from functools import partial

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles

from service import __version__
from service.api import health, openapi, problems
from service.api.auth import KeyCache
from service.api.body_limit import BodyLimit
from service.api.observe import Observe
from service.api.problems import error_responses
from service.core.config import Settings, get_settings
from service.core.db import Database, database_from_settings
from service.core.readiness import ReadinessCheck
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
        app.state.readiness.close()
        if database is None:  # we made it, we close it
            app.state.db.dispose()

    app = FastAPI(
        title="nnservice",
        version=__version__,
        summary="Train feed-forward neural networks over HTTP, and serve their predictions.",
        lifespan=lifespan,
        servers=openapi.SERVERS,
        openapi_tags=openapi.TAGS,
        generate_unique_id_function=openapi.operation_id,
    )
    app.state.settings = settings
    app.state.db = database or database_from_settings(settings)
    app.state.readiness = ReadinessCheck(app.state.db)
    app.state.model_cache = ModelCache(app.state.db, size=settings.model_cache_size)
    app.state.key_cache = KeyCache()
    app.state.feeds = Feeds(app.state.db, settings.events_poll_seconds)
    app.state.metrics = ServiceMetrics(app.state.db)
    problems.install(app)
    app.add_middleware(BodyLimit, settings=settings)
    app.add_middleware(Observe, metrics=app.state.metrics)  # the outermost: it sees every answer, 413s included
    for router in (datasets.router, jobs.router, sweeps.router, models.router, model_names.router):
        # every /v1 route needs a key of a scope (api/auth.py), and answers 503 while the database is unreachable
        app.include_router(router, responses=error_responses(401, 403, 503))
    app.include_router(health.router)
    app.include_router(metrics.router)
    app.include_router(problems.router)
    app.include_router(dashboard.router)
    app.mount("/dashboard", StaticFiles(directory=dashboard.FILES, html=True), name="dashboard")
    app.openapi = partial(openapi.document, app, datasets.SCHEMAS_READ_BY_HAND + models.SCHEMAS_READ_BY_HAND)  # type: ignore[method-assign]  # FastAPI's documented override
    return app
