"""A model trained on a raw table through its ColumnEncoder exports a graph taking the raw columns:
onnxruntime encodes them as `encoder_.transform` does (to the bit) and answers as `predict_proba`."""

import json

import numpy as np
import onnx
import onnxruntime
import pytest
from onnx import TensorProto, helper

from nn_engine import ColumnEncoder, MLPClassifier, MLPRegressor
from service.models.onnx_encoding import DATETIME_MISSING, civil_from_days
from service.models.onnx_export import to_onnx
from service.models.onnx_graph import GraphBuilder
from service.models.service import LoadedModel

COLORS = [f"c{i}" for i in range(8)]  # with max_categories=3, five of them pool into <other>


def _table(n: int, seed: int) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    mass = rng.normal(4000, 500, n).astype(np.float32).astype(np.float64)  # float32 values: the graph's inputs
    mass[::9] = np.nan
    label = rng.uniform(-1, 1, n).astype(np.float32).astype(np.float64)  # a column named like an output
    label[::11] = np.nan
    flag = rng.choice(np.array([True, False, None], dtype=object), n, p=[0.45, 0.45, 0.1])
    island = rng.choice(np.array(["Biscoe", "Dream", "Torgersen"], dtype=object), n)
    island[::13] = None
    color = rng.choice(np.array(COLORS, dtype=object), n, p=[0.3, 0.25, 0.2, 0.1, 0.05, 0.04, 0.03, 0.03])
    color[::17] = None
    seconds = rng.integers(-2_000_000_000, 2_000_000_000, n)
    when = np.array(seconds, dtype="datetime64[s]").astype(str).astype(object)  # ISO strings, before 1970 too
    when[::7] = None
    ids = np.array([f"row-{i}" for i in range(n)], dtype=object)  # an identifier: left out, no input
    return {"id": ids, "mass": mass, "label": label, "flag": flag, "island": island, "color": color, "when": when}


def _target(table: dict[str, np.ndarray]) -> np.ndarray:
    mass = np.nan_to_num(table["mass"], nan=4000)
    return np.where((table["island"] == "Biscoe") | (mass > 4200) | (table["color"] == "c0"), "big", "small")


ENCODER = ColumnEncoder(
    max_categories=3, columns={"island": {"max_categories": 10}, "label": {"missing_indicator": True}}
)
NEW_ROWS = {  # unseen levels, pooled levels, a missing value in every type, dates far from the training ones
    "id": np.array(["new-1", "new-2", "new-3", "new-4", "new-5", "new-6"], dtype=object),
    "mass": np.array([np.nan, 3500.25, 4800.0, np.nan, 1e5, -3.0]),
    "label": np.array([0.5, np.nan, -0.25, np.nan, 0.0, 1.0]),
    "flag": np.array([None, True, False, None, True, False], dtype=object),
    "island": np.array(["Atlantis", None, "Dream", "biscoe", "Biscoe", ""], dtype=object),
    "color": np.array(["c7", "zzz", None, "c0", "c5", "c6"], dtype=object),
    "when": np.array(
        [None, "1969-12-31T23:59:59", "2000-02-29", "1900-03-01T12:00:00", "2100-12-31T23:59:59", "1601-01-01"],
        dtype=object,
    ),
}


def _loaded(estimator, table: dict[str, np.ndarray], task: str, target: str) -> LoadedModel:
    features = list(table)
    index = {name: i for i, name in enumerate(features)}
    return LoadedModel("m-1", "alice", task, target, features, index, estimator, frozenset(features))


