"""`Authorization: Bearer <key>` on every /v1 route. A verified key is remembered for a few
seconds, so the prediction hot path does not query the database on every request; a revoked key
stops working within KEY_CACHE_SECONDS."""

import threading
import time
from typing import Annotated

from fastapi import Depends, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer

from service.api.deps import DatabaseDep
from service.core import api_keys
from service.core.api_keys import Caller
from service.core.errors import Unauthorized

KEY_CACHE_SECONDS = 5.0
bearer = HTTPBearer(auto_error=False, description="an API key from `nnservice keys create`")


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


async def require_caller(
    request: Request, db: DatabaseDep, credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)]
) -> Caller:
    if credentials is None or credentials.scheme.lower() != "bearer":
        raise Unauthorized("send an API key: Authorization: Bearer <key> (create one with `nnservice keys create`)")
    return await _caller_for(request, db, credentials.credentials)


async def require_caller_or_access_token(
    request: Request,
    db: DatabaseDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer)],
    access_token: Annotated[
        str | None,
        Query(
            max_length=256,
            description="the API key, for a client that cannot send headers (a browser's EventSource), as RFC 6750 "
            "section 2.3 allows; prefer the header where you can, since addresses end up in proxies' logs",
        ),
    ] = None,
) -> Caller:
    if credentials is None and access_token:
        return await _caller_for(request, db, access_token)
    return await require_caller(request, db, credentials)


async def _caller_for(request: Request, db, key: str) -> Caller:
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


CallerDep = Annotated[Caller, Depends(require_caller)]
StreamCallerDep = Annotated[Caller, Depends(require_caller_or_access_token)]  # the event stream only
