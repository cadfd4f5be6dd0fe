"""ColumnEncoder: types, imputation and scaling as scikit-learn's, one-hot, warnings, persistence, Pipeline."""

import io
import json

import numpy as np
import pytest
from sklearn.base import clone
from sklearn.datasets import load_wine
from sklearn.impute import SimpleImputer
from sklearn.model_selection import train_test_split
from sklearn.pipeline import Pipeline
from sklearn.preprocessing import OneHotEncoder
from sklearn.preprocessing import StandardScaler as SklearnScaler

from nn_engine import ColumnEncoder, InvalidInputError, MLPClassifier
from nn_engine.encoding import IDENTIFIER_MIN_ROWS

N = 200


def table(seed: int = 0, n: int = N) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(seed)
    num = rng.normal(10, 3, n)
    num[rng.random(n) < 0.1] = np.nan
    cat = np.array(["Biscoe", "Dream", "Torgersen", "Adelie"], dtype=object)[rng.choice(4, n, p=[0.4, 0.3, 0.2, 0.1])]
    cat[rng.random(n) < 0.05] = None
    flag = rng.random(n) < 0.5
    days = rng.integers(0, 3000, n)
    dates = np.datetime64("2015-01-01") + days.astype("timedelta64[D]")
    dates[rng.random(n) < 0.05] = np.datetime64("NaT")
    return {"num": num, "cat": cat, "flag": flag, "date": dates}


def column_of(encoder: ColumnEncoder, M: np.ndarray, name: str) -> np.ndarray:
    return M[:, list(encoder.get_feature_names_out()).index(name)]


# -- type inference ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "values, expected",
    [
        (np.array([1.5, 2.0, np.nan, 3.0]), "numeric"),
        (np.array([1, 2, 3, 4]), "numeric"),
        (np.array([1, 2.5, None, 4], dtype=object), "numeric"),
        (np.array([True, False, True, False]), "boolean"),
        (np.array([True, False, None, True], dtype=object), "boolean"),
        (np.array(["a", "b", "a", None], dtype=object), "categorical"),
        (np.array(["a", "b", "a", "b"]), "categorical"),
        (np.array(["2020-01-01", "2021-06-30T12:00", None, "2020-01-01"], dtype=object), "datetime"),
        (np.array(["2020-01-01", "2021-06-30", "NaT", "2020-02-01"], dtype="datetime64[D]"), "datetime"),
        (np.array([f"u{i}" for i in range(IDENTIFIER_MIN_ROWS)], dtype=object), "identifier"),
        (np.array(["u1", "u2", "u3", "u4"], dtype=object), "categorical"),  # too few rows to call an identifier
        (np.array([7, 7, 7, 7]), "constant"),
        (np.array(["x", None, "x", None], dtype=object), "constant"),
        (np.array([None, np.nan, None, None], dtype=object), "empty"),
        (np.array([np.nan] * 4), "empty"),
    ],
)
def test_type_is_inferred_for_each_kind(values, expected):
    encoder = ColumnEncoder().fit({"c": values, "other": np.arange(len(values), dtype=float)})
    assert encoder.report_[0]["type"] == expected


def test_columns_override_the_inferred_type_and_impute():
    X = {"code": np.array([1, 2, 3, 1, 2, 3, 1, 2]), "x": np.array([1.0, np.nan, 3, 4, 5, 6, 7, 100])}
    encoder = ColumnEncoder(columns={"code": {"type": "categorical"}, "x": {"impute": "median"}}).fit(X)
    assert [r["type"] for r in encoder.report_] == ["categorical", "numeric"]
    assert encoder.report_[1]["fill_value"] == 5.0
    assert list(encoder.get_feature_names_out()[:4]) == ["code=1", "code=2", "code=3", "code=<missing>"]


