"""`nnservice train | predict`: a client of a running service, over HTTP.

The server and key come from flags or the environment (`NNSERVICE_URL`, `NNSERVICE_KEY`); with
neither key, the admin key that `serve` wrote under ./data is used, so the local default works.
"""

import argparse
import csv
import json
import os
import sys
from pathlib import Path

import httpx
from tqdm import tqdm

from nn_engine.metrics import METRICS
from service.core.status import JobStatus

DEFAULT_URL = "http://127.0.0.1:8000"
LOCAL_KEY_FILE = Path("data") / "admin.key"


class ClientError(Exception):
    """A refusal or failure to tell the user in one line; exit code 1."""


def add_commands(commands) -> None:
    train = commands.add_parser("train", help="upload a CSV, train on it with live progress, print the metrics")
    train.add_argument("csv", type=Path, help="a CSV file with a header row")
    train.add_argument("--target", required=True, help="the column to predict")
    train.add_argument("--exclude", action="append", default=[], help="a column to leave out (repeat, or a,b)")
    train.add_argument("--hidden", type=int, nargs="+", help="hidden layer widths, e.g. --hidden 32 16")
    train.add_argument("--epochs", type=int)
    train.add_argument("--learning-rate", type=float)
    train.add_argument("--task", choices=["classification", "regression"])
    train.add_argument(
        "--set", action="append", default=[], metavar="NAME=VALUE", help="any other hyperparameter (JSON value)"
    )
    predict = commands.add_parser("predict", help="predict the rows of a CSV with a trained model")
    predict.add_argument("model_id", help="the model's id, or name@alias, or name@version")
    predict.add_argument("csv", type=Path, help="rows with (at least) the model's feature columns, and a header")
    predict.add_argument("--output", "-o", type=Path, help="write the predictions here (default: print them)")
    for sub in (train, predict):
        sub.add_argument("--url", default=os.environ.get("NNSERVICE_URL", DEFAULT_URL), help="env NNSERVICE_URL")
        sub.add_argument("--key", default=os.environ.get("NNSERVICE_KEY"), help="an API key; env NNSERVICE_KEY")


def run(args: argparse.Namespace) -> int:
    try:
        with connect(args.url, args.key) as client:
            return train(client, args) if args.command == "train" else predict(client, args)
    except ClientError as exc:
        print(f"nnservice {args.command}: {exc}", file=sys.stderr)
        return 1
    except httpx.TransportError as exc:
        print(f"nnservice {args.command}: cannot reach {args.url}: {exc}", file=sys.stderr)
        return 1


def connect(url: str, key: str | None) -> httpx.Client:
    if key is None and LOCAL_KEY_FILE.exists():
        key = LOCAL_KEY_FILE.read_text().strip()
    if not key:
        raise ClientError("no API key: pass --key or set NNSERVICE_KEY")
    return httpx.Client(base_url=url, headers={"Authorization": f"Bearer {key}"}, timeout=60)


def call(client: httpx.Client, method: str, path: str, **kwargs) -> dict:
    response = client.request(method, path, **kwargs)
    if response.is_error:
        try:
            detail = response.json().get("detail", response.text)
        except ValueError:
            detail = response.text
        raise ClientError(f"{response.status_code}: {detail}")
    return response.json()


def train(client: httpx.Client, args) -> int:
    with args.csv.open("rb") as file:
        dataset = call(client, "POST", "/v1/datasets", files={"file": (args.csv.name, file, "text/csv")})
    print(f"dataset {dataset['id']}: {dataset['row_count']} rows, {dataset['column_count']} columns", file=sys.stderr)
    job = call(client, "POST", "/v1/jobs", json=job_request(dataset["id"], args))
    print(f"job {job['id']} queued", file=sys.stderr)
    end = follow(client, job)
    if end["status"] != JobStatus.SUCCEEDED:
        raise ClientError(f"job {job['id']} {end['status']}: {end.get('error') or ''}".rstrip(": "))
    model = call(client, "GET", f"/v1/models/{end['model_id']}")
    metrics = model["metrics"]
    shown = ", ".join(f"{name} {metrics[name]:.4f}" for name in METRICS if name in metrics)
    print(f"model {model['id']}")
    print(f"{metrics.get('split', 'test')} metrics ({metrics.get('rows', '?')} rows): {shown}")
    if "confusion_matrix" in metrics:
        print(f"confusion matrix (rows: true {metrics['classes']}): {metrics['confusion_matrix']}")
    for column in model["preprocessing"].get("columns", []):  # absent from models trained before encodings
        print(f"  {column['name']}: {describe_column(column)}")
    return 0


