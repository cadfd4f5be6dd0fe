"""The reproducibility contract on the real server: two worker processes with one BLAS thread each
train a job and its replay to the same bits, and the model says how it was made."""

from .conftest import queue_breast_cancer_job, wait_for_status


def test_a_replay_on_real_workers_with_one_blas_thread_is_bit_identical(start_server):
    server = start_server(workers=2, env={"NNSERVICE_BLAS_THREADS": "1"})
    client = server.client
    job = queue_breast_cancer_job(
        client, hidden_layers=[64, 32], dropout=[0.3, 0.1], epochs=40, validation_fraction=0.2, class_weight="balanced"
    )
    original = wait_for_status(client, job["id"], {"succeeded", "failed"}, timeout=120)
    assert original["status"] == "succeeded", original["error"]
    record = client.get(f"/v1/models/{original['model_id']}").json()["reproducibility"]
    assert [blas["threads"] for blas in record["versions"]["blas"]] == [1]

    replay = client.post(f"/v1/jobs/{job['id']}/replay")
    assert replay.status_code == 202, replay.text
    ended = wait_for_status(client, replay.json()["id"], {"succeeded", "failed"}, timeout=120)
    assert ended["status"] == "succeeded", ended["error"]
    assert ended["replay"]["identical"] is True, ended["replay"]
    replayed = client.get(f"/v1/models/{ended['model_id']}").json()["reproducibility"]
    assert replayed["dataset_sha256"] == record["dataset_sha256"]
    assert replayed["hyperparameters"] == record["hyperparameters"]
    assert server.stop() == 0
