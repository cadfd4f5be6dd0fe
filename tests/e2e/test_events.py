"""The event stream on the real server: every epoch once and in order, across a reconnection."""

import json

from .conftest import REPO, wait_for_status

EPOCHS = 6000


def read_events(response, stop_after_progress: int | None = None) -> list[dict]:
    """Parsed SSE events; stop (and so disconnect) after that many progress events."""
    events, event = [], {}
    for line in response.iter_lines():
        if line == "":
            if event:
                events.append(event)
                if stop_after_progress and sum(e["event"] == "progress" for e in events) >= stop_after_progress:
                    return events
            event = {}
        elif not line.startswith(":"):
            field, _, value = line.partition(": ")
            event[field] = json.loads(value) if field == "data" else value
    return events


def test_every_epoch_arrives_once_and_in_order_across_a_reconnect(start_server):
    server = start_server(workers=1)
    client = server.client
    dataset = client.post("/v1/datasets", files={"file": open(REPO / "examples/breast_cancer.csv", "rb")}).json()
    body = {"dataset_id": dataset["id"], "target": "diagnosis", "exclude": ["id"]}
    body["hyperparameters"] = {"epochs": EPOCHS, "batch_size": 16, "validation_fraction": 0.1}
    job = client.post("/v1/jobs", json=body).json()

    with client.stream("GET", f"/v1/jobs/{job['id']}/events") as response:
        assert response.status_code == 200
        assert response.headers["content-type"].startswith("text/event-stream")
        first = read_events(response, stop_after_progress=1)
    last_id = [e for e in first if e["event"] == "progress"][-1]["id"]
    assert last_id.split(".")[1] != str(EPOCHS), "the job ended before the reconnection; make it longer"
    with client.stream("GET", f"/v1/jobs/{job['id']}/events", headers={"Last-Event-ID": last_id}) as response:
        rest = read_events(response)

    progress = [e for e in first + rest if e["event"] == "progress"]
    epochs = [row["epoch"] for e in progress for row in e["data"]["epochs"]]
    assert epochs == list(range(1, EPOCHS + 1))
    assert all(row["validation_cost"] is not None for e in progress for row in e["data"]["epochs"])
    assert [e["event"] for e in first][0] in ("status", "progress")
    end = rest[-1]
    assert end["event"] == "end" and end["data"]["status"] == "succeeded"
    finished = wait_for_status(client, job["id"], {"succeeded"}, timeout=5)
    assert end["data"]["model_id"] == finished["model_id"]
    # a stream of a finished job replays it whole, then ends
    with client.stream("GET", f"/v1/jobs/{job['id']}/events") as response:
        replay = read_events(response)
    assert [row["epoch"] for e in replay if e["event"] == "progress" for row in e["data"]["epochs"]] == epochs
    assert replay[-1]["event"] == "end"
