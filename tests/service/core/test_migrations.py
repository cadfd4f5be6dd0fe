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
