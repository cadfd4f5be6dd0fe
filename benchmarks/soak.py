"""A soak: mixed traffic from many clients against `nnservice serve` on PostgreSQL, a worker SIGKILLed
at a steady pace; then no 5xx, no lost or doubled job, and the API's memory flat.

    python benchmarks/soak.py                                  # 30 minutes, 20 clients, a kill every 60 s
    python benchmarks/soak.py --minutes 2 --clients 6 --kill-every 30   # a short run
    python benchmarks/soak.py --markdown docs/reliability.md   # and rewrites its block of that file

`serve` runs with 2 workers on a fresh database of the local PostgreSQL (created and dropped here), or
on `--database-url`. Each client thread loops over a weighted mix: upload a small CSV or JSON table,
create a short job (at most a few active per client), cancel one, poll jobs and lists, predict with a
trained model, follow a job's /events stream to its end. Every `--kill-every` seconds one worker
process (a child of `serve`) is SIGKILLed; the supervisor starts another. At the end every created
job is waited for, and the database is checked: each job reached a final status, exactly one model
per succeeded job and none for the others, attempts within bounds, no cost-history epoch twice per
attempt. The API's RSS is sampled at minute 5 (a sixth of a shorter run) and at the end.
"""

import argparse
import contextlib
import json
import random
import signal
import sys
import tempfile
import threading
import time
from collections import Counter
from datetime import datetime
from pathlib import Path

import httpx
import psutil
from harness import admin_key, start_nnservice  # benchmarks/harness.py, beside this script
from report import machine, write_generated
from sqlalchemy import create_engine, text
from sqlalchemy.pool import NullPool

from tests.postgres import fresh_database
from tests.server_process import service_env

WORKERS = 2
MEMORY_TOLERANCE = 0.10  # issue: the API's RSS at the end within 10 % of minute 5
BASELINE_MINUTE = 5.0  # when the RSS baseline is taken (a sixth of a run shorter than 30 minutes)
ACTIVE_JOBS_PER_CLIENT = 3  # a client creates no job while it has this many queued or running
FINAL_STATUSES = ("succeeded", "failed", "cancelled")
END_WAIT_SECONDS = 600  # for every job to end after the traffic stops (leases of killed workers run out)
RESTART_WAIT_SECONDS = 70  # for the supervisor to replace the last worker killed (past its longest restart delay)
EVENTS_TIMEOUT = 120  # seconds to follow one /events stream to its end
MIX = {  # operation: weight
    "upload": 8,
    "create_job": 25,
    "cancel": 7,
    "poll": 30,
    "predict": 20,
    "events": 10,
}
COMMAND = "make soak  # or: .venv/bin/python benchmarks/soak.py --markdown docs/reliability.md"


def table_csv(rows: int, seed: int) -> bytes:
    rng = random.Random(seed)
    lines = ["x1,x2,x3,label"]
    for _ in range(rows):
        x1, x2, x3 = rng.uniform(-2, 2), rng.uniform(-2, 2), rng.uniform(0, 5)
        lines.append(f"{x1:.4f},{x2:.4f},{x3:.3f},{'ab'[x1 + x2 > 0]}")
    return ("\n".join(lines) + "\n").encode()


