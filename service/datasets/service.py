"""Datasets: stored uploads (the table as Parquet) with their column statistics."""

from sqlalchemy import func, select

from service.core import idempotency, repository
from service.core.db import Database
from service.core.errors import Conflict
from service.core.status import ACTIVE
from service.core.tables import Dataset, Job
from service.datasets.parsing.normalise import ParsedDataset
from service.datasets.stats import column_stats
from service.datasets.storage import to_parquet_bytes


def create(
    db: Database,
    *,
    owner: str,
    name: str,
    format: str,
    parsed: ParsedDataset,
    size_bytes: int,
    idempotency_key: str | None,
    request_fingerprint: str,
    idempotency_key_hours: float,
) -> tuple[Dataset, bool]:
    """Store the dataset; with an idempotency key that a concurrent request used first, that
    request's dataset instead. The dataset, and whether it is that other one."""
    table = parsed.table
    dataset = Dataset(
        owner=owner,
        name=name,
        format=format,
        row_count=table.num_rows,
        column_count=table.num_columns,
        columns=column_stats(table),
        dropped_columns=parsed.dropped_columns,
        size_bytes=size_bytes,
        content=to_parquet_bytes(table),
    )
    dataset_id = idempotency.create_once(
        db,
        dataset,
        scope=idempotency.scope_for("datasets", owner),
        key=idempotency_key,
        request_fingerprint=request_fingerprint,
        ttl_hours=idempotency_key_hours,
    )
    return (
        (dataset, False) if dataset_id == dataset.id else (get_or_raise(db, dataset_id=dataset_id, owner=owner), True)
    )


def get_or_raise(db: Database, *, dataset_id: str, owner: str | None, with_content: bool = False) -> Dataset:
    with db.read_session() as session:
        dataset = repository.get_or_raise(session, Dataset, dataset_id, owner, what="dataset")
        if with_content:
            _ = dataset.content  # load the deferred column while the session is open
        return dataset


def list_(db: Database, *, owner: str | None, limit: int, offset: int) -> tuple[list[Dataset], int]:
    with db.read_session() as session:
        return repository.paginate(session, repository.owned(Dataset, owner), limit=limit, offset=offset)


def delete(db: Database, *, dataset_id: str, owner: str | None) -> None:
    with db.write_session() as session:
        dataset = repository.get_or_raise(session, Dataset, dataset_id, owner, what="dataset")
        active = session.scalar(select(func.count()).where(Job.dataset_id == dataset_id, Job.status.in_(ACTIVE)))
        if active:
            raise Conflict(
                f"dataset {dataset_id} is used by {active} queued or running job(s); cancel them or wait for them to end"
            )
        session.delete(dataset)
        idempotency.forget(session, scope=idempotency.scope_for("datasets", dataset.owner), resource_id=dataset_id)
