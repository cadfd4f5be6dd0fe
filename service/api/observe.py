"""Every request: an id (the client's `X-Request-ID` if it sent a sane one, else a new one) set
for the logs and answered in `X-Request-ID`; its count and duration by route template in
/metrics; and one access-log line. Pure ASGI, so the prediction hot path pays little for it."""

import logging
import re
import time
import uuid

from service.observability import logs
from service.observability.metrics import ServiceMetrics

log = logging.getLogger("nnservice.access")
HEADER_NAME = "X-Request-ID"
HEADER = HEADER_NAME.lower()  # as ASGI spells header names
CLIENT_ID = re.compile(r"[A-Za-z0-9._:-]{1,64}")


class Observe:
    def __init__(self, app, metrics: ServiceMetrics):
        self.app, self.metrics = app, metrics

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        sent = dict(scope["headers"]).get(HEADER.encode(), b"").decode("latin-1")
        request_id = sent if CLIENT_ID.fullmatch(sent) else uuid.uuid4().hex
        token = logs.request_id.set(request_id)
        status = 500  # if the app fails before it answers
        started = time.perf_counter()

        async def send_with_id(message):
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
                message["headers"] = [*message.get("headers", []), (HEADER.encode(), request_id.encode())]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        finally:
            elapsed = time.perf_counter() - started
            route = getattr(scope.get("route"), "path", None) or "unmatched"  # a template: ids stay out of labels
            # the path without its query, which may carry an access_token
            method = scope["method"]
            self.metrics.requests.labels(method, route, str(status)).inc()
            self.metrics.request_seconds.labels(method, route).observe(elapsed)
            log.info(
                "%s %s %d %.1f ms",
                method,
                scope["path"],
                status,
                elapsed * 1000,
                extra={
                    "fields": {
                        "method": method,
                        "path": scope["path"],
                        "route": route,
                        "status": status,
                        "ms": round(elapsed * 1000, 2),
                    }
                },
            )
            logs.request_id.reset(token)
