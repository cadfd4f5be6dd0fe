from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.column_stats_type import ColumnStatsType
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.column_stats_top_values_type_0_item import ColumnStatsTopValuesType0Item


T = TypeVar("T", bound="ColumnStats")


@_attrs_define
class ColumnStats:
    """
    Attributes:
        name (str):
        type_ (ColumnStatsType): numeric, boolean, categorical, datetime (ISO 8601 dates or times, kept as written) or
            text (identifier-like: distinct values on most rows)
        dtype (str):
        missing (int):
        distinct (int):
        min_ (float | None | Unset):
        max_ (float | None | Unset):
        mean (float | None | Unset):
        top_values (list[ColumnStatsTopValuesType0Item] | None | Unset):
        note (None | str | Unset): what to know about the column, e.g. the few words that keep it from being numeric
    """

    name: str
    type_: ColumnStatsType
    dtype: str
    missing: int
    distinct: int
    min_: float | None | Unset = UNSET
    max_: float | None | Unset = UNSET
    mean: float | None | Unset = UNSET
    top_values: list[ColumnStatsTopValuesType0Item] | None | Unset = UNSET
    note: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        type_ = self.type_.value

        dtype = self.dtype

        missing = self.missing

        distinct = self.distinct

        min_: float | None | Unset
        if isinstance(self.min_, Unset):
            min_ = UNSET
        else:
            min_ = self.min_

        max_: float | None | Unset
        if isinstance(self.max_, Unset):
            max_ = UNSET
        else:
            max_ = self.max_

        mean: float | None | Unset
        if isinstance(self.mean, Unset):
            mean = UNSET
        else:
            mean = self.mean

        top_values: list[dict[str, Any]] | None | Unset
        if isinstance(self.top_values, Unset):
            top_values = UNSET
        elif isinstance(self.top_values, list):
            top_values = []
            for top_values_type_0_item_data in self.top_values:
                top_values_type_0_item = top_values_type_0_item_data.to_dict()
                top_values.append(top_values_type_0_item)

        else:
            top_values = self.top_values

        note: None | str | Unset
        if isinstance(self.note, Unset):
            note = UNSET
        else:
            note = self.note

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "type": type_,
                "dtype": dtype,
                "missing": missing,
                "distinct": distinct,
            }
        )
        if min_ is not UNSET:
            field_dict["min"] = min_
        if max_ is not UNSET:
            field_dict["max"] = max_
        if mean is not UNSET:
            field_dict["mean"] = mean
        if top_values is not UNSET:
            field_dict["top_values"] = top_values
        if note is not UNSET:
            field_dict["note"] = note

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.column_stats_top_values_type_0_item import ColumnStatsTopValuesType0Item  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        type_ = ColumnStatsType(d.pop("type"))

        dtype = d.pop("dtype")

        missing = d.pop("missing")

        distinct = d.pop("distinct")

        def _parse_min_(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        min_ = _parse_min_(d.pop("min", UNSET))

        def _parse_max_(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        max_ = _parse_max_(d.pop("max", UNSET))

        def _parse_mean(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        mean = _parse_mean(d.pop("mean", UNSET))

        def _parse_top_values(data: object) -> list[ColumnStatsTopValuesType0Item] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                top_values_type_0 = []
                _top_values_type_0 = data
                for top_values_type_0_item_data in _top_values_type_0:
                    top_values_type_0_item = ColumnStatsTopValuesType0Item.from_dict(top_values_type_0_item_data)

                    top_values_type_0.append(top_values_type_0_item)

                return top_values_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[ColumnStatsTopValuesType0Item] | None | Unset, data)

        top_values = _parse_top_values(d.pop("top_values", UNSET))

        def _parse_note(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        note = _parse_note(d.pop("note", UNSET))

        column_stats = cls(
            name=name,
            type_=type_,
            dtype=dtype,
            missing=missing,
            distinct=distinct,
            min_=min_,
            max_=max_,
            mean=mean,
            top_values=top_values,
            note=note,
        )

        column_stats.additional_properties = d
        return column_stats

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
