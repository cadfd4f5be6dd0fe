"""Named models through HTTP: register under a name (versions 1, 2, ...), aliases that move, and
get and predict by name@alias and name@version."""

import pytest

from tests.service.conftest import TINY_CSV, assert_refused, bearer, rows_in, run_job

ROWS = {"instances": [[0.9, 0.8], [0.1, 0.3], [0.5, 0.5]]}
MISSING = "00000000-0000-0000-0000-000000000000"


def train(client, worker, dataset_id: str, seed: int, headers: dict | None = None) -> str:
    """Another model on the dataset; a different seed and length give different probabilities."""
    body = {
        "dataset_id": dataset_id,
        "target": "label",
        "exclude": ["id"],
        "hyperparameters": {"epochs": 10 + seed, "learning_rate": 0.01, "seed": seed},
    }
    model_id = run_job(client, worker, body, headers)["model_id"]
    assert model_id
    return model_id


def register(client, model_id: str, name: str = "cancer", alias: str | None = "production", **kwargs):
    body = {"name": name} | ({"alias": alias} if alias else {})
    return client.post(f"/v1/models/{model_id}/aliases", json=body, **kwargs)


def predict(client, ref: str, **kwargs):
    return client.post(f"/v1/models/{ref}/predict", json=ROWS, **kwargs)


@pytest.fixture
def two(client, worker, trained) -> tuple[str, str]:
    """Two of alice's models on the same data, neither registered yet."""
    return trained["model_id"], train(client, worker, trained["dataset"]["id"], seed=7)


def test_registering_gives_the_next_version_and_points_the_alias(client, two):
    first, second = two
    created = register(client, first)
    assert created.status_code == 201, created.text
    assert created.json() == {"model_id": first, "name": "cancer", "version": 1, "aliases": ["production"]}
    assert register(client, second, alias=None).json() == {
        "model_id": second,
        "name": "cancer",
        "version": 2,
        "aliases": [],
    }
    again = register(client, first, alias="stable")  # registered already: same version, one more alias
    assert again.status_code == 200
    assert again.json() == {"model_id": first, "name": "cancer", "version": 1, "aliases": ["production", "stable"]}

    name = client.get("/v1/model-names/cancer").json()
    assert name["name"] == "cancer"
    assert name["aliases"] == {"production": 1, "stable": 1}
    assert [(v["version"], v["model_id"], v["aliases"]) for v in name["versions"]] == [
        (2, second, []),
        (1, first, ["production", "stable"]),
    ]
    summary = name["versions"][1]["metrics"]
    assert summary["split"] == "test" and {"accuracy", "log_loss"} <= set(summary)
    assert "confusion_matrix" not in summary  # a summary: single numbers only
    assert all(v["task"] == "classification" and v["created_at"] for v in name["versions"])

    model = client.get(f"/v1/models/{first}").json()
    assert (model["name"], model["version"], model["aliases"]) == ("cancer", 1, ["production", "stable"])
    listed = {m["id"]: (m["name"], m["version"], m["aliases"]) for m in client.get("/v1/models").json()["data"]}
    assert listed == {first: ("cancer", 1, ["production", "stable"]), second: ("cancer", 2, [])}


def test_an_unregistered_model_has_no_name(client, trained):
    model = client.get(f"/v1/models/{trained['model_id']}").json()
    assert (model["name"], model["version"], model["aliases"]) == (None, None, [])


def test_predict_and_get_by_alias_and_by_version_answer_as_by_id(client, two):
    first, second = two
    register(client, first)
    register(client, second, alias="staging")
    for ref, model_id in (("cancer@production", first), ("cancer@1", first), ("cancer@staging", second)):
        by_name = predict(client, ref)
        assert by_name.status_code == 200, by_name.text
        assert by_name.json() == predict(client, model_id).json()
        assert by_name.json()["model_id"] == model_id
        got = client.get(f"/v1/models/{ref}")
        assert got.status_code == 200 and got.json()["id"] == model_id
    assert predict(client, "cancer@2").json()["model_id"] == second
    assert client.get("/v1/models/cancer%40production").json()["id"] == first  # an encoded @ works too


def test_moving_the_alias_moves_the_predictions_at_once(client, two):
    first, second = two
    register(client, first)
    register(client, second, alias=None)
    before = predict(client, "cancer@production").json()  # the first model is now in the prediction cache
    assert before["model_id"] == first

    moved = register(client, second)
    assert moved.status_code == 200 and moved.json()["aliases"] == ["production"]

    after = predict(client, "cancer@production").json()
    assert after == predict(client, second).json()
    assert after["model_id"] == second and after["probabilities"] != before["probabilities"]
    assert client.get("/v1/models/cancer@production").json()["id"] == second
    assert client.get(f"/v1/models/{first}").json()["aliases"] == []
    assert client.get("/v1/model-names/cancer").json()["aliases"] == {"production": 2}


@pytest.mark.parametrize(
    ("ref", "words"),
    [
        ("nope@production", ["nope@production does not exist", "no model name 'nope'"]),
        ("cancer@staging", ["cancer@staging does not exist", "no alias 'staging'"]),
        ("cancer@7", ["cancer@7 does not exist", "no version 7"]),
        ("cancer@99999999999999999999", ["no version 99999999999999999999"]),
    ],
)
def test_an_unknown_name_alias_or_version_is_404_saying_which(client, trained, ref, words):
    register(client, trained["model_id"])
    assert_refused(predict(client, ref), 404, *words)
    assert_refused(client.get(f"/v1/models/{ref}"), 404, *words)