def test_numbers_given_as_categorical_keep_their_text_in_fit_as_in_transform():
    X = {"code": np.array([1, 2.5, None, 4, 1, 4], dtype=object)}
    encoder = ColumnEncoder(columns={"code": {"type": "categorical"}})
    M = encoder.fit_transform(X)
    assert list(encoder.get_feature_names_out()) == ["code=1", "code=2.5", "code=4", "code=<missing>"]
    np.testing.assert_array_equal(M.sum(axis=1), 1)  # every training row has its level
    np.testing.assert_array_equal(M, encoder.transform(X))


@pytest.mark.parametrize("kind", ["few levels", "many levels", "NaN for missing", "unicode array", "numbers and text"])
def test_fit_transform_equals_fit_then_transform_whichever_way_levels_are_read(kind):
    rng = np.random.default_rng(0)
    n_levels = {"few levels": 5, "many levels": 3_000}.get(kind, 8)
    values = np.array([f"v{i}" for i in rng.integers(0, n_levels, 20_000)], dtype=object)
    values[rng.random(values.size) < 0.05] = np.nan if kind == "NaN for missing" else None
    if kind == "unicode array":
        values = values.astype(str)
    if kind == "numbers and text":
        values[::7] = 7
    X = {"c": values, "x": rng.normal(size=values.size)}
    encoder = ColumnEncoder(max_categories=4)
    M = encoder.fit_transform(X)
    np.testing.assert_array_equal(M, ColumnEncoder(max_categories=4).fit(X).transform(X))
    present = [str(v) for v in values.tolist() if v is not None and v == v]  # None and NaN are missing
    levels, counts = np.unique(present, return_counts=True)  # kept: the 4 most frequent, ties by sort order
    assert encoder.report_[0]["levels_kept"] == sorted(levels[np.lexsort((levels, -counts))][:4])


def test_a_2d_object_array_with_feature_names_is_a_table():
    X = np.array([[1.0, "a"], [2.0, "b"], [None, "a"], [4.0, None]], dtype=object)
    encoder = ColumnEncoder().fit(X, feature_names=["n", "s"])
    assert [r["type"] for r in encoder.report_] == ["numeric", "categorical"]
    assert list(encoder.get_feature_names_out()) == ["n", "s=a", "s=b", "s=<missing>"]
    assert encoder.transform(X).shape == (4, 4)


# -- numeric: imputation and scaling as scikit-learn's -------------------------------------------------------------


@pytest.mark.parametrize("strategy", ["mean", "median", "constant"])
def test_imputation_equals_sklearn_simple_imputer(strategy):
    X = table()
    encoder = ColumnEncoder(numeric_impute=strategy, fill_value=-2.5).fit(X)
    theirs = SimpleImputer(strategy=strategy, fill_value=-2.5).fit(X["num"][:, None])
    assert encoder.report_[0]["fill_value"] == pytest.approx(theirs.statistics_[0], rel=1e-12)
    assert encoder.report_[0]["values_imputed"] == int(np.isnan(X["num"]).sum())


@pytest.mark.parametrize("strategy", ["mean", "median", "constant"])
def test_numeric_scaling_equals_standard_scaler_after_imputation(strategy):
    X = table()
    encoder = ColumnEncoder(numeric_impute=strategy, fill_value=-2.5)
    ours = column_of(encoder, encoder.fit_transform(X), "num")
    imputed = SimpleImputer(strategy=strategy, fill_value=-2.5).fit_transform(X["num"][:, None])
    np.testing.assert_allclose(ours, SklearnScaler().fit_transform(imputed)[:, 0], rtol=1e-12, atol=1e-12)


def test_missing_indicator_marks_the_missing_rows():
    X = table()
    encoder = ColumnEncoder(missing_indicator=True)
    M = encoder.fit_transform(X)
    np.testing.assert_array_equal(column_of(encoder, M, "num=<missing>"), np.isnan(X["num"]))


