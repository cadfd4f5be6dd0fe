"""Training through the service against the engine alone, and workers sharing the cores.

    python benchmarks/bench_training.py                           # full run (about two minutes); prints the tables
    python benchmarks/bench_training.py --markdown BENCHMARKS.md  # and rewrites its generated block of that file
    python benchmarks/bench_training.py --quick                   # a small job: CI smoke run

- Overhead: one job (a synthetic 30-feature, two-class table; network 30-64-32-2, adam, batch 200)
  posted to `nnservice serve --workers 1` on SQLite, timed from the job's `created_at` to its
  `finished_at` (the server's clock: queue pick-up, dataset load, split, the epochs with their
  cost-history writes, lease renewals and cancellation checks, evaluation, model write). The
  reference, interleaved in the same run, is nn_engine alone in this process: the same
  hyperparameters (the job's resolved ones), the same split, `fit` and `evaluate`.
  Target: the service at most 10 % over the engine alone.
- Sharing the cores: two jobs (a wider network, 30-512-256-2) at once on `serve --workers 2`, with each worker's BLAS held to
  its share of the cores (the default, `NNSERVICE_BLAS_THREADS` = cores // workers) and with every
  worker allowed every core (oversubscribed): wall time until both have finished.
"""

import argparse
import io
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import NamedTuple

import httpx
import numpy as np
import pyarrow as pa
import pyarrow.csv as pa_csv
from harness import admin_key, start_service  # benchmarks/harness.py, beside this script
from report import verdict, write_generated

from nn_engine import MLPClassifier
from nn_engine.model_selection import stratified_split

OVERHEAD_TARGET = 0.10  # issue: at most 10 % more wall time than the engine alone
FEATURES = 30
HIDDEN = [64, 32]


class Size(NamedTuple):
    rows: int
    epochs: int
    repeats: int
    wide_epochs: int  # of the sharing run


FULL, QUICK = Size(50_000, 100, 3, 10), Size(2_000, 3, 1, 1)
WIDE = [512, 256]  # the sharing run: matrices large enough for OpenBLAS to use several threads


def synthetic(rows: int) -> tuple[np.ndarray, np.ndarray]:
    rng = np.random.default_rng(0)
    X = rng.normal(size=(rows, FEATURES))
    y = (X[:, :5].sum(axis=1) + 0.5 * rng.normal(size=rows) > 0).astype(int)
    return X, y


def csv_bytes(X: np.ndarray, y: np.ndarray) -> bytes:
    columns = {f"x{j}": X[:, j] for j in range(X.shape[1])} | {"label": y}
    sink = io.BytesIO()
    pa_csv.write_csv(pa.table(columns), sink)
    return sink.getvalue()


def seconds_between(job: dict, start: str, end: str) -> float:
    return (datetime.fromisoformat(job[end]) - datetime.fromisoformat(job[start])).total_seconds()


class Client:
    def __init__(self, url: str, key: str):
        self.http = httpx.Client(base_url=url, headers={"Authorization": f"Bearer {key}"}, timeout=120)

    def upload(self, content: bytes) -> str:
        response = self.http.post("/v1/datasets", content=content, headers={"Content-Type": "text/csv"})
        assert response.status_code == 201, response.text
        return response.json()["id"]

    def wait_idle(self, workers: int) -> None:
        """Until `workers` workers are up and idle, so a job's pick-up is not a worker's start-up."""
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if f'nnservice_workers{{state="idle"}} {workers}.0' in self.http.get("/metrics").text:
                return
            time.sleep(0.1)
        raise RuntimeError(f"{workers} workers did not come up idle in a minute")

    def queue(self, dataset_id: str, epochs: int, hidden: list[int] = HIDDEN) -> str:
        body = {
            "dataset_id": dataset_id,
            "target": "label",
            "hyperparameters": {"hidden_layers": hidden, "epochs": epochs},
        }
        response = self.http.post("/v1/jobs", json=body)
        assert response.status_code == 202, response.text
        return response.json()["id"]

    def wait(self, job_id: str) -> dict:
        while True:
            job = self.http.get(f"/v1/jobs/{job_id}").json()
            if job["status"] not in ("queued", "running"):
                assert job["status"] == "succeeded", job
                return job
            time.sleep(0.05)


@contextmanager
def running_service(folder: Path, workers: int, env: dict | None = None) -> Iterator[Client]:
    """`serve --workers N` on SQLite in `folder`, with a client holding its admin key; stopped on exit."""
    folder.mkdir()
    service = start_service(folder, workers=workers, env=env)
    client = Client(service.url, admin_key(folder))
    try:
        yield client
    finally:
        client.http.close()
        service.stop()


