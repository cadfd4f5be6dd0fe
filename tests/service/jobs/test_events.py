"""The event stream: what one follower sees, and many followers sharing one read of the database."""

import asyncio
import json
import time

from service.jobs.events import Feeds, Position, follow
from tests.service.conftest import assert_refused, run_next_job, upload_csv

EPOCHS = 3000


def queue_job(client, epochs: int = EPOCHS) -> dict:
    dataset = upload_csv(client)
    body = {"dataset_id": dataset["id"], "target": "label", "exclude": ["id"]}
    body["hyperparameters"] = {"epochs": epochs, "batch_size": 2}  # slow enough to be followed live
    return client.post("/v1/jobs", json=body).json()


async def collect(stream) -> list[dict]:
    events = []
    async for text in stream:
        if not text.startswith(":"):
            fields = dict(line.split(": ", 1) for line in text.strip().split("\n"))
            events.append({**fields, "data": json.loads(fields["data"])})
    return events


def epochs_of(events: list[dict]) -> list[int]:
    return [row["epoch"] for e in events if e["event"] == "progress" for row in e["data"]["epochs"]]


def test_many_followers_of_a_running_job_share_one_read_per_interval(client, db, worker):
    job = queue_job(client)
    feeds = Feeds(db, poll_seconds=0.05)

    async def follow_while_it_runs():
        followers = [collect(follow(feeds, job["id"], Position())) for _ in range(20)]
        return await asyncio.gather(asyncio.to_thread(run_next_job, worker), *followers)

    started = time.monotonic()
    _, *streams = asyncio.run(follow_while_it_runs())
    elapsed = time.monotonic() - started
    for events in streams:
        assert epochs_of(events) == list(range(1, EPOCHS + 1))
        assert events[-1]["event"] == "end" and events[-1]["data"]["status"] == "succeeded"
    assert len([e for e in streams[0] if e["event"] == "progress"]) > 1  # it was followed live
    assert feeds.reads <= elapsed / 0.05 + 2  # one read per interval, not one per follower


def test_a_follower_resumes_after_its_last_event_id(client, db, worker):
    job = queue_job(client, epochs=50)
    run_next_job(worker)
    feeds = Feeds(db, poll_seconds=0.05)
    events = asyncio.run(collect(follow(feeds, job["id"], Position(1, 20))))
    assert epochs_of(events) == list(range(21, 51))
    assert events[-1]["event"] == "end"


def test_events_through_http_for_a_finished_job_and_bad_requests(client, worker):
    job = queue_job(client, epochs=30)
    run_next_job(worker)
    response = client.get(f"/v1/jobs/{job['id']}/events", headers={"Last-Event-ID": "1.25"})
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/event-stream")
    assert "id: 1.30" in response.text and "event: end" in response.text
    assert 'epoch": 25,' not in response.text.replace(" ", "")
    assert_refused(client.get(f"/v1/jobs/{job['id']}/events", headers={"Last-Event-ID": "x"}), 422, "Last-Event-ID")
    missing = client.get("/v1/jobs/00000000-0000-4000-8000-000000000000/events")
    assert_refused(missing, 404, "does not exist")


def test_a_client_that_cannot_send_headers_gives_the_key_as_access_token(client, anonymous, db):
    from tests.service.conftest import bearer

    job = queue_job(client, epochs=5)
    key = bearer(db, "alice")["Authorization"].split()[1]
    url = f"/v1/jobs/{job['id']}/events"
    with anonymous.stream("GET", f"{url}?access_token={key}") as response:
        assert response.status_code == 200
    assert_refused(anonymous.get(f"{url}?access_token=nns_wrong"), 401, "unknown or revoked")
    assert_refused(anonymous.get(url), 401, "send an API key")
    assert_refused(anonymous.get(f"/v1/jobs/{job['id']}?access_token={key}"), 401)  # the event stream only
    other = bearer(db, "bob")["Authorization"].split()[1]
    assert_refused(anonymous.get(f"{url}?access_token={other}"), 404)
