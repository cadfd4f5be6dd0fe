from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define

from ..models.encoding_numeric_impute import EncodingNumericImpute
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.encoding_columns import EncodingColumns


T = TypeVar("T", bound="Encoding")


@_attrs_define
class Encoding:
    """How the feature columns become the network's inputs; each column by its type unless `columns` says.

    Attributes:
        max_categories (int | Unset): levels kept per categorical column (the most frequent); the rest pool into one
            `<other>` input Default: 20.
        numeric_impute (EncodingNumericImpute | Unset): missing numbers: mean, median or constant Default:
            EncodingNumericImpute.MEAN.
        fill_value (float | Unset): the constant of numeric_impute=constant Default: 0.0.
        missing_indicator (bool | Unset): numeric columns get a `name=<missing>` input too Default: False.
        columns (EncodingColumns | Unset): per column overrides, e.g. {"zip": {"type": "categorical"}, "income":
            {"impute": "median"}}
    """

    max_categories: int | Unset = 20
    numeric_impute: EncodingNumericImpute | Unset = EncodingNumericImpute.MEAN
    fill_value: float | Unset = 0.0
    missing_indicator: bool | Unset = False
    columns: EncodingColumns | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        max_categories = self.max_categories

        numeric_impute: str | Unset = UNSET
        if not isinstance(self.numeric_impute, Unset):
            numeric_impute = self.numeric_impute.value

        fill_value = self.fill_value

        missing_indicator = self.missing_indicator

        columns: dict[str, Any] | Unset = UNSET
        if not isinstance(self.columns, Unset):
            columns = self.columns.to_dict()

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if max_categories is not UNSET:
            field_dict["max_categories"] = max_categories
        if numeric_impute is not UNSET:
            field_dict["numeric_impute"] = numeric_impute
        if fill_value is not UNSET:
            field_dict["fill_value"] = fill_value
        if missing_indicator is not UNSET:
            field_dict["missing_indicator"] = missing_indicator
        if columns is not UNSET:
            field_dict["columns"] = columns

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.encoding_columns import EncodingColumns  # noqa: PLC0415

        d = dict(src_dict)
        max_categories = d.pop("max_categories", UNSET)

        _numeric_impute = d.pop("numeric_impute", UNSET)
        numeric_impute: EncodingNumericImpute | Unset
        if isinstance(_numeric_impute, Unset):
            numeric_impute = UNSET
        else:
            numeric_impute = EncodingNumericImpute(_numeric_impute)

        fill_value = d.pop("fill_value", UNSET)

        missing_indicator = d.pop("missing_indicator", UNSET)

        _columns = d.pop("columns", UNSET)
        columns: EncodingColumns | Unset
        if isinstance(_columns, Unset):
            columns = UNSET
        else:
            columns = EncodingColumns.from_dict(_columns)

        encoding = cls(
            max_categories=max_categories,
            numeric_impute=numeric_impute,
            fill_value=fill_value,
            missing_indicator=missing_indicator,
            columns=columns,
        )

        return encoding