def describe_column(column: dict) -> str:
    """One line of what training did with a column (the job's and model's `columns`)."""
    if "left_out" in column:
        return f"left out ({column['left_out']})"
    parts = [f"{column['type']}, {column['strategy']}"]
    if column.get("values_imputed"):
        parts.append(f"{column['values_imputed']} values imputed")
    if "levels_kept" in column:
        pooled = column["n_levels_pooled"]
        parts.append(f"{len(column['levels_kept'])} levels" + (f", {pooled} pooled into <other>" if pooled else ""))
    return "; ".join(parts)


def job_request(dataset_id: str, args) -> dict:
    hyperparameters = {}
    for option, name in (
        (args.hidden, "hidden_layers"),
        (args.epochs, "epochs"),
        (args.learning_rate, "learning_rate"),
    ):
        if option is not None:
            hyperparameters[name] = option
    for assignment in args.set:
        name, _, value = assignment.partition("=")
        try:
            hyperparameters[name] = json.loads(value)
        except ValueError:
            hyperparameters[name] = value  # a bare word, e.g. --set activation=tanh
    exclude = [name for item in args.exclude for name in item.split(",") if name]
    body = {"dataset_id": dataset_id, "target": args.target, "exclude": exclude, "hyperparameters": hyperparameters}
    return body | ({"task": args.task} if args.task else {})


def follow(client: httpx.Client, job: dict) -> dict:
    """Show the job's progress from its event stream until its end event, which is returned."""
    bar = tqdm(total=job["progress"]["epochs"], unit="epoch", file=sys.stderr, dynamic_ncols=True)
    last_id = None
    try:
        while True:  # reconnects after a dropped stream, from the last event seen
            headers: dict[str, str] = {"Last-Event-ID": last_id} if last_id else {}
            with client.stream("GET", f"/v1/jobs/{job['id']}/events", headers=headers, timeout=None) as response:
                if response.is_error:
                    raise ClientError(f"{response.status_code}: cannot follow job {job['id']}")
                for kind, event_id, data in read_events(response):
                    if kind == "progress":
                        last_id = event_id
                        epoch = data["epochs"][-1]
                        bar.update(epoch["epoch"] - bar.n)
                        costs = {"cost": f"{epoch['train_cost']:.4f}"}
                        if epoch["validation_cost"] is not None:
                            costs["validation"] = f"{epoch['validation_cost']:.4f}"
                        bar.set_postfix(costs, refresh=False)
                    elif kind == "end":
                        return data
    finally:
        bar.close()


def read_events(response: httpx.Response):
    """(event, id, data) of each event of an SSE stream."""
    fields: dict[str, str] = {}
    for line in response.iter_lines():
        if not line:
            if "event" in fields:
                yield fields["event"], fields.get("id"), json.loads(fields.get("data", "null"))
            fields = {}
        elif not line.startswith(":"):  # a comment: keep-alive
            name, _, value = line.partition(": ")
            fields[name] = value


def predict(client: httpx.Client, args) -> int:
    """Send the CSV as it is (`text/csv`): the service reads its types as an upload's, and a model that
    takes raw columns scores text, gaps and dates, warning about each cell it had to fill in."""
    model = call(client, "GET", f"/v1/models/{args.model_id}")
    with args.csv.open(newline="", encoding="utf-8-sig") as file:
        header = next(csv.reader(file), [])
    known = {c["name"] for c in model["preprocessing"].get("columns", [])}
    missing = [name for name in model["features"] if name not in header and name not in known]
    if missing:  # a model from before encodings needs every feature; others score a missing column as missing
        raise ClientError(f"{args.csv} lacks the model's feature column(s): {', '.join(missing)}")
    answer = call(
        client,
        "POST",
        f"/v1/models/{args.model_id}/predict",
        content=args.csv.read_bytes(),
        headers={"Content-Type": "text/csv"},
    )
    for warning in answer.get("warnings", [])[:20]:
        print(f"row {warning['row']}, {warning['column']}: {warning['message']}", file=sys.stderr)
    out = args.output.open("w", newline="") if args.output else sys.stdout
    try:
        writer = csv.writer(out, lineterminator="\n")
        classes = answer.get("classes")
        writer.writerow(["prediction"] + [f"p({c})" for c in classes or []])
        for i, prediction in enumerate(answer["predictions"]):
            writer.writerow([prediction] + (answer["probabilities"][i] if classes else []))
    finally:
        if args.output:
            out.close()
            print(f"{len(answer['predictions'])} predictions written to {args.output}", file=sys.stderr)
    return 0
