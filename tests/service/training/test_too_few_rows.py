"""A dataset too small for the splits a job asks for (test, validation, early stopping's default,
cross-validation folds): refused at creation with a 422 saying how many rows a class needs, naming
the option in play, and writing nothing; where the statistics cannot tell (a numeric target's class
counts), the job fails with the engine's clear message, never an internal error."""

import pytest

from tests.service.conftest import assert_refused, rows_in, upload_csv


def csv(labels: list) -> bytes:
    return b"x,label\n" + b"".join(f"{i / 10},{label}\n".encode() for i, label in enumerate(labels))


def refused(client, db, labels: list, status: int, *words: str, **body) -> None:
    dataset = upload_csv(client, csv(labels))
    before = rows_in(db)
    response = client.post("/v1/jobs", json={"dataset_id": dataset["id"], "target": "label"} | body)
    assert_refused(response, status, *words)
    assert rows_in(db) == before  # no job, no idempotency record: nothing half written


@pytest.mark.parametrize("labels", [["a", "b"], ["a", "a", "b"]])
def test_two_or_three_rows_are_refused_for_the_default_test_split(client, db, labels):
    refused(
        client, db, labels, 422, "hyperparameters.test_fraction", "test_fraction=0.2", "needs 3 rows", "set it to 0"
    )


def test_two_rows_of_a_quantity_are_refused_for_the_test_split(client, db):
    refused(client, db, [1.5, 2.5], 422, "hyperparameters.test_fraction", "of the 2 rows", task="regression")


def test_early_stoppings_default_validation_split_is_named_as_such(client, db):
    refused(
        client,
        db,
        ["a", "a", "b", "b"],
        422,
        "hyperparameters.early_stopping",
        "validation_fraction=0.1 (early stopping's default)",
        "needs 6 rows",
        "turn early stopping off",
        hyperparameters={"test_fraction": 0, "early_stopping": True},
    )


def test_an_asked_validation_split_too_small_names_validation_fraction(client, db):
    refused(
        client,
        db,
        ["a"] * 4 + ["b"] * 4,
        422,
        "hyperparameters.validation_fraction",
        "validation_fraction=0.05",
        "needs 11 rows",
        "of the 6 training rows after the test split",
        hyperparameters={"validation_fraction": 0.05},
    )


def test_each_cv_folds_validation_split_is_checked(client, db):
    # 6 rows a class: the final training holds out 1 for validation, a fold (3 training rows a class) none
    refused(
        client,
        db,
        ["a"] * 6 + ["b"] * 6,
        422,
        "hyperparameters.early_stopping",
        "of a cv=2 fold",
        hyperparameters={"test_fraction": 0, "early_stopping": True},
        cv=2,
    )


def test_class_counts_the_statistics_cannot_tell_fail_the_job_with_the_engines_message(train_job, client):
    # a numeric target (classes 0, 1, 2) lists no counts: 2 rows each may not be 4, 1, 1, which would split
    dataset = upload_csv(client, csv([0, 0, 1, 1, 2, 2]))
    job = train_job({"dataset_id": dataset["id"], "target": "label", "hyperparameters": {"epochs": 2}})
    assert job["status"] == "failed"
    assert job["error"].startswith("cannot train on this data: test_fraction=0.2 holds out no row of 6"), job["error"]
    assert "internal error" not in job["error"] and job["model_id"] is None


def test_three_rows_of_a_quantity_train(train_job, client):
    dataset = upload_csv(client, csv([1.5, 2.5, 3.5]))
    job = train_job(
        {"dataset_id": dataset["id"], "target": "label", "task": "regression", "hyperparameters": {"epochs": 2}}
    )
    assert job["status"] == "succeeded", job["error"]
