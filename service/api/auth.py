"""`Authorization: Bearer <key>` on every /v1 route, and the scope each route needs.

A route declares its scope once, by the caller it takes: `caller: ReadCallerDep` (the aliases at the
end, each a `RequireScope`). A key whose scope does not include it gets a 403 naming the scope; an
unknown, revoked or expired key a 401. A verified key is remembered for a few seconds, so the
prediction hot path does not query the database on every request (a revoked key stops working
within KEY_CACHE_SECONDS); the scope and the expiry are checked on every request, on the cached
caller, without a database round trip."""

import threading
import time
from typing import Annotated

from fastapi import Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.dependencies.models import Dependant
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from service.api.deps import DatabaseDep
from service.core import api_keys
from service.core.api_keys import Caller, Scope
from service.core.db import Database
from service.core.errors import Forbidden, Unauthorized

KEY_CACHE_SECONDS = 5.0
bearer = HTTPBearer(auto_error=False, description="an API key from `nnservice keys create`")
BearerCredentials = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
AccessToken = Annotated[
    str | None,
    Query(
        max_length=256,
        description="the API key, for a client that cannot send headers (a browser's EventSource), as RFC 6750 "
        "section 2.3 allows; prefer the header where you can, since addresses end up in proxies' logs",
    ),
]


class KeyCache:
    def __init__(self) -> None:
        self._entries: dict[str, tuple[float, Caller]] = {}  # key hash -> (expiry, caller)
        self._lock = threading.Lock()

    def get(self, digest: str) -> Caller | None:
        with self._lock:
            entry = self._entries.get(digest)
        return entry[1] if entry and entry[0] > time.monotonic() else None

    def put(self, digest: str, caller: Caller) -> None:
        with self._lock:
            if len(self._entries) > 10_000:  # many keys in use: start again rather than grow
                self._entries.clear()
            self._entries[digest] = (time.monotonic() + KEY_CACHE_SECONDS, caller)


class RequireScope:
    """A route's dependency: the caller of a valid key whose scope includes `scope`."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope

    async def __call__(self, request: Request, db: DatabaseDep, credentials: BearerCredentials) -> Caller:
        if credentials is None or credentials.scheme.lower() != "bearer":
            raise Unauthorized("send an API key: Authorization: Bearer <key> (create one with `nnservice keys create`)")
        return self.check(request, await _caller_for(request, db, credentials.credentials))

    def check(self, request: Request, caller: Caller) -> Caller:
        if caller.expired():
            expired_at = caller.expires_at.isoformat(timespec="seconds") if caller.expires_at else "its expiry"
            raise Unauthorized(
                f"the API key expired at {expired_at}; ask for a new one (`nnservice keys create`)",
                error="invalid_token",
            )
        if not caller.may(self.scope):
            route = getattr(request.scope.get("route"), "path", request.url.path)  # the template: ids stay out
            raise Forbidden(forbidden_detail(caller.scope, f"{request.method} {route}", self.scope))
        return caller


def forbidden_detail(has: Scope, route: str, needs: Scope) -> str:
    """The 403's detail: "this key has scope 'predict'; POST /v1/jobs needs 'write' (...)"."""
    order = " < ".join(Scope)
    return f"this key has scope '{has}'; {route} needs '{needs}' (a key of that scope or a wider one: {order})"


class RequireScopeOrAccessToken(RequireScope):
    """As RequireScope, with the key in `?access_token=` where there is no Authorization header."""

    async def __call__(
        self, request: Request, db: DatabaseDep, credentials: BearerCredentials, access_token: AccessToken = None
    ) -> Caller:
        if credentials is None and access_token:
            return self.check(request, await _caller_for(request, db, access_token))
        return await super().__call__(request, db, credentials)


async def _caller_for(request: Request, db: Database, key: str) -> Caller:
    """The key's caller: from the cache (no thread hop on the hot path), else from the database."""
    cache: KeyCache = request.app.state.key_cache
    digest = api_keys.hash_key(key)
    caller = cache.get(digest)
    if caller is None:
        caller = await run_in_threadpool(api_keys.authenticate, db, key)
        if caller is None:
            raise Unauthorized("the API key is unknown or revoked", error="invalid_token")
        cache.put(digest, caller)
    return caller


def route_scope(route: object) -> Scope | None:
    """The scope a route declares (its RequireScope, at any depth of its dependencies); None for an
    open route. api/openapi.py and the tests read each route's scope here, from the route itself."""
    dependant: Dependant | None = getattr(route, "dependant", None)
    pending, found = [dependant] if dependant else [], set()
    while pending:
        current = pending.pop()
        if isinstance(current.call, RequireScope):
            found.add(current.call.scope)
        pending.extend(current.dependencies)
    assert len(found) <= 1, f"{getattr(route, 'path', route)} declares more than one scope: {sorted(found)}"
    return found.pop() if found else None


PredictCallerDep = Annotated[Caller, Depends(RequireScope(Scope.PREDICT))]  # predict; read models and names
ReadCallerDep = Annotated[Caller, Depends(RequireScope(Scope.READ))]  # read anything of the owner's
WriteCallerDep = Annotated[Caller, Depends(RequireScope(Scope.WRITE))]  # change anything of the owner's
StreamCallerDep = Annotated[Caller, Depends(RequireScopeOrAccessToken(Scope.READ))]  # the event stream only
