"""Reading a tenant's rows: the one place that applies the owner filter and pagination.

Every resource table has an `owner`. An admin key reads with `owner=None` and sees every owner's rows;
any other key sees its own, and another owner's row is reported exactly as a missing one (a 404,
never a 403), so ids leak nothing.
"""

from typing import Any, TypeVar

from sqlalchemy import ColumnElement, Select, func, select, true
from sqlalchemy.orm import Session

from service.core.errors import NotFound

Row = TypeVar("Row")


def visible_to(entity: Any, owner: str | None) -> ColumnElement[bool]:
    """The WHERE condition for the rows of `entity` that `owner` may see."""
    return true() if owner is None else entity.owner == owner


def get_owned(session: Session, entity: type[Row], row_id: str, owner: str | None) -> Row | None:
    """The row, if it exists and `owner` may see it (None: an admin, who sees every owner's)."""
    row = session.get(entity, row_id)
    return row if row is not None and (owner is None or row.owner == owner) else None  # type: ignore[attr-defined]


def get_or_raise(session: Session, entity: type[Row], row_id: str, owner: str | None, *, what: str) -> Row:
    """The row `owner` may see, or NotFound naming it as `what` ("job", "model", ...)."""
    row = get_owned(session, entity, row_id, owner)
    if row is None:
        raise NotFound(f"{what} {row_id} does not exist")
    return row


def owned(entity: type[Row], owner: str | None) -> Select[Row]:
    """SELECT the rows of `entity` that `owner` may see; filters can be added with `.where`."""
    return select(entity).where(visible_to(entity, owner))


def paginate(session: Session, query: Select[Row], *, limit: int, offset: int) -> tuple[list[Row], int]:
    """One page of `query`, newest first (ties broken by id, so pages never overlap), and the count of
    every row it matches."""
    entity = query.column_descriptions[0]["entity"]
    count = session.scalar(select(func.count()).select_from(query.subquery())) or 0
    rows = session.scalars(query.order_by(entity.created_at.desc(), entity.id).limit(limit).offset(offset)).all()
    return list(rows), count
