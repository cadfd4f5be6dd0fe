"""The database tables (SQLAlchemy 2 ORM). What clients see is in each domain's `schemas.py`.

Conventions: singular lower_snake table names, ids are UUID strings, datetimes end in `_at`
and are stored as UTC.
"""

import uuid
from datetime import UTC, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, deferred, mapped_column

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator):
    """Stored naive in UTC (SQLite has no time zones), always read back as aware UTC."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect):
        if value is not None and value.tzinfo is not None:
            value = value.astimezone(UTC).replace(tzinfo=None)
        return value

    def process_result_value(self, value: datetime | None, dialect):
        return value.replace(tzinfo=UTC) if value is not None else None


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_id() -> str:
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class Dataset(Base):
    __tablename__ = "dataset"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    owner: Mapped[str] = mapped_column(String(64), index=True)  # the tenant: the API key's owner
    name: Mapped[str] = mapped_column(String(255))
    format: Mapped[str] = mapped_column(String(16))  # csv, json, parquet: what was uploaded
    row_count: Mapped[int] = mapped_column(Integer)
    column_count: Mapped[int] = mapped_column(Integer)
    columns: Mapped[list] = mapped_column(JSON)  # per-column statistics, see datasets/stats.py
    dropped_columns: Mapped[list] = mapped_column(JSON, default=list)
    size_bytes: Mapped[int] = mapped_column(Integer)  # of the upload
    content: Mapped[bytes] = deferred(mapped_column(LargeBinary, nullable=False))  # the table as Parquet
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class Job(Base):
    """A training job, and the queue entry that a worker claims."""

    __tablename__ = "job"
    __table_args__ = (Index("ix_job_status_created_at", "status", "created_at"),)

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    owner: Mapped[str] = mapped_column(String(64), index=True)  # the tenant: the API key's owner
    dataset_id: Mapped[str | None] = mapped_column(ForeignKey("dataset.id", ondelete="SET NULL"), index=True)
    target: Mapped[str] = mapped_column(String(255))
    features: Mapped[list] = mapped_column(JSON)
    task: Mapped[str] = mapped_column(String(16))  # classification, regression
    hyperparameters: Mapped[dict] = mapped_column(JSON)  # every option, defaults filled in

    status: Mapped[str] = mapped_column(String(16), default="queued")  # queued, running, succeeded, failed, cancelled
    attempts: Mapped[int] = mapped_column(Integer, default=0)  # claims so far, counted when claimed
    max_attempts: Mapped[int] = mapped_column(Integer, default=3)
    lease_token: Mapped[str | None] = mapped_column(String(36))  # fences every write of the holding worker
    lease_expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    worker_id: Mapped[str | None] = mapped_column(String(128))
    cancel_requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime)

    epoch: Mapped[int] = mapped_column(Integer, default=0)  # progress: last epoch flushed
    epochs: Mapped[int] = mapped_column(Integer)
    train_cost: Mapped[float | None] = mapped_column(Float)
    validation_cost: Mapped[float | None] = mapped_column(Float)
    error: Mapped[str | None] = mapped_column(Text)
    model_id: Mapped[str | None] = mapped_column(String(36))
    request_id: Mapped[str | None] = mapped_column(String(64))  # of the POST that created it, for the logs
    sample_weight_column: Mapped[str | None] = mapped_column(String(255))  # each row's weight, from the dataset
    init_model_id: Mapped[str | None] = mapped_column(String(36))  # a warm start from this model's weights
    keep_partial: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # asked on cancel
    replay_of: Mapped[str | None] = mapped_column(String(36))  # the job this one runs again
    replay: Mapped[dict | None] = mapped_column(JSON)  # how this replay compares with that job, once done
    cv: Mapped[int | None] = mapped_column(Integer)  # k: cross-validate on k folds before the final training
    sweep_id: Mapped[str | None] = mapped_column(String(36), index=True)  # the sweep this job is a trial of
    sweep_trial: Mapped[int | None] = mapped_column(Integer)  # its trial's number in that sweep, from 1
    # how the columns are encoded (jobs/schemas.py Encoding); None: a job from before encodings, numeric only
    encoding: Mapped[dict | None] = mapped_column(JSON)
    # per feature column: its type and what it becomes, planned at creation, then what training did
    columns: Mapped[list | None] = mapped_column(JSON)

    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    started_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    heartbeat_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    finished_at: Mapped[datetime | None] = mapped_column(UTCDateTime)


class Sweep(Base):
    """A hyperparameter search: one child job per trial (`job.sweep_id`). Its status, counts and
    leaderboard are read from the children; only a cancellation is its own."""

    __tablename__ = "sweep"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    owner: Mapped[str] = mapped_column(String(64), index=True)  # the tenant: the API key's owner
    dataset_id: Mapped[str | None] = mapped_column(ForeignKey("dataset.id", ondelete="SET NULL"), index=True)
    target: Mapped[str] = mapped_column(String(255))
    features: Mapped[list] = mapped_column(JSON)
    task: Mapped[str] = mapped_column(String(16))
    hyperparameters: Mapped[dict] = mapped_column(JSON)  # the base every trial starts from, defaults filled in
    search: Mapped[dict] = mapped_column(JSON)  # method, parameters (lists or ranges), trials, seed: as asked
    cv: Mapped[int | None] = mapped_column(Integer)  # k-fold per trial; None: the test split ranks them
    encoding: Mapped[dict | None] = mapped_column(JSON)  # every trial's column encoding, as a job's
    metric: Mapped[str] = mapped_column(String(32))  # what ranks the trials
    trials: Mapped[int] = mapped_column(Integer)  # child jobs created
    cancel_requested_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    request_id: Mapped[str | None] = mapped_column(String(64))  # of the POST that created it
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class EpochRecord(Base):
    """One epoch's costs in one attempt. A rescued job starts a new attempt: clients see the
    current attempt's epochs only, so none shows twice."""

    __tablename__ = "cost_history"

    job_id: Mapped[str] = mapped_column(ForeignKey("job.id", ondelete="CASCADE"), primary_key=True)
    attempt: Mapped[int] = mapped_column(Integer, primary_key=True)
    epoch: Mapped[int] = mapped_column(Integer, primary_key=True)
    train_cost: Mapped[float] = mapped_column(Float)  # train_loss + train_l2
    validation_cost: Mapped[float | None] = mapped_column(Float)  # data loss only
    train_loss: Mapped[float | None] = mapped_column(Float)  # None in rows from before the split was kept
    train_l2: Mapped[float | None] = mapped_column(Float)
    validation_l2: Mapped[float | None] = mapped_column(Float)
    diagnostics: Mapped[dict | None] = mapped_column(JSON)  # gradient norms per layer, dead or saturated units


