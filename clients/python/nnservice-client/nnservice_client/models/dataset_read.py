from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.column_stats import ColumnStats


T = TypeVar("T", bound="DatasetRead")


@_attrs_define
class DatasetRead:
    """
    Attributes:
        id (str):
        name (str):
        format_ (str):
        row_count (int):
        column_count (int):
        size_bytes (int):
        columns (list[ColumnStats]):
        dropped_columns (list[str]):
        created_at (datetime.datetime):
    """

    id: str
    name: str
    format_: str
    row_count: int
    column_count: int
    size_bytes: int
    columns: list[ColumnStats]
    dropped_columns: list[str]
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id = self.id

        name = self.name

        format_ = self.format_

        row_count = self.row_count

        column_count = self.column_count

        size_bytes = self.size_bytes

        columns = []
        for columns_item_data in self.columns:
            columns_item = columns_item_data.to_dict()
            columns.append(columns_item)

        dropped_columns = self.dropped_columns

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "name": name,
                "format": format_,
                "row_count": row_count,
                "column_count": column_count,
                "size_bytes": size_bytes,
                "columns": columns,
                "dropped_columns": dropped_columns,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.column_stats import ColumnStats  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        name = d.pop("name")

        format_ = d.pop("format")

        row_count = d.pop("row_count")

        column_count = d.pop("column_count")

        size_bytes = d.pop("size_bytes")

        columns = []
        _columns = d.pop("columns")
        for columns_item_data in _columns:
            columns_item = ColumnStats.from_dict(columns_item_data)

            columns.append(columns_item)

        dropped_columns = cast(list[str], d.pop("dropped_columns"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        dataset_read = cls(
            id=id,
            name=name,
            format_=format_,
            row_count=row_count,
            column_count=column_count,
            size_bytes=size_bytes,
            columns=columns,
            dropped_columns=dropped_columns,
            created_at=created_at,
        )

        dataset_read.additional_properties = d
        return dataset_read

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
