"""Alembic environment: the tables' metadata from `service.tables`, the database from the
caller (`service.migrate` passes its connection) or from the settings."""

from alembic import context
from sqlalchemy import create_engine

from service.core.config import get_settings
from service.core.tables import Base

config = context.config
target_metadata = Base.metadata


def run_with(connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=target_metadata,
        compare_type=True,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite alters tables by copying them
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        run_with(connection)
        return
    engine = create_engine(get_settings().resolved_database_url)
    with engine.connect() as connection:
        run_with(connection)
    engine.dispose()


def run_migrations_offline() -> None:
    context.configure(url=get_settings().resolved_database_url, target_metadata=target_metadata, literal_binds=True)
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