def test_an_unknown_name_is_404(client):
    assert_refused(client.get("/v1/model-names/cancer"), 404, "model name 'cancer' does not exist")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"name": "Cancer"}, "name"),
        ({"name": "-cancer"}, "name"),
        ({"name": ""}, "name"),
        ({"name": "c" * 65}, "name"),
        ({"name": "breast cancer"}, "name"),
        ({"name": "cancer", "alias": "3"}, "alias"),
        ({"name": "cancer", "alias": "Production"}, "alias"),
        ({"name": "cancer", "alias": "prod@1"}, "alias"),
    ],
)
def test_a_bad_name_or_alias_is_422_naming_the_rule_and_writes_nothing(client, db, trained, body, field):
    before = rows_in(db)
    response = client.post(f"/v1/models/{trained['model_id']}/aliases", json=body)
    problem = assert_refused(response, 422, field, "lower-case letters, digits")
    if field == "alias":
        assert "not all digits" in problem["detail"]
    assert rows_in(db) == before


def test_bad_requests_are_refused_before_anything_is_written(client, db, trained):
    url = f"/v1/models/{trained['model_id']}/aliases"
    before = rows_in(db)
    assert_refused(client.post(url, json={"alias": "production"}), 422, "name")
    assert_refused(client.post(url, json={"name": "cancer", "stage": "production"}), 422, "stage")
    assert_refused(client.post(url, data={"name": "cancer"}), 415, "application/json")
    assert_refused(client.post(f"/v1/models/{MISSING}/aliases", json={"name": "cancer"}), 404, "does not exist")
    assert_refused(predict(client, "Cancer@production"), 422, "model_id")
    assert_refused(client.get("/v1/model-names/Cancer"), 422, "name")
    assert rows_in(db) == before


def test_a_model_has_one_name_only(client, db, trained):
    register(client, trained["model_id"])
    before = rows_in(db)
    refused = assert_refused(register(client, trained["model_id"], name="tumour"), 409, "'cancer' version 1")
    assert "one name only" in refused["detail"]
    assert rows_in(db) == before
    assert_refused(client.get("/v1/model-names/tumour"), 404)


def test_removing_an_alias(client, two):
    first, second = two
    register(client, first)
    register(client, second, alias="staging")
    assert client.delete(f"/v1/models/{first}/aliases/production").status_code == 204
    assert_refused(predict(client, "cancer@production"), 404, "no alias 'production'")
    assert_refused(client.delete(f"/v1/models/{first}/aliases/production"), 404, "no alias 'production'")
    # an alias of the name that points at another version is not this model's to remove
    assert_refused(client.delete(f"/v1/models/{first}/aliases/staging"), 404, "no alias 'staging'")
    assert predict(client, "cancer@staging").json()["model_id"] == second
    assert client.get(f"/v1/models/{first}").json()["version"] == 1  # it keeps its version


def test_deleting_a_model_deletes_its_version_and_aliases_and_its_number_is_not_reused(client, db, worker, two):
    first, second = two
    register(client, first, alias="production")
    register(client, second, alias="staging")
    predict(client, "cancer@staging")  # cached
    assert client.delete(f"/v1/models/{second}").status_code == 204
    assert_refused(predict(client, "cancer@staging"), 404, "cancer@staging does not exist", "no alias 'staging'")
    assert_refused(predict(client, "cancer@2"), 404, "no version 2")
    name = client.get("/v1/model-names/cancer").json()
    assert name["aliases"] == {"production": 1} and [v["version"] for v in name["versions"]] == [1]
    assert rows_in(db)["model_alias"] == 1 and rows_in(db)["model_version"] == 1

    third = train(client, worker, client.get(f"/v1/models/{first}").json()["dataset_id"], seed=3)
    assert register(client, third, alias="staging").json()["version"] == 3  # 2 is not given again
    assert predict(client, "cancer@staging").json()["model_id"] == third


def test_another_owners_names_and_models_are_404_as_missing_ones(client, db, worker, trained):
    register(client, trained["model_id"])
    bob = bearer(db, "bob")
    before = rows_in(db)
    for theirs, missing in (
        (register(client, trained["model_id"], headers=bob), register(client, MISSING, headers=bob)),
        (
            client.delete(f"/v1/models/{trained['model_id']}/aliases/production", headers=bob),
            client.delete(f"/v1/models/{MISSING}/aliases/production", headers=bob),
        ),
    ):
        assert theirs.status_code == missing.status_code == 404
        assert theirs.json()["detail"] == missing.json()["detail"].replace(MISSING, trained["model_id"])
    assert rows_in(db) == before
    assert_refused(client.get("/v1/model-names/cancer", headers=bob), 404, "model name 'cancer' does not exist")
    assert_refused(predict(client, "cancer@production", headers=bob), 404, "no model name 'cancer'")
    assert_refused(client.get("/v1/models/cancer@1", headers=bob), 404, "no model name 'cancer'")

    # names are per owner: bob has a "cancer" of his own, and each owner's alias finds their own model
    bobs_dataset = client.post("/v1/datasets", files={"file": ("tiny.csv", TINY_CSV, "text/csv")}, headers=bob)
    bobs = train(client, worker, bobs_dataset.json()["id"], seed=5, headers=bob)
    assert register(client, bobs, headers=bob).json()["version"] == 1
    assert predict(client, "cancer@production", headers=bob).json()["model_id"] == bobs
    assert predict(client, "cancer@production").json()["model_id"] == trained["model_id"]


def test_an_admin_names_models_among_its_own_owners_names(client, db, trained):
    admin = bearer(db, "root", admin=True)
    assert register(client, trained["model_id"], headers=admin).json()["version"] == 1  # alice's model, her name
    assert predict(client, "cancer@production").json()["model_id"] == trained["model_id"]
    assert_refused(predict(client, "cancer@production", headers=admin), 404, "no model name 'cancer'")
