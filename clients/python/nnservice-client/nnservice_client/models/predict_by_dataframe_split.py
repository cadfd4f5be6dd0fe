from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.dataframe_split import DataframeSplit
    from ..models.predict_by_dataframe_split_params_type_0 import PredictByDataframeSplitParamsType0


T = TypeVar("T", bound="PredictByDataframeSplit")


@_attrs_define
class PredictByDataframeSplit:
    """A prediction request by `dataframe_split`.

    Attributes:
        dataframe_split (DataframeSplit): A pandas DataFrame as `df.to_dict(orient="split")` writes it: MLflow's
            `dataframe_split`.
        params (None | PredictByDataframeSplitParamsType0 | Unset): MLflow's inference parameters: accepted and ignored
            (these models take none)
    """

    dataframe_split: DataframeSplit
    params: None | PredictByDataframeSplitParamsType0 | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.predict_by_dataframe_split_params_type_0 import PredictByDataframeSplitParamsType0  # noqa: PLC0415

        dataframe_split = self.dataframe_split.to_dict()

        params: dict[str, Any] | None | Unset
        if isinstance(self.params, Unset):
            params = UNSET
        elif isinstance(self.params, PredictByDataframeSplitParamsType0):
            params = self.params.to_dict()
        else:
            params = self.params

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "dataframe_split": dataframe_split,
            }
        )
        if params is not UNSET:
            field_dict["params"] = params

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.dataframe_split import DataframeSplit  # noqa: PLC0415
        from ..models.predict_by_dataframe_split_params_type_0 import PredictByDataframeSplitParamsType0  # noqa: PLC0415

        d = dict(src_dict)
        dataframe_split = DataframeSplit.from_dict(d.pop("dataframe_split"))

        def _parse_params(data: object) -> None | PredictByDataframeSplitParamsType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                params_type_0 = PredictByDataframeSplitParamsType0.from_dict(data)

                return params_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PredictByDataframeSplitParamsType0 | Unset, data)

        params = _parse_params(d.pop("params", UNSET))

        predict_by_dataframe_split = cls(
            dataframe_split=dataframe_split,
            params=params,
        )

        return predict_by_dataframe_split