def _feed(meta: dict[str, str], table: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
    """The graph's inputs from a raw table, as the `inputs` metadata says to build them."""
    feed = {}
    for spec in json.loads(meta["inputs"]):
        col = table[spec["column"]]
        missing = np.array([v is None or v != v for v in col])
        if spec["type"] in ("numeric", "boolean"):
            feed[spec["name"]] = np.where(missing, np.nan, col).astype(np.float32)
        elif spec["type"] == "categorical":
            feed[spec["name"]] = np.array(
                [spec["missing"] if m else str(v) for v, m in zip(col, missing, strict=True)], dtype=object
            )
        else:
            assert spec["missing"] == DATETIME_MISSING == np.datetime64("NaT").astype(np.int64)
            feed[spec["name"]] = np.asarray(col).astype("datetime64[s]").astype(np.int64)  # None -> NaT -> INT64 min
    return feed


def _run(model: onnx.ModelProto, feed: dict[str, np.ndarray], with_encoded: bool = False) -> dict[str, np.ndarray]:
    if with_encoded:  # the encoder's matrix as an output too
        model = onnx.ModelProto.FromString(model.SerializeToString())
        model.graph.output.append(helper.make_tensor_value_info("encoded", TensorProto.FLOAT, None))
    session = onnxruntime.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    names = [output.name for output in session.get_outputs()]
    return dict(zip(names, session.run(None, feed), strict=True))


def _metadata(model: onnx.ModelProto) -> dict[str, str]:
    return {prop.key: prop.value for prop in model.metadata_props}


@pytest.fixture(scope="module")
def classifier() -> tuple[MLPClassifier, dict[str, np.ndarray]]:
    table = _table(300, seed=0)
    params = dict(hidden_layers=[8], epochs=80, learning_rate=0.01, seed=3, encoder=ENCODER)
    return MLPClassifier(**params).fit(table, _target(table)), table


def test_the_graph_takes_one_input_per_used_column_with_its_type_and_missing_token(classifier):
    estimator, table = classifier
    model = onnx.load_from_string(to_onnx(_loaded(estimator, table, "classification", "size")))
    onnx.checker.check_model(model, full_check=True)
    inputs = {i.name: (i.type.tensor_type.elem_type, len(i.type.tensor_type.shape.dim)) for i in model.graph.input}
    assert list(inputs) == ["mass", "label_2", "flag", "island", "color", "when"]  # no `id`; `label` is an output
    assert inputs["mass"] == inputs["flag"] == (TensorProto.FLOAT, 1)
    assert inputs["island"] == (TensorProto.STRING, 1) and inputs["when"] == (TensorProto.INT64, 1)
    meta = _metadata(model)
    assert json.loads(meta["features"]) == ["mass", "label", "flag", "island", "color", "when"]
    assert json.loads(meta["inputs"])[1] == {
        "name": "label_2",
        "column": "label",
        "type": "numeric",
        "dtype": "float32",
        "missing": "NaN",
    }
    assert [spec["missing"] for spec in json.loads(meta["inputs"])[3:]] == ["<missing>", "<missing>", DATETIME_MISSING]
    assert json.loads(meta["encoded_features"]) == estimator.encoder_.get_feature_names_out().tolist()
    assert list(json.loads(meta["left_out"])) == ["id"] and "input_dtype" not in meta
    assert {o.domain for o in model.opset_import} == {"", "ai.onnx.ml"}


def test_the_graph_encodes_as_the_encoder_and_answers_as_predict_proba(classifier):
    estimator, table = classifier
    plans = {plan.name: plan for plan in estimator.encoder_.plans_}
    assert plans["color"].pooled.tolist() == COLORS[3:] and plans["island"].pooled.size == 0
    assert plans["label"].indicator and not plans["mass"].indicator and plans["id"].type == "identifier"
    model = onnx.load_from_string(to_onnx(_loaded(estimator, table, "classification", "size")))
    meta = _metadata(model)
    for rows in (NEW_ROWS, {name: col[:40] for name, col in table.items()}):
        out = _run(model, _feed(meta, rows), with_encoded=True)
        encoded = estimator.encoder_.transform(rows)
        np.testing.assert_array_equal(out["encoded"], encoded.astype(np.float32))
        np.testing.assert_allclose(out["probabilities"], estimator.predict_proba(rows), atol=1e-5)
        assert out["label"].tolist() == estimator.predict(rows).tolist()
    # the new rows: an unseen level scores <other> where the column pools levels, else nothing
    out = _run(model, _feed(meta, NEW_ROWS), with_encoded=True)
    names = estimator.encoder_.get_feature_names_out().tolist()
    hot = {name: out["encoded"][:, names.index(name)].tolist() for name in names if "=" in name}
    assert hot["color=<other>"] == [1, 1, 0, 0, 1, 1] and hot["color=<missing>"] == [0, 0, 1, 0, 0, 0]
    assert [sum(hot[f"island={level}"][i] for level in plans["island"].levels) for i in range(6)] == [0, 0, 1, 0, 1, 0]
    assert hot["island=<missing>"] == [0, 1, 0, 0, 0, 0] and hot["flag=<missing>"] == [1, 0, 0, 1, 0, 0]
    assert hot["when=<missing>"] == [1, 0, 0, 0, 0, 0] and hot["label=<missing>"] == [0, 1, 0, 1, 0, 0]


def test_a_regressor_on_a_raw_table_exports_its_predictions():
    table = _table(200, seed=1)
    y = np.nan_to_num(table["mass"], nan=4000) / 100 + (table["island"] == "Dream") * 5
    estimator = MLPRegressor(hidden_layers=[6], epochs=60, learning_rate=0.01, seed=0, encoder=ENCODER).fit(table, y)
    model = onnx.load_from_string(to_onnx(_loaded(estimator, table, "regression", "y")))
    out = _run(model, _feed(_metadata(model), NEW_ROWS))
    assert out["predictions"].shape == (6,)
    np.testing.assert_allclose(out["predictions"], estimator.predict(NEW_ROWS), rtol=1e-5, atol=1e-4)


def test_a_level_spelt_like_the_missing_token_gets_another_token():
    table = {"kind": np.array(["a", "<missing>", "b", None] * 10, dtype=object), "x": np.arange(40.0)}
    estimator = MLPClassifier(hidden_layers=[4], epochs=5, seed=0, encoder=ColumnEncoder()).fit(
        table, np.arange(40) % 2
    )
    # the encoder keeps the text as a level: its outputs name `kind=<missing>` twice, level then missing cells
    assert estimator.encoder_.plans_[0].outputs() == ["kind=<missing>", "kind=a", "kind=b", "kind=<missing>"]
    model = onnx.load_from_string(to_onnx(_loaded(estimator, table, "classification", "y")))
    meta = _metadata(model)
    assert json.loads(meta["inputs"])[0]["missing"] == "<missing-2>"
    out = _run(model, _feed(meta, table), with_encoded=True)
    np.testing.assert_array_equal(out["encoded"], estimator.encoder_.transform(table).astype(np.float32))


def test_civil_from_days_gives_numpys_year_and_month_over_ten_thousand_years():
    days = np.concatenate([np.arange(-1_900_000, 1_900_000, 97), np.arange(-800, 800)]).astype(np.int64)
    g = GraphBuilder(["year", "month"])
    year, month = civil_from_days(g, "days")
    g.node("Identity", [year], "year")
    g.node("Identity", [month], "month")
    tensor = [helper.make_tensor_value_info(name, TensorProto.INT64, ["n"]) for name in ("days", "year", "month")]
    graph = helper.make_graph(g.nodes, "civil", tensor[:1], tensor[1:], initializer=g.constants)
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], ir_version=7)
    session = onnxruntime.InferenceSession(model.SerializeToString(), providers=["CPUExecutionProvider"])
    year, month = session.run(None, {"days": days})
    months = days.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
    np.testing.assert_array_equal(year, months // 12 + 1970)
    np.testing.assert_array_equal(month, months % 12 + 1)
