"""Estimator tags in the shape scikit-learn reads (`sklearn.utils.Tags`), without importing it.

scikit-learn >= 1.6 asks every estimator for `__sklearn_tags__()` before `clone`,
`cross_val_score` and friends will treat it as a classifier or regressor. These
namespaces carry the same field names, so the engine stays free of scikit-learn.
"""

from types import SimpleNamespace


def sklearn_tags(estimator_type: str) -> SimpleNamespace:
    """Tags of a "classifier", a "regressor" or a "transformer" (a table encoder: text, NaN, no y)."""
    transformer = estimator_type == "transformer"
    return SimpleNamespace(
        estimator_type=None if transformer else estimator_type,
        target_tags=SimpleNamespace(
            required=not transformer,
            one_d_labels=False,
            two_d_labels=False,
            positive_only=False,
            multi_output=estimator_type == "regressor",
            single_output=True,
        ),
        transformer_tags=SimpleNamespace(preserves_dtype=["float64"]) if transformer else None,
        classifier_tags=SimpleNamespace(poor_score=False, multi_class=True, multi_label=False)
        if estimator_type == "classifier"
        else None,
        regressor_tags=SimpleNamespace(poor_score=False) if estimator_type == "regressor" else None,
        array_api_support=False,
        no_validation=False,
        non_deterministic=False,
        requires_fit=True,
        _skip_test=False,
        input_tags=SimpleNamespace(
            one_d_array=False,
            two_d_array=True,
            three_d_array=False,
            sparse=False,
            categorical=transformer,
            string=transformer,
            dict=transformer,
            positive_only=False,
            allow_nan=transformer,
            pairwise=False,
        ),
    )
