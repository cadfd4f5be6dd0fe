"""Queue pick-up latency and throughput, through the real service.

    python benchmarks/bench_queue.py                          # full run (about two minutes); prints the tables
    python benchmarks/bench_queue.py --markdown BENCHMARKS.md # and rewrites its generated block of that file
    python benchmarks/bench_queue.py --quick                  # a few samples: CI smoke run

For each setup, `nnservice serve` with 2 workers is started on a database of its own, and:
- pick-up: with the workers idle, one tiny job is POSTed at a time (after a random pause, so the
  poll phase is random) and its delay is the job's `started_at` (set in the claiming statement, on
  the database's clock, which here is this machine's) minus the moment before the POST was sent;
- throughput: 200 tiny jobs are POSTed back to back, and jobs per second run from the first POST
  to the last job's `finished_at`.
The reference is PostgreSQL with LISTEN/NOTIFY turned off (workers poll every 0.2 s).
"""

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path

import httpx
from harness import admin_key, free_port, start_nnservice  # benchmarks/harness.py, beside this script
from report import write_generated
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

POSTGRES_SERVER = os.environ.get("NNSERVICE_TEST_POSTGRES", "postgresql+psycopg://postgres@127.0.0.1:5432")
PICKUP_TARGET_MS = 50  # issue: median pick-up at most 50 ms
TINY_CSV = b"x1,x2,label\n" + b"".join(f"{i % 7},{i % 5},{'ab'[i % 2]}\n".encode() for i in range(40))
TINY_JOB = {"target": "label", "hyperparameters": {"hidden_layers": [2], "epochs": 1}}
SETUPS = [  # name, database, extra environment
    ("SQLite, polling every 0.2 s", "sqlite", {}),
    ("PostgreSQL, LISTEN/NOTIFY", "postgresql", {}),
    ("PostgreSQL, polling every 0.2 s (reference)", "postgresql", {"NNSERVICE_LISTEN_NOTIFY": "false"}),
]


class Service:
    """`nnservice serve --workers 2` on a database of its own, stopped and dropped on exit."""

    def __init__(self, database: str, env: dict, workdir: Path):
        self.database, self.workdir = database, workdir
        self.port = free_port()
        # the throughput run queues more jobs at once than an owner's default limit
        environment = {**os.environ, "NNSERVICE_MAX_ACTIVE_JOBS_PER_OWNER": "100000", **env}
        environment.pop("DATABASE_URL", None)
        self.pg_name = None
        if database == "postgresql":
            self.pg_name = f"nnservice_bench_{os.getpid()}"
            self._admin(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)', f'CREATE DATABASE "{self.pg_name}"')
            environment["DATABASE_URL"] = f"{POSTGRES_SERVER}/{self.pg_name}"
        self.server = start_nnservice(workdir, workers=2, env=environment, port=self.port)
        self.process = self.server.process
        self.client = httpx.Client(base_url=self.server.url, timeout=30)
        self.client.headers["Authorization"] = f"Bearer {admin_key(workdir)}"  # made by `serve` on a new database

    def _admin(self, *statements: str) -> None:
        engine = create_engine(f"{POSTGRES_SERVER}/postgres", isolation_level="AUTOCOMMIT", poolclass=NullPool)
        with engine.connect() as connection:
            for statement in statements:
                connection.execute(text(statement))
        engine.dispose()

    def close(self) -> None:
        self.client.close()
        self.server.stop(timeout=60)
        if self.pg_name:
            self._admin(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')


def wait_ended(client: httpx.Client, job_id: str) -> dict:
    while True:
        job = client.get(f"/v1/jobs/{job_id}").json()
        if job["status"] in ("succeeded", "failed", "cancelled"):
            if job["status"] != "succeeded":
                raise RuntimeError(f"job {job_id} {job['status']}: {job['error']}")
            return job
        time.sleep(0.02)


def seconds(stamp: str) -> float:
    return datetime.fromisoformat(stamp).timestamp()


def measure(service: Service, samples: int, burst: int) -> dict:
    client = service.client
    dataset = client.post("/v1/datasets", content=TINY_CSV, headers={"Content-Type": "text/csv"}).json()
    body = {"dataset_id": dataset["id"], **TINY_JOB}
    wait_ended(client, client.post("/v1/jobs", json=body).json()["id"])  # warm both sides
    delays = []
    for _ in range(samples):
        time.sleep(random.uniform(0.05, 0.3))  # idle workers, at a random point of their poll
        sent = time.time()
        job_id = client.post("/v1/jobs", json=body).json()["id"]
        delays.append(seconds(wait_ended(client, job_id)["started_at"]) - sent)
    first = time.time()
    ids = [client.post("/v1/jobs", json=body).json()["id"] for _ in range(burst)]
    last = max(seconds(wait_ended(client, job_id)["finished_at"]) for job_id in ids)
    delays_ms = sorted(d * 1000 for d in delays)
    return {
        "median_ms": statistics.median(delays_ms),
        "p95_ms": delays_ms[min(len(delays_ms) - 1, round(0.95 * (len(delays_ms) - 1)))],
        "max_ms": delays_ms[-1],
        "samples": samples,
        "jobs_per_second": burst / (last - first),
        "burst": burst,
    }


def render(results: list[tuple[str, dict]], quick: bool) -> str:
    reference = dict(results)[SETUPS[2][0]]
    lines = [
        "### Queue: pick-up delay and throughput" + (" (quick run: too few samples to quote)" if quick else ""),
        "",
        f"Run {datetime.now().strftime('%Y-%m-%d %H:%M')}, `nnservice serve --workers 2`, "
        f"{os.cpu_count()} cores. Pick-up: POST /v1/jobs to `started_at`, idle workers.",
        "",
        "| setup | pick-up median, ms | p95, ms | max, ms | median vs reference | jobs/s (tiny) |",
        "|---|---|---|---|---|---|",
    ]
    for name, r in results:
        lines.append(
            f"| {name} | {r['median_ms']:.1f} | {r['p95_ms']:.1f} | {r['max_ms']:.1f} | "
            f"{r['median_ms'] / reference['median_ms']:.2f}x | {r['jobs_per_second']:.1f} |"
        )
    listen = dict(results)[SETUPS[1][0]]
    met = "met" if listen["median_ms"] <= PICKUP_TARGET_MS else "NOT met"
    lines += [
        "",
        f"{results[0][1]['samples']} pick-up samples per setup; throughput over {results[0][1]['burst']} jobs "
        f"(1 epoch each, POSTed back to back). Target: median pick-up at most {PICKUP_TARGET_MS} ms with "
        f"LISTEN/NOTIFY: **{met}** ({listen['median_ms']:.1f} ms).",
    ]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a few samples: a smoke run of every code path")
    parser.add_argument("--markdown", type=Path, metavar="PATH", help="rewrite this script's block of this file")
    args = parser.parse_args(argv)
    samples, burst = (5, 10) if args.quick else (60, 200)
    results = []
    with tempfile.TemporaryDirectory() as workdir:
        for name, database, env in SETUPS:
            print(f"{name} ...", file=sys.stderr)
            service = Service(database, env, Path(workdir))
            try:
                results.append((name, measure(service, samples, burst)))
            finally:
                service.close()
    generated = render(results, args.quick)
    print(generated)
    if args.markdown:
        write_generated(args.markdown, "bench_queue.py", generated)
        print(f"wrote {args.markdown}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
