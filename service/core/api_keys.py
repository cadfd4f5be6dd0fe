"""API keys: created, listed and revoked with `nnservice keys`, checked on every /v1 request.

A key is "nns_" and 192 random bits; the database keeps its SHA-256 only (a fast hash is safe for a
secret with that much entropy) and is searched by that hash, so the time a check takes says nothing
about the key; the match is confirmed with a constant-time comparison. Each key belongs to an owner
(a tenant), has a scope (what it may do) and may expire; an admin key sees every owner's resources.
"""

import hashlib
import hmac
import os
import re
import secrets
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from pathlib import Path

from sqlalchemy import select, update

from service.core.db import Database
from service.core.db_clock import db_now, elapsed_seconds
from service.core.errors import NotFound, StoredDataUnreadable, unprocessable
from service.core.tables import ApiKey, utcnow

KEY_PREFIX = "nns_"
OWNER_PATTERN = re.compile(r"^[A-Za-z0-9_.@-]{1,64}$")
ADMIN_OWNER = "admin"
ADMIN_KEY_FILE = "admin.key"  # under the data directory, readable by its owner only


class Scope(StrEnum):
    """What a key may do. Each scope includes the ones before it: predict < read < write < admin."""

    PREDICT = "predict"  # predict, and read the owner's models and model names
    READ = "read"  # read everything of the owner's (every GET), and evaluate models on its datasets
    WRITE = "write"  # everything on the owner's resources: upload, train, cancel, name, delete
    ADMIN = "admin"  # write, on every owner's resources


# The scopes each scope grants, so that a request's check is one set lookup.
GRANTS: dict[Scope, frozenset[Scope]] = {scope: frozenset(list(Scope)[: i + 1]) for i, scope in enumerate(Scope)}
DEFAULT_SCOPE = Scope.WRITE  # what every key could do before keys had scopes
LIFETIME_PATTERN = re.compile(r"^([1-9][0-9]{0,5})([smhd])$")  # 90s, 15m, 12h, 30d
LIFETIME_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}  # seconds
MAX_LIFETIME = timedelta(days=3650)


@dataclass(frozen=True)
class Caller:
    """Who a request's key stands for. Kept for a few seconds by the API (api/auth.py KeyCache), so
    everything a request checks about its key is here: no database round trip on the hot path."""

    owner: str
    scope: Scope
    expires_at: datetime | None = None  # when the key stops working; None: never
    # the same moment on this process's time.monotonic() clock, measured with the database's clock
    # (which set expires_at), so a host whose clock is wrong neither shortens nor extends a key's life
    deadline: float | None = None

    @property
    def sees(self) -> str | None:
        """The owner whose resources this caller sees; None (an admin key): all of them."""
        return None if self.scope is Scope.ADMIN else self.owner

    def may(self, needed: Scope) -> bool:
        """Whether this key's scope includes `needed`."""
        return needed in GRANTS[self.scope]

    def expired(self) -> bool:
        return self.deadline is not None and time.monotonic() >= self.deadline


def parse_lifetime(text: str) -> timedelta:
    """'90s', '15m', '12h', '30d' -> a timedelta of at most MAX_LIFETIME."""
    match = LIFETIME_PATTERN.match(text.strip())
    if match is None:
        raise unprocessable("expires-in", f"{text!r} is not a lifetime: a whole number and s, m, h or d (30d, 12h)")
    lifetime = timedelta(seconds=int(match[1]) * LIFETIME_UNITS[match[2]])
    if lifetime > MAX_LIFETIME:
        raise unprocessable("expires-in", f"{text!r} is longer than the longest lifetime, {MAX_LIFETIME.days}d")
    return lifetime


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create(
    db: Database,
    *,
    owner: str,
    name: str = "",
    scope: Scope = DEFAULT_SCOPE,
    expires_in: timedelta | None = None,
) -> tuple[ApiKey, str]:
    """A new key for `owner`: its row, and the key itself (shown once, never stored). `expires_in`:
    from now on the database's clock, the clock every server checks the key against."""
    if not OWNER_PATTERN.match(owner):
        raise unprocessable("owner", "1 to 64 letters, digits or . _ @ -")
    key = KEY_PREFIX + secrets.token_urlsafe(24)
    row = ApiKey(owner=owner, name=name, prefix=key[:12], key_hash=hash_key(key), scope=Scope(scope))
    if expires_in is not None:
        row.expires_at = db_now(expires_in.total_seconds())  # an SQL expression, evaluated on insert
    with db.write_session() as session:
        session.add(row)
        session.flush()
        session.refresh(row)  # expires_at as the database computed it
    return row, key


def list_(db: Database) -> list[ApiKey]:
    with db.read_session() as session:
        return list(session.scalars(select(ApiKey).order_by(ApiKey.created_at, ApiKey.id)).all())


def revoke(db: Database, *, key_id: str) -> ApiKey:
    with db.write_session() as session:
        row = session.get(ApiKey, key_id)
        if row is None:
            raise NotFound(f"API key {key_id} does not exist")
        if row.revoked_at is None:
            session.execute(update(ApiKey).where(ApiKey.id == key_id).values(revoked_at=utcnow()))
        return row


def authenticate(db: Database, key: str) -> Caller | None:
    """The caller a key stands for, or None for a missing, unknown or revoked key. An expiring key's
    caller carries its deadline (`Caller.expired`, checked on every request): an expired key's too,
    so that its 401 can say why."""
    if not key.startswith(KEY_PREFIX):
        return None
    digest = hash_key(key)
    seconds_left = elapsed_seconds(db_now(), ApiKey.expires_at)  # NULL for a key that never expires
    with db.read_session() as session:
        found = session.execute(select(ApiKey, seconds_left).where(ApiKey.key_hash == digest)).first()
    if found is None:
        return None
    row, left = found
    if row.revoked_at is not None or not hmac.compare_digest(row.key_hash, digest):
        return None
    if row.scope not in GRANTS:
        raise StoredDataUnreadable(f"API key {row.id} has the scope {row.scope!r}, which is not one of this server's")
    deadline = None if left is None else time.monotonic() + left
    return Caller(owner=row.owner, scope=Scope(row.scope), expires_at=row.expires_at, deadline=deadline)


def ensure_admin_key(db: Database, data_dir: Path) -> str | None:
    """On a first start with no key at all: create an admin key, write it to a file only its owner
    can read, and return it (to be printed once). None when keys exist already."""
    with db.read_session() as session:
        if session.scalars(select(ApiKey.id).limit(1)).first() is not None:
            return None
    _, key = create(db, owner=ADMIN_OWNER, name="first admin key", scope=Scope.ADMIN)
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / ADMIN_KEY_FILE
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(key + "\n")
    os.chmod(path, 0o600)  # also when the file was there already
    return key
