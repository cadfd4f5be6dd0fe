from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.predict_by_records_params_type_0 import PredictByRecordsParamsType0
    from ..models.predict_by_records_records_item import PredictByRecordsRecordsItem


T = TypeVar("T", bound="PredictByRecords")


@_attrs_define
class PredictByRecords:
    """A prediction request by `records`.

    Attributes:
        records (list[PredictByRecordsRecordsItem]): objects of exactly the model's features, by name
        params (None | PredictByRecordsParamsType0 | Unset): MLflow's inference parameters: accepted and ignored (these
            models take none)
    """

    records: list[PredictByRecordsRecordsItem]
    params: None | PredictByRecordsParamsType0 | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.predict_by_records_params_type_0 import PredictByRecordsParamsType0  # noqa: PLC0415

        records = []
        for records_item_data in self.records:
            records_item = records_item_data.to_dict()
            records.append(records_item)

        params: dict[str, Any] | None | Unset
        if isinstance(self.params, Unset):
            params = UNSET
        elif isinstance(self.params, PredictByRecordsParamsType0):
            params = self.params.to_dict()
        else:
            params = self.params

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "records": records,
            }
        )
        if params is not UNSET:
            field_dict["params"] = params

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.predict_by_records_params_type_0 import PredictByRecordsParamsType0  # noqa: PLC0415
        from ..models.predict_by_records_records_item import PredictByRecordsRecordsItem  # noqa: PLC0415

        d = dict(src_dict)
        records = []
        _records = d.pop("records")
        for records_item_data in _records:
            records_item = PredictByRecordsRecordsItem.from_dict(records_item_data)

            records.append(records_item)

        def _parse_params(data: object) -> None | PredictByRecordsParamsType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                params_type_0 = PredictByRecordsParamsType0.from_dict(data)

                return params_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PredictByRecordsParamsType0 | Unset, data)

        params = _parse_params(d.pop("params", UNSET))

        predict_by_records = cls(
            records=records,
            params=params,
        )

        return predict_by_records