def test_constant_numeric_column_given_as_type_gets_scale_one():
    X = {"c": np.array([3.0, 3.0, 3.0]), "x": np.array([1.0, 2.0, 3.0])}
    M = ColumnEncoder(columns={"c": {"type": "numeric"}}).fit_transform(X)
    np.testing.assert_array_equal(M[:, 0], 0.0)


# -- categorical ---------------------------------------------------------------------------------------------------


def test_one_hot_equals_sklearn_one_hot_encoder_on_the_kept_levels():
    X = table()
    encoder = ColumnEncoder()
    M = encoder.fit_transform(X)
    names = list(encoder.get_feature_names_out())
    block = M[:, [names.index(f"cat={level}") for level in ["Adelie", "Biscoe", "Dream", "Torgersen"]]]
    present = X["cat"] != None  # noqa: E711 (elementwise)
    theirs = OneHotEncoder(sparse_output=False).fit_transform(X["cat"][present].astype(str)[:, None])
    np.testing.assert_array_equal(block[present], theirs)
    np.testing.assert_array_equal(block[~present], 0)
    np.testing.assert_array_equal(column_of(encoder, M, "cat=<missing>"), ~present)
    assert "cat=<other>" not in names  # nothing pooled
    np.testing.assert_array_equal(M[:, names.index("cat=Adelie") : names.index("cat=<missing>") + 1].sum(axis=1), 1)


def test_pooling_keeps_the_most_frequent_levels_ties_by_sort_order():
    values = ["d"] * 5 + ["a"] * 4 + ["c"] * 2 + ["b"] * 2 + ["e"]
    encoder = ColumnEncoder(max_categories=3).fit({"c": np.array(values, dtype=object)})
    report = encoder.report_[0]
    assert report["levels_kept"] == ["a", "b", "d"]  # d 5, a 4, then b before c (2 each)
    assert report["levels_pooled"] == ["c", "e"]
    assert list(encoder.get_feature_names_out()) == ["c=a", "c=b", "c=d", "c=<other>", "c=<missing>"]
    M = encoder.transform({"c": np.array(["c", "e", "d"], dtype=object)})
    np.testing.assert_array_equal(M, [[0, 0, 0, 1, 0], [0, 0, 0, 1, 0], [0, 0, 1, 0, 0]])


def test_levels_are_compared_as_given_case_and_whitespace_kept():
    encoder = ColumnEncoder().fit({"c": np.array(["Dream", "dream", "Dream ", "Dream"], dtype=object)})
    assert encoder.report_[0]["levels_kept"] == ["Dream", "Dream ", "dream"]


# -- transform: never fails on unseen or missing; fails on the wrong kind -------------------------------------------


def test_unseen_level_and_missing_value_give_warnings_not_exceptions():
    encoder = ColumnEncoder().fit(table())
    X = {
        "num": np.array([np.nan, 1.0]),
        "cat": np.array(["Biscoe", "Atlantis"], dtype=object),
        "flag": np.array([None, True], dtype=object),
        "date": np.array(["2016-01-01", None], dtype=object),
    }
    M, warnings = encoder.transform_with_warnings(X)
    assert M.shape == (2, encoder.n_outputs_) and np.isfinite(M).all()
    assert {(w["row"], w["column"]) for w in warnings} == {(0, "num"), (0, "flag"), (1, "cat"), (1, "date")}
    unseen = next(w for w in warnings if w["column"] == "cat")
    assert "'Atlantis' never seen" in unseen["message"]
    cat = M[1, [i for i, name in enumerate(encoder.get_feature_names_out()) if name.startswith("cat=")]]
    np.testing.assert_array_equal(cat, 0)  # no <other> input (nothing pooled): no level set
    appended: list = []
    np.testing.assert_array_equal(encoder.transform(X, warnings=appended), M)
    assert appended == warnings


