from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.dataset_records_upload_records_item import DatasetRecordsUploadRecordsItem


T = TypeVar("T", bound="DatasetRecordsUpload")


@_attrs_define
class DatasetRecordsUpload:
    """Records: objects of column name to value (a key a record lacks is a missing value).

    Attributes:
        records (list[DatasetRecordsUploadRecordsItem]):
        name (None | str | Unset): the dataset's name; default: dataset
    """

    records: list[DatasetRecordsUploadRecordsItem]
    name: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        records = []
        for records_item_data in self.records:
            records_item = records_item_data.to_dict()
            records.append(records_item)

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "records": records,
            }
        )
        if name is not UNSET:
            field_dict["name"] = name

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.dataset_records_upload_records_item import DatasetRecordsUploadRecordsItem  # noqa: PLC0415

        d = dict(src_dict)
        records = []
        _records = d.pop("records")
        for records_item_data in _records:
            records_item = DatasetRecordsUploadRecordsItem.from_dict(records_item_data)

            records.append(records_item)

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        dataset_records_upload = cls(
            records=records,
            name=name,
        )

        return dataset_records_upload
