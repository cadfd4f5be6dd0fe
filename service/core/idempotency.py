"""Idempotency-Key on POST: a client that retries a request (after a timeout, say) gets the
resource its first request created, not a second one.

A key is stored with the resource in the same transaction, under a primary key of (route, key):
of two concurrent requests with one key, one commits and the other's insert fails, and it
answers with the first one's resource. A key reused for a different request is refused (422).
Keys are kept for `idempotency_key_hours`; older ones are deleted as new ones are written.
"""

import hashlib
import json
from collections.abc import Callable
from datetime import timedelta
from typing import TypeVar

from sqlalchemy import delete
from sqlalchemy.exc import IntegrityError

from service.core.db import Database
from service.core.errors import unprocessable
from service.core.tables import IdempotencyKey, new_id, utcnow

Resource = TypeVar("Resource")  # a job, a sweep: what `earlier` and `create` answer

HEADER = "Idempotency-Key"
REPLAYED_HEADER = "Idempotent-Replayed"  # "true" on an answer that replays an earlier request's
MAX_KEY_LENGTH = 255
KEY_PATTERN = r"^[ -~]{1,255}$"  # what check_key accepts: printable ASCII, for the OpenAPI document


def scope_for(route: str, owner: str) -> str:
    """Keys are per route and per owner: two owners may pick the same key."""
    return f"{route}:{owner}"


def check_key(key: str | None) -> str | None:
    if key is None:
        return None
    if not 1 <= len(key) <= MAX_KEY_LENGTH or not key.isascii() or not key.isprintable():
        raise unprocessable(HEADER, f"must be 1 to {MAX_KEY_LENGTH} printable ASCII characters (a UUID, say)")
    return key


def fingerprint(*parts: bytes | str | dict | None) -> str:
    """A digest of what makes two requests the same request."""
    digest = hashlib.sha256()
    for part in parts:
        if isinstance(part, dict):
            part = json.dumps(part, sort_keys=True, default=str)
        data = part.encode() if isinstance(part, str) else (part or b"")
        digest.update(len(data).to_bytes(8, "big") + data)
    return digest.hexdigest()


def earlier_or_create(
    db: Database,
    *,
    key_header: str | None,
    scope: str,
    request_fingerprint: str,
    ttl_hours: float,
    earlier: Callable[[str], Resource],
    create: Callable[[str | None], tuple[Resource, bool]],
) -> tuple[Resource, bool]:
    """(resource, replayed): `earlier(id)` for the resource an earlier request with this
    Idempotency-Key created, else `create(key)`, which answers the same pair."""
    key = check_key(key_header)
    found = key and find(db, scope=scope, key=key, request_fingerprint=request_fingerprint, ttl_hours=ttl_hours)
    if found:
        return earlier(found), True
    return create(key)


def find(db: Database, *, scope: str, key: str, request_fingerprint: str, ttl_hours: float) -> str | None:
    """The id of the resource an earlier request with this key created, or None."""
    with db.read_session() as session:
        row = session.get(IdempotencyKey, (scope, key))
    if row is None or row.created_at < utcnow() - timedelta(hours=ttl_hours):
        return None
    if row.fingerprint != request_fingerprint:
        raise unprocessable(
            HEADER, f"{key!r} was already used for a different request; send a new key with a new request"
        )
    return row.resource_id


def remember(session, *, scope: str, key: str, request_fingerprint: str, resource_id: str, ttl_hours: float) -> None:
    """Record the key with the resource, in the session that creates it. Raises IntegrityError
    (at the flush) when a concurrent request with the same key won."""
    session.execute(delete(IdempotencyKey).where(IdempotencyKey.created_at < utcnow() - timedelta(hours=ttl_hours)))
    session.add(IdempotencyKey(scope=scope, key=key, fingerprint=request_fingerprint, resource_id=resource_id))
    session.flush()


def forget(session, *, scope: str, resource_id: str) -> None:
    """Drop the keys of a deleted resource: a retry of the request that made it would otherwise
    answer 404 until the key expires, and the key could not be used again."""
    session.execute(
        delete(IdempotencyKey).where(IdempotencyKey.scope == scope, IdempotencyKey.resource_id == resource_id)
    )


def create_once(
    db: Database,
    resource,
    *,
    scope: str,
    key: str | None,
    request_fingerprint: str,
    ttl_hours: float,
    also: Callable | None = None,
) -> str:
    """Insert `resource` (an ORM row) with its idempotency key, and run `also(session)` in the
    same transaction; the id of the resource that answers the request: `resource`'s, or that of
    a concurrent request with the same key that committed first."""
    resource.id = resource.id or new_id()
    try:
        with db.write_session() as session:
            session.add(resource)
            if key is not None:
                remember(
                    session,
                    scope=scope,
                    key=key,
                    request_fingerprint=request_fingerprint,
                    resource_id=resource.id,
                    ttl_hours=ttl_hours,
                )
            if also is not None:
                also(session)
        return resource.id
    except IntegrityError:
        if key is None:
            raise
        winner = find(db, scope=scope, key=key, request_fingerprint=request_fingerprint, ttl_hours=ttl_hours)
        if winner is None:
            raise
        return winner