def table_records(rows: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    return [
        {
            "x1": (x1 := rng.uniform(-2, 2)),
            "x2": (x2 := rng.uniform(-2, 2)),
            "x3": rng.uniform(0, 5),
            "label": "ab"[x1 + x2 > 0],
        }
        for _ in range(rows)
    ]


class Record:
    """What every client saw, under one lock."""

    def __init__(self):
        self.lock = threading.Lock()
        self.statuses: Counter = Counter()  # (operation, status) -> answers
        self.transport_errors: Counter = Counter()  # (operation, exception type) -> count
        self.server_errors: list[str] = []  # the first few 5xx, for the summary
        self.jobs: dict[str, str] = {}  # every job created: id -> its client
        self.kills: list[int] = []  # pids SIGKILLed
        self.kill_misses = 0  # no worker process found to kill

    def answer(self, operation: str, response: httpx.Response) -> None:
        with self.lock:
            self.statuses[(operation, response.status_code)] += 1
            if response.status_code >= 500 and len(self.server_errors) < 10:
                self.server_errors.append(
                    f"{operation} {response.request.url.path}: {response.status_code} {response.text[:300]}"
                )

    def failure(self, operation: str, error: Exception) -> None:
        with self.lock:
            self.transport_errors[(operation, type(error).__name__)] += 1


class Client(threading.Thread):
    """One client: its own connection, datasets, jobs and models; a weighted mix until `stop`."""

    def __init__(self, number: int, url: str, key: str, record: Record, stop: threading.Event):
        super().__init__(name=f"client-{number}", daemon=True)
        self.number, self.record, self.stop = number, record, stop
        self.rng = random.Random(number)
        self.http = httpx.Client(base_url=url, timeout=60, headers={"Authorization": f"Bearer {key}"})
        self.datasets: list[str] = []
        self.active: list[str] = []  # jobs not yet seen final
        self.ended: list[str] = []
        self.models: list[str] = []

    def call(self, operation: str, method: str, path: str, **options) -> httpx.Response | None:
        try:
            response = self.http.request(method, path, **options)
        except httpx.TransportError as error:
            self.record.failure(operation, error)
            return None
        self.record.answer(operation, response)
        return response

    def run(self) -> None:
        operations, weights = list(MIX), list(MIX.values())
        self.upload()
        while not self.stop.is_set():
            getattr(self, self.rng.choices(operations, weights)[0])()
            self.stop.wait(self.rng.uniform(0.05, 0.3))
        self.http.close()

    def upload(self) -> None:
        rows, seed = self.rng.randint(40, 300), self.rng.randrange(10**9)
        if self.rng.random() < 0.5:
            body = {"content": table_csv(rows, seed), "headers": {"Content-Type": "text/csv"}}
        else:
            body = {"content": json.dumps(table_records(rows, seed)), "headers": {"Content-Type": "application/json"}}
        response = self.call("upload", "POST", "/v1/datasets", **body)
        if response is not None and response.status_code == 201:
            self.datasets.append(response.json()["id"])

    def create_job(self) -> None:
        if not self.datasets or len(self.active) >= ACTIVE_JOBS_PER_CLIENT:
            return self.poll()
        hyperparameters = {
            "hidden_layers": [self.rng.choice([2, 4, 8])],
            "epochs": self.rng.randint(10, 150),
            "batch_size": self.rng.choice([1, 8, 32]),
        }
        body = {"dataset_id": self.rng.choice(self.datasets), "target": "label", "hyperparameters": hyperparameters}
        response = self.call("create_job", "POST", "/v1/jobs", json=body)
        if response is not None and response.status_code == 202:
            job_id = response.json()["id"]
            with self.record.lock:
                self.record.jobs[job_id] = self.name
            self.active.append(job_id)

    def cancel(self) -> None:
        if self.active:
            self.call("cancel", "POST", f"/v1/jobs/{self.rng.choice(self.active)}/cancel")

    def poll(self) -> None:
        if self.active and self.rng.random() < 0.8:
            job_id = self.rng.choice(self.active)
            response = self.call("poll", "GET", f"/v1/jobs/{job_id}")
            if response is not None and response.status_code == 200:
                job = response.json()
                if job["status"] in FINAL_STATUSES:
                    self.active.remove(job_id)
                    self.ended.append(job_id)
                    if job.get("model_id"):
                        self.models.append(job["model_id"])
        else:
            self.call("poll", "GET", self.rng.choice(["/v1/jobs", "/v1/datasets", "/v1/models"]))

    def predict(self) -> None:
        if not self.models:
            return self.poll()
        rows = [
            [self.rng.uniform(-2, 2), self.rng.uniform(-2, 2), self.rng.uniform(0, 5)]
            for _ in range(self.rng.randint(1, 20))
        ]
        self.call("predict", "POST", f"/v1/models/{self.rng.choice(self.models)}/predict", json={"instances": rows})

    def events(self) -> None:
        """Follow one job's stream to its `end` event (or the stream's close)."""
        candidates = self.active or self.ended
        if not candidates:
            return self.poll()
        path = f"/v1/jobs/{self.rng.choice(candidates)}/events"
        try:
            with self.http.stream("GET", path, timeout=httpx.Timeout(EVENTS_TIMEOUT)) as response:
                self.record.answer("events", response)
                for line in response.iter_lines():
                    if line.startswith("event: end") or self.stop.is_set():
                        break
        except httpx.TransportError as error:
            self.record.failure("events", error)


def worker_pids(serve_pid: int) -> list[int]:
    """The worker processes of `serve`: its children running `service worker`."""
    pids = []
    for child in psutil.Process(serve_pid).children(recursive=True):
        with contextlib.suppress(psutil.Error):
            if "worker" in child.cmdline():
                pids.append(child.pid)
    return pids


def killer(serve_pid: int, every: float, record: Record, stop: threading.Event) -> None:
    rng = random.Random(0)
    while not stop.wait(every):
        pids = worker_pids(serve_pid)
        if not pids:
            record.kill_misses += 1
            continue
        pid = rng.choice(pids)
        with contextlib.suppress(ProcessLookupError):
            psutil.Process(pid).send_signal(signal.SIGKILL)
            record.kills.append(pid)


def wait_workers(serve_pid: int, timeout: float) -> int:
    """How many workers run once all are back (a worker killed young is restarted after a delay), or at `timeout`."""
    deadline = time.monotonic() + timeout
    while len(worker_pids(serve_pid)) < WORKERS and time.monotonic() < deadline:
        time.sleep(0.5)
    return len(worker_pids(serve_pid))


def rss_mib(pid: int) -> float:
    return psutil.Process(pid).memory_info().rss / 2**20


def wait_all_ended(url: str, key: str, job_ids: list[str], timeout: float) -> dict[str, str]:
    """Each job's status once all are final, or as they stand at `timeout`."""
    statuses: dict[str, str] = {}
    deadline = time.monotonic() + timeout
    with httpx.Client(base_url=url, timeout=30, headers={"Authorization": f"Bearer {key}"}) as http:
        pending = list(job_ids)
        while pending and time.monotonic() < deadline:
            for job_id in list(pending):
                with contextlib.suppress(httpx.TransportError):
                    response = http.get(f"/v1/jobs/{job_id}")
                    if response.status_code == 200:
                        statuses[job_id] = response.json()["status"]
                        if statuses[job_id] in FINAL_STATUSES:
                            pending.remove(job_id)
            if pending:
                time.sleep(1)
    return statuses


def database_checks(database_url: str, created: set[str]) -> dict:
    """What the database holds, against what the clients created."""
    engine = create_engine(database_url, poolclass=NullPool)
    with engine.connect() as db:
        rows = db.execute(text("SELECT id, status, attempts, max_attempts, epochs FROM job")).all()
        models = dict(
            db.execute(text("SELECT job_id, count(*) FROM model WHERE job_id IS NOT NULL GROUP BY job_id")).all()
        )
        duplicated_epochs = db.execute(
            text(
                "SELECT count(*) FROM (SELECT 1 FROM cost_history GROUP BY job_id, attempt, epoch HAVING count(*) > 1) d"
            )
        ).scalar_one()
        epochs_over = db.execute(
            text(
                "SELECT count(*) FROM (SELECT h.job_id, h.attempt FROM cost_history h JOIN job j ON j.id = h.job_id "
                "GROUP BY h.job_id, h.attempt, j.epochs HAVING count(*) > j.epochs) o"
            )
        ).scalar_one()
        attempts_by_job = Counter(r.status for r in rows)
    engine.dispose()
    jobs = {r.id: r for r in rows}
    succeeded = [r.id for r in rows if r.status == "succeeded"]
    return {
        "jobs_in_database": len(jobs),
        "by_status": dict(attempts_by_job),
        "lost": sorted(created - {i for i, r in jobs.items() if r.status in FINAL_STATUSES}),
        "unknown": sorted(set(jobs) - created),  # rows no client saw created (a POST whose answer was lost)
        "succeeded_without_one_model": sorted(i for i in succeeded if models.get(i) != 1),
        "model_of_unsucceeded": sorted(i for i, n in models.items() if i in jobs and jobs[i].status != "succeeded"),
        "attempts_over_bound": sorted(i for i, r in jobs.items() if r.attempts > r.max_attempts),
        "retried": sum(1 for r in rows if r.attempts > 1),
        "duplicated_epochs": duplicated_epochs,
        "attempts_with_too_many_epochs": epochs_over,
    }


def soak(args, database_url: str, workdir: Path) -> dict:
    env = service_env(
        database_url, extra={"NNSERVICE_LOG_FORMAT": "json", "NNSERVICE_MAX_ACTIVE_JOBS_PER_OWNER": "100000"}
    )
    server = start_nnservice(workdir, workers=WORKERS, env=env)
    key = admin_key(workdir)
    record, stop, stop_killer = Record(), threading.Event(), threading.Event()
    seconds = args.minutes * 60
    baseline_at = min(BASELINE_MINUTE * 60, seconds / 6)
    result: dict = {"rss_start_mib": rss_mib(server.pid)}
    try:
        clients = [Client(n, server.url, key, record, stop) for n in range(args.clients)]
        started = time.monotonic()
        for client in clients:
            client.start()
        kill_thread = threading.Thread(
            target=killer, args=(server.pid, args.kill_every, record, stop_killer), daemon=True
        )
        kill_thread.start()
        time.sleep(baseline_at)
        result["rss_baseline_mib"], result["baseline_at_s"] = rss_mib(server.pid), baseline_at
        while time.monotonic() - started < seconds:
            time.sleep(min(5, max(0.0, seconds - (time.monotonic() - started))))
            print(
                f"{(time.monotonic() - started) / 60:5.1f} min: {sum(record.statuses.values())} answers, "
                f"{len(record.jobs)} jobs, {len(record.kills)} kills, RSS {rss_mib(server.pid):.0f} MiB",
                file=sys.stderr,
            )
        result["rss_end_mib"] = rss_mib(server.pid)  # at the end of the traffic, before the idle wait
        stop.set()
        stop_killer.set()
        for client in clients:
            client.join(timeout=EVENTS_TIMEOUT + 10)
        kill_thread.join(timeout=5)
        print(f"traffic stopped; waiting for {len(record.jobs)} jobs to end ...", file=sys.stderr)
        waited = time.monotonic()
        statuses = wait_all_ended(server.url, key, list(record.jobs), END_WAIT_SECONDS)
        result["end_wait_s"] = time.monotonic() - waited
        result["api_statuses"] = Counter(statuses.values())
        result["database"] = database_checks(database_url, set(record.jobs))
        result["workers_at_end"] = wait_workers(server.pid, RESTART_WAIT_SECONDS)
    finally:
        stop.set()
        stop_killer.set()
        result["serve_exit"] = server.stop(timeout=60)
    result["record"] = record
    return result


def verdicts(result: dict, args) -> list[tuple[str, bool, str]]:
    record, db = result["record"], result["database"]
    answers = sum(record.statuses.values())
    server_errors = sum(n for (_, code), n in record.statuses.items() if code >= 500)
    transport = sum(record.transport_errors.values())
    growth = result["rss_end_mib"] / result["rss_baseline_mib"] - 1
    doubled = len(db["succeeded_without_one_model"]) + len(db["model_of_unsucceeded"]) + db["duplicated_epochs"]
    return [
        ("no 5xx", server_errors == 0, f"{server_errors} of {answers} answers"),
        ("no transport error", transport == 0, f"{transport} ({dict(record.transport_errors) or 'none'})"),
        (
            "no lost job",
            not db["lost"] and not db["unknown"],
            f"{len(record.jobs)} created, {len(db['lost'])} not final, {len(db['unknown'])} unknown rows",
        ),
        (
            "no doubled job",
            doubled == 0 and not db["attempts_over_bound"] and db["attempts_with_too_many_epochs"] == 0,
            f"{len(db['succeeded_without_one_model'])} succeeded without exactly one model, "
            f"{len(db['model_of_unsucceeded'])} models of unsucceeded jobs, {len(db['attempts_over_bound'])} over "
            f"max_attempts, {db['duplicated_epochs']} duplicated epochs, {db['attempts_with_too_many_epochs']} attempts "
            f"with more epochs than asked",
        ),
        (
            f"API memory within {MEMORY_TOLERANCE:.0%}",
            abs(growth) <= MEMORY_TOLERANCE,
            f"{result['rss_baseline_mib']:.1f} MiB at {result['baseline_at_s'] / 60:.1f} min, "
            f"{result['rss_end_mib']:.1f} MiB at {args.minutes:g} min ({growth:+.1%})",
        ),
        (
            "workers replaced",
            result["workers_at_end"] == WORKERS and record.kill_misses == 0,
            f"{len(record.kills)} SIGKILLed, {result['workers_at_end']} of {WORKERS} running at the end",
        ),
    ]


def render(result: dict, args, checks: list[tuple[str, bool, str]]) -> str:
    record, db = result["record"], result["database"]
    by_operation: Counter = Counter()
    codes: Counter = Counter()
    for (operation, code), n in record.statuses.items():
        by_operation[operation] += n
        codes[code] += n
    lines = [
        "### Soak figures",
        "",
        f"Run {datetime.now().strftime('%Y-%m-%d %H:%M')}: {args.minutes:g} minutes, {args.clients} clients, "
        f"a worker SIGKILLed every {args.kill_every:g} s, `nnservice serve --workers {WORKERS}` on PostgreSQL, "
        f"{machine()}.",
        "",
        "| expectation | verdict | figures |",
        "|---|---|---|",
        *(f"| {name} | {'met' if met else '**MISS**'} | {figures} |" for name, met, figures in checks),
        "",
        "Answers by operation: " + ", ".join(f"{op} {n}" for op, n in sorted(by_operation.items())) + ". "
        f"Status codes: {', '.join(f'{code}: {n}' for code, n in sorted(codes.items()))}. "
        f"Jobs: {', '.join(f'{s} {n}' for s, n in sorted(db['by_status'].items()))}; {db['retried']} claimed more than once; "
        f"all ended {result['end_wait_s']:.0f} s after the traffic stopped.",
    ]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--minutes", type=float, default=30.0, help="how long the traffic runs (default 30)")
    parser.add_argument("--clients", type=int, default=20, help="client threads (default 20)")
    parser.add_argument("--kill-every", type=float, default=60.0, help="seconds between worker SIGKILLs (default 60)")
    parser.add_argument("--database-url", help="a PostgreSQL database to use (default: a fresh one, dropped after)")
    parser.add_argument("--markdown", type=Path, metavar="PATH", help="rewrite this script's block of this file")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as workdir:
        if args.database_url:
            result = soak(args, args.database_url, Path(workdir))
        else:
            with fresh_database("nnservice_soak") as url:
                result = soak(args, url, Path(workdir))
    checks = verdicts(result, args)
    generated = render(result, args, checks)
    print(generated)
    for line in result["record"].server_errors:
        print("5xx:", line, file=sys.stderr)
    if args.markdown:
        write_generated(args.markdown, "soak.py", generated)
        print(f"wrote {args.markdown}", file=sys.stderr)
    failed = [name for name, met, _ in checks if not met]
    print("FAILED: " + ", ".join(failed) if failed else "every expectation met", file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
