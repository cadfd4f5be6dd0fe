"""The migrations go down and up again with data in the tables, on SQLite and PostgreSQL, and
leave the schema the ORM describes."""

from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from service.core.db import Database
from service.core.migrate import alembic_config, current_revision, head_revision, upgrade_to_head
from service.core.tables import Base
from tests.postgres import fresh_database


def migrate(database: Database, revision: str, *, down: bool = False) -> None:
    config = alembic_config()
    with database.engine.begin() as connection:
        config.attributes["connection"] = connection
        (command.downgrade if down else command.upgrade)(config, revision)


def schema_differences(database: Database) -> list:
    with database.engine.connect() as connection:
        return compare_metadata(MigrationContext.configure(connection), Base.metadata)


def test_down_and_up_with_a_rescued_jobs_history_and_rows_from_before_owners(tmp_path):
    with fresh_database("nnservice_migrations") as postgres_url:
        databases = [Database(f"sqlite:///{tmp_path / 'm.db'}"), Database(postgres_url)]
        try:
            for database in databases:
                upgrade_to_head(database)
                assert current_revision(database) == head_revision() and schema_differences(database) == []
                migrate(database, "0002", down=True)
                with database.engine.begin() as connection:
                    connection.execute(
                        text(
                            "INSERT INTO job (id, target, features, task, hyperparameters, status, attempts, "
                            "max_attempts, epoch, epochs, created_at) VALUES ('j', 'y', '[]', 'regression', '{}', "
                            "'succeeded', 2, 3, 2, 2, '2026-11-25 00:00:00')"
                        )
                    )
                    connection.execute(
                        text(
                            "INSERT INTO cost_history (job_id, attempt, epoch, train_cost) "
                            "VALUES ('j', 1, 1, 0.9), ('j', 2, 1, 0.8), ('j', 2, 2, 0.7)"
                        )
                    )
                migrate(database, "0001", down=True)  # one row per epoch again: the latest attempt's
                with database.engine.connect() as connection:
                    rows = connection.execute(text("SELECT epoch, train_cost FROM cost_history ORDER BY epoch")).all()
                assert [tuple(r) for r in rows] == [(1, 0.8), (2, 0.7)]
                upgrade_to_head(database)
                assert schema_differences(database) == []
                with database.engine.connect() as connection:  # rows from before keys belong to "admin"
                    assert connection.execute(text("SELECT owner FROM job")).scalar() == "admin"
        finally:
            for database in databases:
                database.dispose()


def test_keys_get_the_scope_they_had_and_going_down_revokes_what_the_old_schema_would_widen(tmp_path):
    key = "INSERT INTO api_key (id, owner, name, prefix, key_hash, {flag}, created_at) VALUES "
    with fresh_database("nnservice_migrations_keys") as postgres_url:
        databases = [Database(f"sqlite:///{tmp_path / 'k.db'}"), Database(postgres_url)]
        try:
            for database in databases:
                migrate(database, "0008")
                with database.engine.begin() as connection:
                    connection.execute(
                        text(
                            key.format(flag="is_admin") + "('a', 'root', '', 'p', 'h1', :yes, '2026-11-25 00:00:00'), "
                            "('w', 'alice', '', 'p', 'h2', :no, '2026-11-25 00:00:00')"
                        ),
                        {"yes": True, "no": False},
                    )
                upgrade_to_head(database)
                assert schema_differences(database) == []
                with database.engine.begin() as connection:
                    scopes = dict(connection.execute(text("SELECT id, scope FROM api_key")).all())
                    assert scopes == {"a": "admin", "w": "write"}
                    connection.execute(
                        text(key.format(flag="scope") + "('p', 'bob', '', 'p', 'h3', 'predict', '2026-12-01 00:00:00')")
                    )
                    connection.execute(
                        text(
                            key.format(flag="scope, expires_at")
                            + "('e', 'bob', '', 'p', 'h4', 'write', '2030-01-01 00:00:00', '2026-12-01 00:00:00')"
                        )
                    )
                migrate(database, "0008", down=True)
                with database.engine.connect() as connection:
                    rows = connection.execute(text("SELECT id, is_admin, revoked_at FROM api_key ORDER BY id")).all()
                # the admin stays an admin, the write key works as before; the predict key and the expiring one
                # would do more, or for longer, under the old schema: they are revoked
                assert [(r[0], bool(r[1]), r[2] is not None) for r in rows] == [
                    ("a", True, False),
                    ("e", False, True),
                    ("p", False, True),
                    ("w", False, False),
                ]
                upgrade_to_head(database)
                with database.engine.connect() as connection:
                    assert dict(connection.execute(text("SELECT id, scope FROM api_key")).all())["a"] == "admin"
        finally:
            for database in databases:
                database.dispose()
