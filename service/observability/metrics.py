"""GET /metrics: Prometheus text format.

Two sources. What one API process sees (requests per route, prediction latency and rows,
uploads) is counted in memory as it happens. What the whole service does (jobs by status, the
queue, training time and epochs, workers and their heartbeats) is read from the database at each
scrape, so it is right however many workers run on however many hosts. Scrape each API process.
"""

import logging

from prometheus_client import CollectorRegistry, Counter, Histogram, disable_created_metrics
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from sqlalchemy import func, select

from service.core.db import Database
from service.core.db_clock import db_now, elapsed_seconds
from service.core.status import JobStatus
from service.core.tables import EpochRecord, Job, JobClaim, WorkerPresence

disable_created_metrics()  # the *_created samples only double the size of each scrape
log = logging.getLogger("nnservice")

LIVE_WORKER_SECONDS = 15.0  # a worker unheard of for longer is not counted (it beats every 5 s)
LATENCY_BUCKETS = (0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


class ServiceMetrics:
    """One API process's metrics, in a registry of its own (so apps made in tests do not collide)."""

    def __init__(self, db: Database):
        self.registry = CollectorRegistry()
        self.requests = Counter(
            "nnservice_http_requests",
            "HTTP requests answered, by route template and status",
            ["method", "route", "status"],
            registry=self.registry,
        )
        self.request_seconds = Histogram(
            "nnservice_http_request_duration_seconds",
            "Time to answer an HTTP request (to the end of its body), by route template",
            ["method", "route"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.prediction_seconds = Histogram(
            "nnservice_prediction_duration_seconds",
            "Time to predict one request's rows, from the parsed body to the answer",
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.rows_predicted = Counter("nnservice_predicted_rows", "Rows predicted", registry=self.registry)
        self.uploads = Counter(
            "nnservice_dataset_uploads", "Datasets uploaded and stored, by format", ["format"], registry=self.registry
        )
        self.upload_bytes = Counter(
            "nnservice_dataset_upload_bytes", "Bytes of the datasets uploaded and stored", registry=self.registry
        )
        self.registry.register(DatabaseCollector(db))


class DatabaseCollector:
    """The service-wide figures, read from the database at scrape time."""

    def __init__(self, db: Database):
        self.db = db

    def describe(self):
        return []  # read only at scrape time, never at registration

    def collect(self):
        up = GaugeMetricFamily("nnservice_database_up", "Whether the last scrape could read the database")
        try:
            families = self._read()
        except Exception as exc:  # the scrape still answers, and says the database is away
            log.warning("metrics: the database could not be read (%s)", type(exc).__name__)
            up.add_metric([], 0)
            yield up
            return
        up.add_metric([], 1)
        yield up
        yield from families

    def _read(self) -> list:
        with self.db.read_session() as session:
            by_status = dict(session.execute(select(Job.status, func.count()).group_by(Job.status)).all())
            queued = session.execute(
                select(func.count(), func.max(elapsed_seconds(Job.created_at, db_now()))).where(
                    Job.status == JobStatus.QUEUED, Job.cancel_requested_at.is_(None)
                )
            ).one()
            training_seconds = session.scalar(
                select(
                    func.coalesce(
                        func.sum(elapsed_seconds(JobClaim.claimed_at, func.coalesce(JobClaim.ended_at, db_now()))), 0.0
                    )
                )
            )
            epochs = session.scalar(select(func.count()).select_from(EpochRecord))
            running = session.execute(
                select(Job.epoch, elapsed_seconds(Job.started_at, db_now())).where(Job.status == JobStatus.RUNNING)
            ).all()
            workers = session.execute(
                select(WorkerPresence.id, WorkerPresence.job_id, elapsed_seconds(WorkerPresence.heartbeat_at, db_now()))
            ).all()

        jobs = GaugeMetricFamily("nnservice_jobs", "Jobs by status", labels=["status"])
        for status in JobStatus:
            jobs.add_metric([status], by_status.get(status, 0))
        depth = GaugeMetricFamily("nnservice_queue_depth", "Jobs queued and waiting for a worker")
        depth.add_metric([], queued[0])
        oldest = GaugeMetricFamily("nnservice_queue_oldest_age_seconds", "How long the oldest queued job has waited")
        oldest.add_metric([], queued[1] or 0.0)
        seconds = CounterMetricFamily("nnservice_training_seconds", "Seconds workers have spent on jobs, all attempts")
        seconds.add_metric([], float(training_seconds or 0.0))  # COALESCE(..., 0.0) is never NULL
        epochs_total = CounterMetricFamily("nnservice_training_epochs", "Epochs trained, all attempts")
        epochs_total.add_metric([], epochs or 0)  # COUNT(*) is never NULL
        rate = GaugeMetricFamily(
            "nnservice_training_epochs_per_second",
            "Epochs a second of the running jobs together, each since it started",
        )
        rate.add_metric([], sum(epoch / elapsed for epoch, elapsed in running if elapsed and elapsed > 0))
        live = [w for w in workers if w[2] <= LIVE_WORKER_SECONDS]
        count = GaugeMetricFamily("nnservice_workers", "Worker processes heard from in the last 15 s", labels=["state"])
        count.add_metric(["busy"], sum(1 for w in live if w[1]))
        count.add_metric(["idle"], sum(1 for w in live if not w[1]))
        age = GaugeMetricFamily(
            "nnservice_worker_heartbeat_age_seconds",
            "Seconds since each worker was last heard from (one that died stays here, ageing, for an hour)",
            labels=["worker"],
        )
        for worker_id, _, elapsed in workers:
            age.add_metric([worker_id], max(elapsed, 0.0))
        return [jobs, depth, oldest, seconds, epochs_total, rate, count, age]