class JobClaim(Base):
    """Every claim of a job by a worker, and how it ended: the queue's audit trail."""

    __tablename__ = "job_claim"

    token: Mapped[str] = mapped_column(String(36), primary_key=True)  # the lease token of the claim
    job_id: Mapped[str] = mapped_column(ForeignKey("job.id", ondelete="CASCADE"), index=True)
    attempt: Mapped[int] = mapped_column(Integer)
    worker_id: Mapped[str] = mapped_column(String(128))
    claimed_at: Mapped[datetime] = mapped_column(UTCDateTime)
    ended_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    # succeeded, failed, cancelled, released (handed back), lost (lease expired); None while held
    outcome: Mapped[str | None] = mapped_column(String(16))


class WorkerPresence(Base):
    """A worker process that is running, or was until it died: each beats every few seconds, busy or
    idle, and deletes its row when it stops cleanly. Read by /metrics."""

    __tablename__ = "worker"

    id: Mapped[str] = mapped_column(String(128), primary_key=True)  # host:pid
    started_at: Mapped[datetime] = mapped_column(UTCDateTime)
    heartbeat_at: Mapped[datetime] = mapped_column(UTCDateTime)
    job_id: Mapped[str | None] = mapped_column(String(36))  # the job it holds, if any


class IdempotencyKey(Base):
    """A client's Idempotency-Key and the resource its first request created."""

    __tablename__ = "idempotency_key"

    scope: Mapped[str] = mapped_column(String(80), primary_key=True)  # the route and owner: "jobs:alice"
    key: Mapped[str] = mapped_column(String(255), primary_key=True)
    fingerprint: Mapped[str] = mapped_column(String(64))  # sha256 of the request, to catch a reused key
    resource_id: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)