def engine_alone(X: np.ndarray, y: np.ndarray, hyperparameters: dict) -> float:
    """The job's work with nn_engine alone: the same split, fit and evaluation."""
    started = time.perf_counter()
    params = dict(hyperparameters)
    rng = np.random.default_rng(params["seed"])
    train_rows, test_rows = stratified_split(y, params.pop("test_fraction"), rng)
    estimator = MLPClassifier(**params).fit(X[train_rows], y[train_rows])
    estimator.evaluate(X[test_rows], y[test_rows])
    return time.perf_counter() - started


def overhead(size: Size, workdir: Path) -> dict:
    X, y = synthetic(size.rows)
    service_runs, running_runs, engine_runs = [], [], []
    with running_service(workdir / "overhead", workers=1) as client:
        dataset_id = client.upload(csv_bytes(X, y))
        client.wait_idle(1)
        for _ in range(size.repeats):  # interleaved, so drift on the shared machine hits both alike
            job = client.wait(client.queue(dataset_id, size.epochs))
            service_runs.append(seconds_between(job, "created_at", "finished_at"))
            running_runs.append(seconds_between(job, "started_at", "finished_at"))
            engine_runs.append(engine_alone(X, y, job["hyperparameters"]))
    return {
        "service_s": statistics.median(service_runs),
        "running_s": statistics.median(running_runs),
        "engine_s": statistics.median(engine_runs),
        "engine_best_s": min(engine_runs),
        "service_best_s": min(service_runs),
    }


def two_at_once(size: Size, workdir: Path, blas_threads: str | None) -> float:
    """Seconds until two jobs queued together on two workers have both finished."""
    env = {"NNSERVICE_BLAS_THREADS": blas_threads} if blas_threads else {}
    with running_service(workdir / f"pair-{blas_threads or 'default'}", workers=2, env=env) as client:
        dataset_id = client.upload(csv_bytes(*synthetic(size.rows)))
        client.wait_idle(2)
        queued = [client.queue(dataset_id, size.wide_epochs, WIDE) for _ in range(2)]
        jobs = [client.wait(job_id) for job_id in queued]
    first = min(datetime.fromisoformat(job["created_at"]) for job in jobs)
    last = max(datetime.fromisoformat(job["finished_at"]) for job in jobs)
    return (last - first).total_seconds()


def render(size: Size, result: dict, sharing: dict, quick: bool) -> str:
    ratio = result["service_s"] / result["engine_s"] - 1
    cores = len(os.sched_getaffinity(0))
    lines = [
        "### Training through the service" + (" (quick run: a small job, not a measurement)" if quick else ""),
        "",
        f"One job: {size.rows:,} rows x {FEATURES} features, network {FEATURES}-{'-'.join(map(str, HIDDEN))}-2, "
        f"adam, batch 200, {size.epochs} epochs, 20 % held out; medians of {size.repeats} runs, interleaved.",
        "",
        "| | seconds | best |",
        "|---|---|---|",
        f"| service: `created_at` to `finished_at` | {result['service_s']:.2f} | {result['service_best_s']:.2f} |",
        f"| of which running: `started_at` to `finished_at` | {result['running_s']:.2f} | |",
        f"| nn_engine alone: split, fit, evaluate (reference) | {result['engine_s']:.2f} | {result['engine_best_s']:.2f} |",
        "",
        f"Service over the engine alone: {ratio:+.1%} (target at most +10 %: {verdict(ratio <= OVERHEAD_TARGET)}).",
        "",
        f"Two jobs at once on `serve --workers 2` ({cores} cores), the same rows through a wider network "
        f"({FEATURES}-{'-'.join(map(str, WIDE))}-2, {size.wide_epochs} epochs), until both have finished:",
        "",
        "| each worker's BLAS | seconds |",
        "|---|---|",
        f"| its share of the cores (default: {max(1, cores // 2)} thread) | {sharing['shared']:.2f} |",
        f"| every core ({cores} threads each: oversubscribed) | {sharing['oversubscribed']:.2f} |",
    ]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--markdown", type=Path, help="rewrite this file's generated block with the results")
    parser.add_argument("--quick", action="store_true", help="a small job (a smoke test, not a measurement)")
    args = parser.parse_args(argv)
    size = QUICK if args.quick else FULL
    with tempfile.TemporaryDirectory() as tmp:
        workdir = Path(tmp)
        result = overhead(size, workdir)
        cores = str(len(os.sched_getaffinity(0)))
        sharing = {"shared": two_at_once(size, workdir, None), "oversubscribed": two_at_once(size, workdir, cores)}
    report = render(size, result, sharing, args.quick)
    print(report)
    if args.markdown:
        write_generated(args.markdown, "bench_training.py", report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
