"""Named models: an owner registers a model under a name, where it gets the next version number, and
points aliases of the name ("production") at versions, so that a client keeps one address
(`cancer@production`) while the model behind it changes.

`resolve` is the one place where "name@alias" and "name@version" become a model id. It asks the
database on every call, so the prediction cache (keyed by id) never answers from the model an alias
pointed at before it moved.

Names are per owner. A name is looked up in the caller's own names (an admin's too: an admin
reaches another owner's models by id); a model is registered in its owner's names.
"""

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, cast

from sqlalchemy import CursorResult, Row, and_, delete, select, update

from service.core.db import Database, upsert_insert
from service.core.errors import Conflict, NotFound
from service.core.tables import Model, ModelAlias, ModelName, ModelVersion, utcnow

VERSION = re.compile(r"[0-9]{1,9}")  # after "@": a version number; anything else is an alias


@dataclass(frozen=True)
class Registration:
    """A model's name, its version of it, and the aliases of that name pointing at it."""

    model_id: str
    name: str
    version: int
    aliases: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class VersionDetail:
    registration: Registration
    task: str
    metrics: dict
    created_at: datetime


@dataclass(frozen=True)
class NameDetail:
    name: str
    created_at: datetime
    versions: list[VersionDetail]  # newest first
    aliases: dict[str, int]  # alias -> version


def is_ref(model_ref: str) -> bool:
    """Whether a model is named by "name@alias" or "name@version" rather than by its id."""
    return "@" in model_ref


def resolve(db: Database, *, model_ref: str, owner: str) -> str:
    """The id of the model that "name@alias" or "name@version" names in `owner`'s names, as it is now;
    NotFound, saying what is missing, when it names none."""
    name, _, label = model_ref.partition("@")
    with db.read_session() as session:
        if VERSION.fullmatch(label):
            condition = ModelVersion.version == int(label)
        else:
            condition = ModelVersion.version.in_(
                select(ModelAlias.version).where(
                    ModelAlias.owner == owner, ModelAlias.name == name, ModelAlias.alias == label
                )
            )
        model_id = session.scalar(
            select(ModelVersion.model_id).where(ModelVersion.owner == owner, ModelVersion.name == name, condition)
        )
        if model_id is None:
            raise NotFound(f"model {model_ref} does not exist: {_what_is_missing(session, owner, name, label)}")
    return model_id


def _what_is_missing(session, owner: str, name: str, label: str) -> str:
    if session.get(ModelName, (owner, name)) is None:
        return f"there is no model name {name!r}"
    if label.isdigit():
        return f"{name!r} has no version {label} (its model may have been deleted)"
    return f"{name!r} has no alias {label!r}: it was never set, was removed, or the model it pointed at was deleted"


def register(
    db: Database, *, model_id: str, name: str, alias: str | None, owner: str | None
) -> tuple[Registration, bool]:
    """Register the model under `name` (the next version) unless it is already, and point `alias`
    at it. The registration, and whether a new version was made."""
    with db.write_session() as session:
        # Locked (PostgreSQL; SQLite's writers take turns anyway): one registration of a model at a time,
        # and no delete of it meanwhile.
        model = session.scalar(select(Model).where(Model.id == model_id).with_for_update())
        if model is None or (owner is not None and model.owner != owner):
            raise NotFound(f"model {model_id} does not exist")
        row = session.get(ModelVersion, model_id)
        created = row is None
        if row is None:
            row = ModelVersion(
                model_id=model_id, owner=model.owner, name=name, version=_next_version(session, model.owner, name)
            )
            session.add(row)
            session.flush()
        elif row.name != name:
            raise Conflict(
                f"model {model_id} is registered as {row.name!r} version {row.version}, and a model has one name "
                f"only; register another model under {name!r}, or use {row.name!r}"
            )
        if alias is not None:
            _point(session, row, alias)
        return Registration(model_id, row.name, row.version, _aliases_of(session, row)), created


def _next_version(session, owner: str, name: str) -> int:
    """The next version of the name, made if it is new; its row stays locked until the commit, so two
    registrations at once get two numbers."""
    session.execute(
        upsert_insert(session, ModelName)
        .values(owner=owner, name=name, last_version=0, created_at=utcnow())
        .on_conflict_do_nothing(index_elements=["owner", "name"])
    )
    return session.scalar(
        update(ModelName)
        .where(ModelName.owner == owner, ModelName.name == name)
        .values(last_version=ModelName.last_version + 1)
        .returning(ModelName.last_version)
    )


