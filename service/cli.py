"""`nnservice serve | worker | migrate | keys`: the service's processes; `train | predict`: its client."""

import argparse
import logging
import os
import signal
import sys

from service import client_cli
from service.core import api_keys
from service.core.config import Settings
from service.core.db import database_from_settings
from service.core.errors import ServiceError
from service.core.migrate import upgrade_to_head
from service.jobs.supervisor import WorkerProcesses
from service.jobs.worker import run_worker
from service.observability import logs

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
    keys = commands.add_parser("keys", help="create, list and revoke API keys")
    key_commands = keys.add_subparsers(dest="keys_command", required=True)
    create = key_commands.add_parser("create", help="create a key and print it (once: only its hash is kept)")
    create.add_argument("--owner", required=True, help="the tenant whose datasets, jobs and models the key sees")
    create.add_argument("--name", default="", help="a note to tell keys apart")
    scope = create.add_mutually_exclusive_group()
    scope.add_argument(
        "--scope",
        choices=list(api_keys.Scope),
        default=api_keys.DEFAULT_SCOPE,
        help="what it may do, each including the ones before: predict (predict, read models), read (read "
        "everything of the owner's), write (everything of the owner's), admin (write, on every owner's); "
        f"default {api_keys.DEFAULT_SCOPE}",
    )
    scope.add_argument("--admin", dest="scope", action="store_const", const=api_keys.Scope.ADMIN, help="--scope admin")
    create.add_argument("--expires-in", help="its lifetime, as 90s, 15m, 12h or 30d (default: it never expires)")
    key_commands.add_parser("list", help="every key: id, owner, name, prefix, scope, created, expires, revoked")
    revoke = key_commands.add_parser("revoke", help="revoke a key by its id (within seconds on every server)")
    revoke.add_argument("key_id")
    client_cli.add_commands(commands)
    for sub in (serve, worker, commands.choices["migrate"], *key_commands.choices.values()):
        sub.add_argument("--database-url", help="SQLAlchemy URL (default: SQLite under --data-dir); env DATABASE_URL")
        sub.add_argument("--data-dir", help="directory of the SQLite file (default ./data); env NNSERVICE_DATA_DIR")
    args = parser.parse_args(argv)
    if args.command in ("train", "predict"):
        return client_cli.run(args)

    logs.configure()
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
    if args.command == "keys":
        return manage_keys(settings, args)
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


def manage_keys(settings: Settings, args) -> int:
    database = database_from_settings(settings)
    upgrade_to_head(database)
    try:
        if args.keys_command == "create":
            lifetime = api_keys.parse_lifetime(args.expires_in) if args.expires_in else None
            row, key = api_keys.create(
                database, owner=args.owner, name=args.name, scope=api_keys.Scope(args.scope), expires_in=lifetime
            )
            print(key)
            expiry = f", expires at {row.expires_at.isoformat(timespec='seconds')}" if row.expires_at else ""
            print(
                f"key {row.id} for owner {row.owner!r}, scope {row.scope}{expiry}: keep it, it is not shown again",
                file=sys.stderr,
            )
        elif args.keys_command == "list":
            print("id\towner\tname\tprefix\tscope\tcreated_at\texpires_at\trevoked_at")
            for row in api_keys.list_(database):
                times = (row.created_at, row.expires_at, row.revoked_at)
                created, expires, revoked = (t.isoformat(timespec="seconds") if t else "" for t in times)
                print(
                    f"{row.id}\t{row.owner}\t{row.name}\t{row.prefix}...\t{row.scope}\t{created}\t{expires}\t{revoked}"
                )
        else:
            row = api_keys.revoke(database, key_id=args.key_id)
            print(f"key {row.id} of owner {row.owner!r} revoked", file=sys.stderr)
    except ServiceError as exc:
        print(f"nnservice keys: {exc.detail}", file=sys.stderr)
        return 2
    finally:
        database.dispose()
    return 0


def serve_forever(settings: Settings) -> int:
    import uvicorn

    from service.api import http_protocol
    from service.main import create_app

    database = database_from_settings(settings)
    upgrade_to_head(database)
    first_key = api_keys.ensure_admin_key(database, settings.data_dir)
    if first_key:
        key_file = (settings.data_dir / api_keys.ADMIN_KEY_FILE).resolve()
        print(
            f"\nNo API key existed, so an admin key was created (shown once; also in {key_file}):\n\n"
            f"    {first_key}\n\nSend it as: Authorization: Bearer <key>\n",
            file=sys.stderr,
            flush=True,
        )
    database.dispose()
    workers = WorkerProcesses(settings.workers)
    log.info(
        "API on http://%s:%d (dashboard at /dashboard/, metrics at /metrics) with %d worker process(es), database %s",
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
        # log_config=None: uvicorn's records go to our handler; its access log is replaced by ours
        # (api/observe.py), which carries the request id and the route
        uvicorn.run(
            create_app(settings),
            host=settings.host,
            port=settings.port,
            log_level="info",
            log_config=None,
            access_log=False,
            http=http_protocol.ProblemHTTPProtocol,  # uvicorn's own 400s as problem bodies too
        )
    finally:
        workers.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
