from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.predict_by_dataframe_records_dataframe_records_item import (
        PredictByDataframeRecordsDataframeRecordsItem,
    )
    from ..models.predict_by_dataframe_records_params_type_0 import PredictByDataframeRecordsParamsType0


T = TypeVar("T", bound="PredictByDataframeRecords")


@_attrs_define
class PredictByDataframeRecords:
    """A prediction request by `dataframe_records`.

    Attributes:
        dataframe_records (list[PredictByDataframeRecordsDataframeRecordsItem]): MLflow: a records-oriented DataFrame,
            objects by name; other fields ignored
        params (None | PredictByDataframeRecordsParamsType0 | Unset): MLflow's inference parameters: accepted and
            ignored (these models take none)
    """

    dataframe_records: list[PredictByDataframeRecordsDataframeRecordsItem]
    params: None | PredictByDataframeRecordsParamsType0 | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.predict_by_dataframe_records_params_type_0 import PredictByDataframeRecordsParamsType0  # noqa: PLC0415

        dataframe_records = []
        for dataframe_records_item_data in self.dataframe_records:
            dataframe_records_item = dataframe_records_item_data.to_dict()
            dataframe_records.append(dataframe_records_item)

        params: dict[str, Any] | None | Unset
        if isinstance(self.params, Unset):
            params = UNSET
        elif isinstance(self.params, PredictByDataframeRecordsParamsType0):
            params = self.params.to_dict()
        else:
            params = self.params

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "dataframe_records": dataframe_records,
            }
        )
        if params is not UNSET:
            field_dict["params"] = params

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.predict_by_dataframe_records_dataframe_records_item import (
            PredictByDataframeRecordsDataframeRecordsItem,  # noqa: PLC0415
        )
        from ..models.predict_by_dataframe_records_params_type_0 import PredictByDataframeRecordsParamsType0  # noqa: PLC0415

        d = dict(src_dict)
        dataframe_records = []
        _dataframe_records = d.pop("dataframe_records")
        for dataframe_records_item_data in _dataframe_records:
            dataframe_records_item = PredictByDataframeRecordsDataframeRecordsItem.from_dict(
                dataframe_records_item_data
            )

            dataframe_records.append(dataframe_records_item)

        def _parse_params(data: object) -> None | PredictByDataframeRecordsParamsType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                params_type_0 = PredictByDataframeRecordsParamsType0.from_dict(data)

                return params_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PredictByDataframeRecordsParamsType0 | Unset, data)

        params = _parse_params(d.pop("params", UNSET))

        predict_by_dataframe_records = cls(
            dataframe_records=dataframe_records,
            params=params,
        )

        return predict_by_dataframe_records
