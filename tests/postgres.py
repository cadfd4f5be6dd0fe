"""The tests' PostgreSQL: a database of one test's (or one run's) own, created empty, dropped after."""

import os
from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

SERVER = os.environ.get("NNSERVICE_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432")


def _admin(*statements: str) -> None:
    # A fresh connection each time: the server may have been restarted by a test meanwhile.
    engine = create_engine(f"{SERVER}/postgres", isolation_level="AUTOCOMMIT", poolclass=NullPool)
    with engine.connect() as connection:
        for statement in statements:
            connection.execute(text(statement))
    engine.dispose()


@contextmanager
def fresh_database(prefix: str) -> Iterator[str]:
    """The URL of an empty database named after `prefix` and this process."""
    name = f"{prefix}_{os.getpid()}"
    _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)', f'CREATE DATABASE "{name}"')
    try:
        yield f"{SERVER}/{name}"
    finally:
        _admin(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
