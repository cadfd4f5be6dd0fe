"""Every NNSERVICE_MAX_* bound that a request schema states follows the setting: in what a job may
ask and in what /openapi.json says. The schemas read the settings at import, so each case runs a
fresh interpreter with the variable set."""

import json
import os
import subprocess
import sys

import pytest

PROBE = """
import json, sys
from fastapi.testclient import TestClient
from service.core import api_keys
from service.core.config import get_settings
from service.core.db import database_from_settings
from service.core.migrate import upgrade_to_head
from service.main import create_app

settings = get_settings()
db = database_from_settings(settings)
upgrade_to_head(db)
_, key = api_keys.create(db, owner="alice")
hyperparameters = json.loads(sys.argv[1])
with TestClient(create_app(settings, db), headers={"Authorization": f"Bearer {key}"}) as client:
    schema = client.get("/openapi.json").json()["components"]["schemas"]["Hyperparameters"]["properties"]
    csv = "x,y\\n" + "".join(f"{i},{i % 2}\\n" for i in range(20))
    dataset = client.post("/v1/datasets", content=csv, headers={"Content-Type": "text/csv"}).json()
    job = client.post("/v1/jobs", json={"dataset_id": dataset["id"], "target": "y", "hyperparameters": hyperparameters})
    print(json.dumps({"schema": schema, "status": job.status_code, "body": job.json()}))
"""


def probe(tmp_path, env: dict[str, str], hyperparameters: dict) -> dict:
    environment = {**os.environ, "NNSERVICE_DATA_DIR": str(tmp_path), **env}
    environment.pop("DATABASE_URL", None)
    done = subprocess.run(
        [sys.executable, "-c", PROBE, json.dumps(hyperparameters)],
        env=environment,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


CASES = [
    ("NNSERVICE_MAX_HIDDEN_LAYERS", "40", {"hidden_layers": [2] * 40}, lambda s: s["hidden_layers"]["maxItems"]),
    (
        "NNSERVICE_MAX_UNITS_PER_LAYER",
        "5000",
        {"hidden_layers": [5000]},
        lambda s: s["hidden_layers"]["items"]["maximum"],
    ),
    ("NNSERVICE_MAX_EPOCHS", "200000", {"epochs": 150_000}, lambda s: s["epochs"]["maximum"]),
]


@pytest.mark.parametrize(("variable", "value", "hyperparameters", "stated"), CASES, ids=[c[0] for c in CASES])
def test_a_raised_bound_is_accepted_and_documented(tmp_path, variable, value, hyperparameters, stated):
    answer = probe(tmp_path, {variable: value}, hyperparameters)
    assert stated(answer["schema"]) == int(value)
    assert answer["status"] == 202, answer["body"]


@pytest.mark.parametrize(("variable", "value", "hyperparameters", "stated"), CASES, ids=[c[0] for c in CASES])
def test_a_lowered_bound_refuses_and_is_documented(tmp_path, variable, value, hyperparameters, stated):
    lowered = {
        "NNSERVICE_MAX_HIDDEN_LAYERS": "3",
        "NNSERVICE_MAX_UNITS_PER_LAYER": "100",
        "NNSERVICE_MAX_EPOCHS": "1000",
    }
    answer = probe(tmp_path, {variable: lowered[variable]}, hyperparameters)
    assert stated(answer["schema"]) == int(lowered[variable])
    assert answer["status"] == 422
    assert answer["body"]["errors"][0]["field"].startswith("hyperparameters.")