def _point(session, version: ModelVersion, alias: str) -> None:
    insert = upsert_insert(session, ModelAlias).values(
        owner=version.owner, name=version.name, alias=alias, version=version.version, updated_at=utcnow()
    )
    session.execute(
        insert.on_conflict_do_update(
            index_elements=["owner", "name", "alias"],
            set_={"version": insert.excluded.version, "updated_at": insert.excluded.updated_at},
        )
    )


def _aliases_of(session, version: ModelVersion) -> list[str]:
    return list(
        session.scalars(
            select(ModelAlias.alias)
            .where(
                ModelAlias.owner == version.owner,
                ModelAlias.name == version.name,
                ModelAlias.version == version.version,
            )
            .order_by(ModelAlias.alias)
        )
    )


def remove_alias(db: Database, *, model_id: str, alias: str, owner: str | None) -> None:
    """Remove the alias of the model's name, if it points at this model; else NotFound."""
    with db.write_session() as session:
        model = session.get(Model, model_id)
        if model is None or (owner is not None and model.owner != owner):
            raise NotFound(f"model {model_id} does not exist")
        row = session.get(ModelVersion, model_id)
        if row is None:
            raise NotFound(f"model {model_id} has no alias {alias!r}: it is not registered under a name")
        removed = cast(
            CursorResult[Any],  # a DELETE's result, which has a rowcount
            session.execute(
                delete(ModelAlias).where(
                    ModelAlias.owner == row.owner,
                    ModelAlias.name == row.name,
                    ModelAlias.alias == alias,
                    ModelAlias.version == row.version,
                )
            ),
        )
        if removed.rowcount == 0:
            raise NotFound(f"model {model_id} ({row.name!r} version {row.version}) has no alias {alias!r}")


def unregister(session, *, model_id: str) -> None:
    """Delete the model's version and the aliases pointing at it, in the caller's transaction (the
    foreign keys cascade as well; this does not depend on them)."""
    row = session.get(ModelVersion, model_id)
    if row is None:
        return
    session.execute(
        delete(ModelAlias).where(
            ModelAlias.owner == row.owner, ModelAlias.name == row.name, ModelAlias.version == row.version
        )
    )
    session.delete(row)
    session.flush()


def registrations(db: Database, *, model_ids: list[str]) -> dict[str, Registration]:
    """The registration of each of these models that has one, in two queries whatever their number."""
    if not model_ids:
        return {}
    with db.read_session() as session:
        rows = session.scalars(select(ModelVersion).where(ModelVersion.model_id.in_(model_ids))).all()
        aliases = session.execute(
            select(ModelVersion.model_id, ModelAlias.alias)
            .join(ModelAlias, _alias_of_version())
            .where(ModelVersion.model_id.in_(model_ids))
            .order_by(ModelAlias.alias)
        ).all()
    found = {r.model_id: Registration(r.model_id, r.name, r.version) for r in rows}
    for model_id, alias in aliases:
        found[model_id].aliases.append(alias)
    return found


def get_or_raise(db: Database, *, name: str, owner: str) -> NameDetail:
    """The name's versions, newest first, and its aliases; NotFound if `owner` has no such name."""
    with db.read_session() as session:
        row = session.get(ModelName, (owner, name))
        if row is None:
            raise NotFound(f"model name {name!r} does not exist")
        # annotated: a `Mapped[dict]` column leaves select()'s row untyped
        versions: Sequence[Row[ModelVersion, str, dict]] = session.execute(
            select(ModelVersion, Model.task, Model.metrics)
            .join(Model, Model.id == ModelVersion.model_id)
            .where(ModelVersion.owner == owner, ModelVersion.name == name)
            .order_by(ModelVersion.version.desc())
        ).all()
        aliases = dict(
            session.execute(
                select(ModelAlias.alias, ModelAlias.version)
                .where(ModelAlias.owner == owner, ModelAlias.name == name)
                .order_by(ModelAlias.alias)
            ).all()
        )
    by_version: dict[int, list[str]] = {}
    for alias, version in aliases.items():
        by_version.setdefault(version, []).append(alias)
    return NameDetail(
        name=row.name,
        created_at=row.created_at,
        versions=[
            VersionDetail(
                Registration(v.model_id, v.name, v.version, by_version.get(v.version, [])), task, metrics, v.created_at
            )
            for v, task, metrics in versions
        ],
        aliases=aliases,
    )


def _alias_of_version():
    return and_(
        ModelAlias.owner == ModelVersion.owner,
        ModelAlias.name == ModelVersion.name,
        ModelAlias.version == ModelVersion.version,
    )