def test_unseen_level_scores_other_when_levels_were_pooled():
    encoder = ColumnEncoder(max_categories=1).fit({"c": np.array(["a", "a", "b"], dtype=object)})
    M, warnings = encoder.transform_with_warnings({"c": np.array(["b", "zz"], dtype=object)})
    np.testing.assert_array_equal(M, [[0, 1, 0], [0, 1, 0]])
    assert [w["row"] for w in warnings] == [1]  # "b" was seen (pooled): no warning


def test_a_word_in_a_numeric_column_raises_naming_row_and_column():
    encoder = ColumnEncoder().fit(table())
    X = table(1, 5)
    X["num"] = np.array([1.0, 2.0, None, "lots", 3.0], dtype=object)
    with pytest.raises(InvalidInputError, match=r"row 3, column 'num': 'lots' is not a number"):
        encoder.transform(X)


def test_a_word_in_a_boolean_column_raises_naming_row_and_column():
    encoder = ColumnEncoder().fit(table())
    X = table(1, 3)
    X["flag"] = np.array([True, "maybe", False], dtype=object)
    with pytest.raises(InvalidInputError, match=r"row 1, column 'flag'"):
        encoder.transform(X)


# -- left out columns, fitting on training rows ---------------------------------------------------------------------


def test_identifier_constant_and_empty_columns_are_left_out_and_reported():
    X = table()
    X["id"] = np.array([f"row-{i}" for i in range(N)], dtype=object)
    X["const"] = np.full(N, 4.0)
    X["blank"] = np.full(N, None, dtype=object)
    encoder = ColumnEncoder()
    M = encoder.fit_transform(X)
    left = {r["name"]: r for r in encoder.report_ if "left_out" in r}
    assert {name: r["type"] for name, r in left.items()} == {"id": "identifier", "const": "constant", "blank": "empty"}
    assert not any(name.startswith(("id", "const", "blank")) for name in encoder.get_feature_names_out())
    assert M.shape[1] == ColumnEncoder().fit(table()).n_outputs_
    del X["id"], X["const"], X["blank"]
    np.testing.assert_array_equal(encoder.transform(X), M)  # left-out columns need not be given


def test_fitted_on_training_rows_only():
    encoder = ColumnEncoder().fit(table(0))
    before = encoder.to_arrays()[0]
    other = table(1)
    encoder.transform(other)
    after = encoder.to_arrays()[0]
    assert all(np.array_equal(before[k], after[k]) for k in before)
    assert encoder.report_[0]["fill_value"] == pytest.approx(np.nanmean(table(0)["num"]))


def test_not_fitted_and_bad_params_raise():
    with pytest.raises(ValueError, match="not fitted"):
        ColumnEncoder().transform(table())
    with pytest.raises(InvalidInputError, match="numeric_impute"):
        ColumnEncoder(numeric_impute="mode").fit(table())
    with pytest.raises(InvalidInputError, match="unknown key"):
        ColumnEncoder(columns={"num": {"kind": "numeric"}}).fit(table())


# -- scikit-learn, persistence ---------------------------------------------------------------------------------------


def test_pipeline_and_clone_work():
    X = table(0, 300)
    y = (np.nan_to_num(X["num"], nan=10) > 10).astype(int)
    grid = np.array([X[k] for k in X], dtype=object).T  # a 2-D object array (rows, columns)
    pipe = Pipeline(
        [
            ("encode", ColumnEncoder(max_categories=3)),
            ("model", MLPClassifier([8], epochs=200, learning_rate=0.01, seed=0)),
        ]
    )
    copy = clone(pipe)
    assert copy.get_params()["encode__max_categories"] == 3
    copy.set_params(encode__max_categories=2)
    assert copy.named_steps["encode"].max_categories == 2 and pipe.named_steps["encode"].max_categories == 3
    assert pipe.fit(grid, y).score(grid, y) > 0.9
    assert clone(ColumnEncoder(columns={"num": {"type": "numeric"}})).columns == {"num": {"type": "numeric"}}


