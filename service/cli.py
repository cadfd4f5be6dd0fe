"""`nnservice serve | worker | migrate`: the service's processes."""

import argparse
import logging
import os
import signal
import sys

from .config import Settings
from .db import database_from_settings
from .migrate import upgrade_to_head
from .supervisor import WorkerProcesses
from .worker import run_worker

log = logging.getLogger("nnservice")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="nnservice", description="Train neural networks over HTTP.")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="apply migrations, start the API and its workers")
    serve.add_argument("--host", help="address to listen on (default 127.0.0.1; 0.0.0.0 in a container)")
    serve.add_argument("--port", type=int, help="port (default 8000)")
    serve.add_argument("--workers", type=int, help="worker processes to start (default: one per core; 0 for none)")
    worker = commands.add_parser("worker", help="run worker processes only")
    worker.add_argument("--workers", type=int, default=1, help="worker processes (default 1)")
    commands.add_parser("migrate", help="apply database migrations up to the latest")
    for sub in (serve, worker, commands.choices["migrate"]):
        sub.add_argument("--database-url", help="SQLAlchemy URL (default: SQLite under --data-dir); env DATABASE_URL")
        sub.add_argument("--data-dir", help="directory of the SQLite file (default ./data); env NNSERVICE_DATA_DIR")
    args = parser.parse_args(argv)

    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s [%(process)d] %(message)s")
    overrides = {
        k: v for k, v in {"database_url": args.database_url, "data_dir": args.data_dir}.items() if v is not None
    }
    if args.command == "serve":
        overrides.update(
            {k: v for k, v in {"host": args.host, "port": args.port, "workers": args.workers}.items() if v is not None}
        )
    settings = Settings(**overrides)
    # Child processes read the same settings from the environment.
    os.environ["DATABASE_URL"] = settings.resolved_database_url

    if args.command == "migrate":
        upgrade_to_head(database_from_settings(settings))
        log.info("database at the latest migration")
        return 0
    if args.command == "worker":
        return run_workers(settings, args.workers)
    return serve_forever(settings)


def run_workers(settings: Settings, count: int) -> int:
    if count == 1:
        run_worker(database_from_settings(settings), settings)
        return 0
    workers = WorkerProcesses(count)
    signal.signal(signal.SIGTERM, lambda *_: workers.stop())
    try:
        workers.wait()
    except KeyboardInterrupt:
        workers.stop()
    return 0


def serve_forever(settings: Settings) -> int:
    import uvicorn

    from .main import create_app

    upgrade_to_head(database_from_settings(settings))
    workers = WorkerProcesses(settings.workers)
    log.info(
        "API on http://%s:%d with %d worker process(es), database %s",
        settings.host,
        settings.port,
        settings.workers,
        settings.resolved_database_url,
    )
    # uvicorn shuts down on SIGTERM/SIGINT, restores the handlers it found and raises the signal
    # again; with these no-op handlers that returns here, so the workers are stopped below
    # (with the default ones the process would die at once and orphan them).
    signal.signal(signal.SIGTERM, lambda *_: None)
    signal.signal(signal.SIGINT, lambda *_: None)
    try:
        uvicorn.run(create_app(settings), host=settings.host, port=settings.port, log_level="info")
    finally:
        workers.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
