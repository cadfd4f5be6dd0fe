from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.column_options_impute_type_0 import ColumnOptionsImputeType0
from ..models.column_options_type_type_0 import ColumnOptionsTypeType0
from ..types import UNSET, Unset

T = TypeVar("T", bound="ColumnOptions")


@_attrs_define
class ColumnOptions:
    """How one column is encoded, overriding what its type and the job's defaults say.

    Attributes:
        type_ (ColumnOptionsTypeType0 | None | Unset): numeric, boolean, categorical, datetime or drop
        impute (ColumnOptionsImputeType0 | None | Unset): numeric: mean, median or constant (fill_value)
        max_categories (int | None | Unset): categorical: levels kept, the most frequent
        missing_indicator (bool | None | Unset): numeric: an input marking missing cells
    """

    type_: ColumnOptionsTypeType0 | None | Unset = UNSET
    impute: ColumnOptionsImputeType0 | None | Unset = UNSET
    max_categories: int | None | Unset = UNSET
    missing_indicator: bool | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        type_: None | str | Unset
        if isinstance(self.type_, Unset):
            type_ = UNSET
        elif isinstance(self.type_, ColumnOptionsTypeType0):
            type_ = self.type_.value
        else:
            type_ = self.type_

        impute: None | str | Unset
        if isinstance(self.impute, Unset):
            impute = UNSET
        elif isinstance(self.impute, ColumnOptionsImputeType0):
            impute = self.impute.value
        else:
            impute = self.impute

        max_categories: int | None | Unset
        if isinstance(self.max_categories, Unset):
            max_categories = UNSET
        else:
            max_categories = self.max_categories

        missing_indicator: bool | None | Unset
        if isinstance(self.missing_indicator, Unset):
            missing_indicator = UNSET
        else:
            missing_indicator = self.missing_indicator

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if type_ is not UNSET:
            field_dict["type"] = type_
        if impute is not UNSET:
            field_dict["impute"] = impute
        if max_categories is not UNSET:
            field_dict["max_categories"] = max_categories
        if missing_indicator is not UNSET:
            field_dict["missing_indicator"] = missing_indicator

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_type_(data: object) -> ColumnOptionsTypeType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                type_type_0 = ColumnOptionsTypeType0(data)

                return type_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ColumnOptionsTypeType0 | None | Unset, data)

        type_ = _parse_type_(d.pop("type", UNSET))

        def _parse_impute(data: object) -> ColumnOptionsImputeType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                impute_type_0 = ColumnOptionsImputeType0(data)

                return impute_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ColumnOptionsImputeType0 | None | Unset, data)

        impute = _parse_impute(d.pop("impute", UNSET))

        def _parse_max_categories(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        max_categories = _parse_max_categories(d.pop("max_categories", UNSET))

        def _parse_missing_indicator(data: object) -> bool | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(bool | None | Unset, data)

        missing_indicator = _parse_missing_indicator(d.pop("missing_indicator", UNSET))

        column_options = cls(
            type_=type_,
            impute=impute,
            max_categories=max_categories,
            missing_indicator=missing_indicator,
        )

        return column_options