def test_to_arrays_from_arrays_round_trip_gives_identical_transforms():
    X = table()
    X["word"] = np.array(["é", "ß", "x", "y"] * (N // 4), dtype=object)
    encoder = ColumnEncoder(max_categories=2, missing_indicator=True).fit(X)
    arrays, metadata = encoder.to_arrays()
    assert all(a.dtype.kind in "fU" for a in arrays.values())
    buffer = io.BytesIO()
    np.savez(buffer, **arrays)
    buffer.seek(0)
    with np.load(buffer, allow_pickle=False) as archive:
        loaded = {name: archive[name] for name in archive.files}

    same = ColumnEncoder.from_arrays(loaded, json.loads(json.dumps(metadata)))
    other = table(3)
    other["word"] = np.array(["é", "q"] * (N // 2), dtype=object)
    np.testing.assert_array_equal(same.transform(other), encoder.transform(other))
    assert same.transform_with_warnings(other)[1] == encoder.transform_with_warnings(other)[1]
    assert same.report_ == encoder.report_
    assert list(same.get_feature_names_out()) == list(encoder.get_feature_names_out())


def test_wine_with_blanks_and_a_derived_category_trains_above_the_majority_baseline():
    X, y = load_wine(return_X_y=True)
    rng = np.random.default_rng(0)
    columns: dict[str, np.ndarray] = {f"f{j}": X[:, j].copy() for j in range(X.shape[1])}
    for j in range(X.shape[1]):
        columns[f"f{j}"][rng.random(len(y)) < 0.1] = np.nan
    # a categorical column derived from alcohol (feature 0), with some blanks
    band = np.array(["low", "mid", "high"], dtype=object)[np.digitize(X[:, 0], [12.5, 13.5])]
    band[rng.random(len(y)) < 0.1] = None
    columns["alcohol_band"] = band
    del columns["f0"]
    grid = np.array(list(columns.values()), dtype=object).T
    names = list(columns)
    train, test = train_test_split(np.arange(len(y)), test_size=0.3, stratify=y, random_state=0)
    pipe = Pipeline([("encode", ColumnEncoder()), ("model", MLPClassifier([16], epochs=200, seed=0))])
    pipe.fit(grid[train], y[train], encode__feature_names=names)
    baseline = np.bincount(y[test]).max() / len(test)
    accuracy = pipe.score(grid[test], y[test])
    assert accuracy > baseline + 0.3, (accuracy, baseline)


@pytest.mark.parametrize("n, k", [(5, 3), (100_000, 30), (50_000, 40_000)])
def test_level_counts_equal_np_unique_whatever_the_cardinality(n, k):
    from nn_engine.encoding import count_levels

    rng = np.random.default_rng(n)
    text = np.array([f"v{i}" for i in rng.integers(0, k, n)])
    text[-1] = "a level the sample misses"
    levels, counts = count_levels(text)
    expected = np.unique(text, return_counts=True)
    np.testing.assert_array_equal(levels, expected[0])
    np.testing.assert_array_equal(counts, expected[1])


def test_an_encoder_of_numbers_only_encodes_a_float_table_in_one_pass_with_the_same_bits():
    rng = np.random.default_rng(4)
    X = rng.normal(size=(300, 5))
    X[::7, 2] = np.nan
    X[:, 4] = 3.0  # constant: left out, so the matrix pass takes the other four
    table = {f"f{j}": X[:, j] for j in range(5)}
    encoder = ColumnEncoder(numeric_impute="median").fit(table)
    as_objects = {name: values.astype(object) for name, values in table.items()}  # the per-column path
    fast, slow = [], []
    assert np.array_equal(encoder.transform(table, warnings=fast), encoder.transform(as_objects, warnings=slow))
    assert fast == slow and len(fast) == 43
    with pytest.raises(InvalidInputError, match=r"row 1, column 'f1': inf is not a finite number"):
        encoder.transform({**table, "f1": np.array([0.0, np.inf] * 150)})
