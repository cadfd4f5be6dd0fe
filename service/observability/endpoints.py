"""GET /metrics for Prometheus (see service/observability/metrics.py for what it holds)."""

from fastapi import APIRouter, Request, Response
from fastapi.concurrency import run_in_threadpool
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest

router = APIRouter(tags=["health"])


@router.get(
    "/metrics",
    summary="Prometheus metrics",
    response_class=Response,
    responses={200: {"content": {CONTENT_TYPE_LATEST.split(";")[0]: {"schema": {"type": "string"}}}}},
)
async def get_metrics(request: Request):
    """Jobs by status, the queue, training time and epochs, workers and their heartbeat age (read
    from the database), and this process's requests per route, prediction latency and rows, and
    uploads. Open like /healthz: it names no tenant's data."""
    body = await run_in_threadpool(generate_latest, request.app.state.metrics.registry)
    return Response(body, media_type=CONTENT_TYPE_LATEST)