class Model(Base):
    """A trained model: the engine's npz payload (never pickle) and what describes it."""

    __tablename__ = "model"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    owner: Mapped[str] = mapped_column(String(64), index=True)  # the tenant: the API key's owner
    job_id: Mapped[str | None] = mapped_column(ForeignKey("job.id", ondelete="SET NULL"), unique=True)
    dataset_id: Mapped[str | None] = mapped_column(String(36))  # provenance; the dataset may be deleted later
    task: Mapped[str] = mapped_column(String(16))
    target: Mapped[str] = mapped_column(String(255))
    features: Mapped[list] = mapped_column(JSON)
    classes: Mapped[list | None] = mapped_column(JSON)
    hyperparameters: Mapped[dict] = mapped_column(JSON)
    architecture: Mapped[dict] = mapped_column(JSON)
    preprocessing: Mapped[dict] = mapped_column(JSON)
    metrics: Mapped[dict] = mapped_column(JSON)  # on the held-out test split
    n_epochs: Mapped[int] = mapped_column(Integer)
    payload: Mapped[bytes] = deferred(mapped_column(LargeBinary, nullable=False))
    payload_bytes: Mapped[int] = mapped_column(Integer)
    partial: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())  # a cancelled job's best
    reproducibility: Mapped[dict | None] = mapped_column(JSON)  # dataset hash, resolved options, versions
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ModelName(Base):
    """A name an owner gives to a line of models (MLflow's "registered model"). Names are per owner.
    Versions are numbered 1, 2, ... and never reused, even after a version's model is deleted."""

    __tablename__ = "model_name"

    owner: Mapped[str] = mapped_column(String(64), primary_key=True)  # the tenant: the API key's owner
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    last_version: Mapped[int] = mapped_column(Integer)  # the highest version given so far
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ModelVersion(Base):
    """A model registered under a name: a model has at most one name and version."""

    __tablename__ = "model_version"
    __table_args__ = (
        UniqueConstraint("owner", "name", "version", name="uq_model_version_owner_name_version"),
        ForeignKeyConstraint(["owner", "name"], ["model_name.owner", "model_name.name"], ondelete="CASCADE"),
    )

    model_id: Mapped[str] = mapped_column(ForeignKey("model.id", ondelete="CASCADE"), primary_key=True)
    owner: Mapped[str] = mapped_column(String(64))  # the model's owner
    name: Mapped[str] = mapped_column(String(64))
    version: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ModelAlias(Base):
    """An alias of a name ("production") and the version it points at; deleting that version's model
    deletes the alias (the foreign key cascades), so an alias never points at nothing."""

    __tablename__ = "model_alias"
    __table_args__ = (
        ForeignKeyConstraint(
            ["owner", "name", "version"],
            ["model_version.owner", "model_version.name", "model_version.version"],
            ondelete="CASCADE",
        ),
    )

    owner: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(64), primary_key=True)
    alias: Mapped[str] = mapped_column(String(64), primary_key=True)
    version: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)  # when it last moved


class ApiKey(Base):
    """An API key: only its SHA-256 is stored (the key is 192 random bits, so a fast hash is safe)."""

    __tablename__ = "api_key"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    owner: Mapped[str] = mapped_column(String(64), index=True)
    name: Mapped[str] = mapped_column(String(255), default="")
    prefix: Mapped[str] = mapped_column(String(16))  # the key's first characters, to tell keys apart
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    scope: Mapped[str] = mapped_column(String(16))  # predict, read, write, admin (api_keys.Scope)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    expires_at: Mapped[datetime | None] = mapped_column(UTCDateTime)  # on the database's clock; None: never
    revoked_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
