"""Settings, from environment variables (prefix `NNSERVICE_`, or `DATABASE_URL`) and CLI flags."""

import os
from functools import lru_cache
from pathlib import Path

from pydantic import AliasChoices, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

DEFAULT_DATA_DIR = Path("data")


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="NNSERVICE_", extra="ignore")

    # Where everything is kept. Empty: a SQLite file under data_dir (the embedded default).
    database_url: str = Field(default="", validation_alias=AliasChoices("DATABASE_URL", "NNSERVICE_DATABASE_URL"))
    data_dir: Path = DEFAULT_DATA_DIR

    host: str = "127.0.0.1"
    port: int = 8000
    workers: int = Field(default_factory=lambda: os.cpu_count() or 1)  # worker processes `serve` starts
    # BLAS threads per worker (threadpoolctl). Unset: cores // workers for the workers `serve` or
    # `worker --workers N` starts together, every core for a lone `worker`. See service/core/blas.py.
    blas_threads: int | None = Field(default=None, ge=1)

    lease_seconds: float = 30.0  # a running job's lease; a worker renews it every heartbeat
    heartbeat_seconds: float = 1.0  # lease renewal, cost-history flush and cancellation check
    poll_seconds: float = 0.2  # how often an idle worker looks for a queued job (SQLite)
    listen_poll_seconds: float = 5.0  # the same on PostgreSQL, where NOTIFY wakes idle workers at once
    listen_notify: bool = (
        True  # PostgreSQL LISTEN/NOTIFY; off behind a transaction-pooling PgBouncer (then poll_seconds)
    )
    shutdown_finish_seconds: float = 5.0  # on SIGTERM, a job this close to its end is finished, not handed back
    max_attempts: int = 3  # claims of one job before it fails as lost
    sqlite_busy_timeout_ms: int = 5000

    events_poll_seconds: float = 0.5  # how often an API process reads a followed job for its event streams
    idempotency_key_hours: float = 24.0  # how long a POST's Idempotency-Key answers with its resource

    # Limits: what one request may send or ask for (413, 422 or 429 past them; see docs/operating.md). The
    # request schemas read max_hidden_layers, max_units_per_layer and max_epochs when they are imported.
    max_upload_bytes: int = 512 * 1024 * 1024  # a CSV or Parquet upload, multipart or raw
    max_body_bytes: int = 64 * 1024 * 1024  # any other body, JSON uploads included (parsed into Python objects)
    max_dataset_rows: int = 10_000_000
    max_dataset_columns: int = 1_000
    max_prediction_rows: int = 100_000  # rows in one predict request
    max_hidden_layers: int = 32
    max_units_per_layer: int = 4096
    max_epochs: int = 100_000
    # rows x parameters x epochs of one job: the engine does 1.2e9 (one small layer) to 6e9 (two of 256
    # units) of these a second on a 2-core machine, so 1e13 is half an hour to two hours of a worker
    max_training_work: float = 1e13
    max_active_jobs_per_owner: int = 100  # queued plus running
    max_sweep_trials: int = 200  # child jobs of one sweep (they count against max_active_jobs_per_owner too)
    model_cache_size: int = 32  # trained models kept loaded for prediction, per API process

    @property
    def resolved_database_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'nnservice.db').as_posix()}"


@lru_cache
def get_settings() -> Settings:
    return Settings()
