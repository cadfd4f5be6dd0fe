"""API keys: created, listed and revoked with `nnservice keys`, checked on every /v1 request.

A key is "nns_" and 192 random bits; the database keeps its SHA-256 only (a fast hash is safe for a
secret with that much entropy) and is searched by that hash, so the time a check takes says nothing
about the key; the match is confirmed with a constant-time comparison. Each key belongs to an owner
(a tenant); an admin key sees every owner's resources.
"""

import hashlib
import hmac
import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select, update

from service.core.db import Database
from service.core.errors import NotFound, unprocessable
from service.core.tables import ApiKey, utcnow

KEY_PREFIX = "nns_"
OWNER_PATTERN = re.compile(r"^[A-Za-z0-9_.@-]{1,64}$")
ADMIN_OWNER = "admin"
ADMIN_KEY_FILE = "admin.key"  # under the data directory, readable by its owner only


@dataclass(frozen=True)
class Caller:
    owner: str
    is_admin: bool

    @property
    def sees(self) -> str | None:
        """The owner whose resources this caller sees; None: all of them."""
        return None if self.is_admin else self.owner


def hash_key(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def create(db: Database, *, owner: str, name: str = "", is_admin: bool = False) -> tuple[ApiKey, str]:
    """A new key for `owner`: its row, and the key itself (shown once, never stored)."""
    if not OWNER_PATTERN.match(owner):
        raise unprocessable("owner", "1 to 64 letters, digits or . _ @ -")
    key = KEY_PREFIX + secrets.token_urlsafe(24)
    row = ApiKey(owner=owner, name=name, prefix=key[:12], key_hash=hash_key(key), is_admin=is_admin)
    with db.write_session() as session:
        session.add(row)
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
    """The caller a key stands for, or None for a missing, unknown or revoked key."""
    if not key.startswith(KEY_PREFIX):
        return None
    digest = hash_key(key)
    with db.read_session() as session:
        row = session.scalars(select(ApiKey).where(ApiKey.key_hash == digest)).first()
    if row is None or row.revoked_at is not None or not hmac.compare_digest(row.key_hash, digest):
        return None
    return Caller(owner=row.owner, is_admin=row.is_admin)


def ensure_admin_key(db: Database, data_dir: Path) -> str | None:
    """On a first start with no key at all: create an admin key, write it to a file only its owner
    can read, and return it (to be printed once). None when keys exist already."""
    with db.read_session() as session:
        if session.scalars(select(ApiKey.id).limit(1)).first() is not None:
            return None
    _, key = create(db, owner=ADMIN_OWNER, name="first admin key", is_admin=True)
    data_dir.mkdir(parents=True, exist_ok=True)
    path = data_dir / ADMIN_KEY_FILE
    descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as file:
        file.write(key + "\n")
    os.chmod(path, 0o600)  # also when the file was there already
    return key
