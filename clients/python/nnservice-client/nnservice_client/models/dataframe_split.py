from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="DataframeSplit")


@_attrs_define
class DataframeSplit:
    """A pandas DataFrame as `df.to_dict(orient="split")` writes it: MLflow's `dataframe_split`.

    Attributes:
        data (list[list[Any]]): the rows
        columns (list[str] | None | Unset): the name of each value in a row, in any order, others besides the features
            allowed; default: the model's features in order
        index (list[Any] | None | Unset): row labels: ignored
    """

    data: list[list[Any]]
    columns: list[str] | None | Unset = UNSET
    index: list[Any] | None | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        data = []
        for data_item_data in self.data:
            data_item = data_item_data

            data.append(data_item)

        columns: list[str] | None | Unset
        if isinstance(self.columns, Unset):
            columns = UNSET
        elif isinstance(self.columns, list):
            columns = self.columns

        else:
            columns = self.columns

        index: list[Any] | None | Unset
        if isinstance(self.index, Unset):
            index = UNSET
        elif isinstance(self.index, list):
            index = self.index

        else:
            index = self.index

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "data": data,
            }
        )
        if columns is not UNSET:
            field_dict["columns"] = columns
        if index is not UNSET:
            field_dict["index"] = index

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        data = []
        _data = d.pop("data")
        for data_item_data in _data:
            data_item = cast(list[Any], data_item_data)

            data.append(data_item)

        def _parse_columns(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                columns_type_0 = cast(list[str], data)

                return columns_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        columns = _parse_columns(d.pop("columns", UNSET))

        def _parse_index(data: object) -> list[Any] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                index_type_0 = cast(list[Any], data)

                return index_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Any] | None | Unset, data)

        index = _parse_index(d.pop("index", UNSET))

        dataframe_split = cls(
            data=data,
            columns=columns,
            index=index,
        )

        return dataframe_split
