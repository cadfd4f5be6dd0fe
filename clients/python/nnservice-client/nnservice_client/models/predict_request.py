from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.dataframe_split import DataframeSplit
    from ..models.predict_request_dataframe_records_type_0_item import PredictRequestDataframeRecordsType0Item
    from ..models.predict_request_inputs_type_0_type_0_item_type_1 import PredictRequestInputsType0Type0ItemType1
    from ..models.predict_request_inputs_type_0_type_1 import PredictRequestInputsType0Type1
    from ..models.predict_request_instances_type_0_item_type_1 import PredictRequestInstancesType0ItemType1
    from ..models.predict_request_params_type_0 import PredictRequestParamsType0
    from ..models.predict_request_records_type_0_item import PredictRequestRecordsType0Item


T = TypeVar("T", bound="PredictRequest")


@_attrs_define
class PredictRequest:
    """Exactly one of `instances`, `records`, or MLflow's `dataframe_split`, `dataframe_records` and
    `inputs` (as `mlflow models serve` takes them), with at most NNSERVICE_MAX_PREDICTION_ROWS rows.

        Attributes:
            instances (list[list[Any] | PredictRequestInstancesType0ItemType1] | None | Unset): rows of numbers in the
                model's feature order, or objects by feature name (MLflow)
            records (list[PredictRequestRecordsType0Item] | None | Unset): objects of exactly the model's features, by name
            dataframe_split (DataframeSplit | None | Unset): MLflow: a split-oriented DataFrame
            dataframe_records (list[PredictRequestDataframeRecordsType0Item] | None | Unset): MLflow: a records-oriented
                DataFrame, objects by name; other fields ignored
            inputs (list[list[Any] | PredictRequestInputsType0Type0ItemType1] | None | PredictRequestInputsType0Type1 |
                Unset): MLflow: as `instances`, or columns: an object of feature name to a list of values
            params (None | PredictRequestParamsType0 | Unset): MLflow's inference parameters: accepted and ignored (these
                models take none)
    """

    instances: list[list[Any] | PredictRequestInstancesType0ItemType1] | None | Unset = UNSET
    records: list[PredictRequestRecordsType0Item] | None | Unset = UNSET
    dataframe_split: DataframeSplit | None | Unset = UNSET
    dataframe_records: list[PredictRequestDataframeRecordsType0Item] | None | Unset = UNSET
    inputs: (
        list[list[Any] | PredictRequestInputsType0Type0ItemType1] | None | PredictRequestInputsType0Type1 | Unset
    ) = UNSET
    params: None | PredictRequestParamsType0 | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.dataframe_split import DataframeSplit  # noqa: PLC0415
        from ..models.predict_request_inputs_type_0_type_1 import PredictRequestInputsType0Type1  # noqa: PLC0415
        from ..models.predict_request_params_type_0 import PredictRequestParamsType0  # noqa: PLC0415

        instances: list[dict[str, Any] | list[Any]] | None | Unset
        if isinstance(self.instances, Unset):
            instances = UNSET
        elif isinstance(self.instances, list):
            instances = []
            for instances_type_0_item_data in self.instances:
                instances_type_0_item: dict[str, Any] | list[Any]
                if isinstance(instances_type_0_item_data, list):
                    instances_type_0_item = instances_type_0_item_data

                else:
                    instances_type_0_item = instances_type_0_item_data.to_dict()

                instances.append(instances_type_0_item)

        else:
            instances = self.instances

        records: list[dict[str, Any]] | None | Unset
        if isinstance(self.records, Unset):
            records = UNSET
        elif isinstance(self.records, list):
            records = []
            for records_type_0_item_data in self.records:
                records_type_0_item = records_type_0_item_data.to_dict()
                records.append(records_type_0_item)

        else:
            records = self.records

        dataframe_split: dict[str, Any] | None | Unset
        if isinstance(self.dataframe_split, Unset):
            dataframe_split = UNSET
        elif isinstance(self.dataframe_split, DataframeSplit):
            dataframe_split = self.dataframe_split.to_dict()
        else:
            dataframe_split = self.dataframe_split

        dataframe_records: list[dict[str, Any]] | None | Unset
        if isinstance(self.dataframe_records, Unset):
            dataframe_records = UNSET
        elif isinstance(self.dataframe_records, list):
            dataframe_records = []
            for dataframe_records_type_0_item_data in self.dataframe_records:
                dataframe_records_type_0_item = dataframe_records_type_0_item_data.to_dict()
                dataframe_records.append(dataframe_records_type_0_item)

        else:
            dataframe_records = self.dataframe_records

        inputs: dict[str, Any] | list[dict[str, Any] | list[Any]] | None | Unset
        if isinstance(self.inputs, Unset):
            inputs = UNSET
        elif isinstance(self.inputs, list):
            inputs = []
            for inputs_type_0_type_0_item_data in self.inputs:
                inputs_type_0_type_0_item: dict[str, Any] | list[Any]
                if isinstance(inputs_type_0_type_0_item_data, list):
                    inputs_type_0_type_0_item = inputs_type_0_type_0_item_data

                else:
                    inputs_type_0_type_0_item = inputs_type_0_type_0_item_data.to_dict()

                inputs.append(inputs_type_0_type_0_item)

        elif isinstance(self.inputs, PredictRequestInputsType0Type1):
            inputs = self.inputs.to_dict()
        else:
            inputs = self.inputs

        params: dict[str, Any] | None | Unset
        if isinstance(self.params, Unset):
            params = UNSET
        elif isinstance(self.params, PredictRequestParamsType0):
            params = self.params.to_dict()
        else:
            params = self.params

        field_dict: dict[str, Any] = {}

        field_dict.update({})
        if instances is not UNSET:
            field_dict["instances"] = instances
        if records is not UNSET:
            field_dict["records"] = records
        if dataframe_split is not UNSET:
            field_dict["dataframe_split"] = dataframe_split
        if dataframe_records is not UNSET:
            field_dict["dataframe_records"] = dataframe_records
        if inputs is not UNSET:
            field_dict["inputs"] = inputs
        if params is not UNSET:
            field_dict["params"] = params

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.dataframe_split import DataframeSplit  # noqa: PLC0415
        from ..models.predict_request_dataframe_records_type_0_item import PredictRequestDataframeRecordsType0Item  # noqa: PLC0415
        from ..models.predict_request_inputs_type_0_type_0_item_type_1 import PredictRequestInputsType0Type0ItemType1  # noqa: PLC0415
        from ..models.predict_request_inputs_type_0_type_1 import PredictRequestInputsType0Type1  # noqa: PLC0415
        from ..models.predict_request_instances_type_0_item_type_1 import PredictRequestInstancesType0ItemType1  # noqa: PLC0415
        from ..models.predict_request_params_type_0 import PredictRequestParamsType0  # noqa: PLC0415
        from ..models.predict_request_records_type_0_item import PredictRequestRecordsType0Item  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_instances(data: object) -> list[list[Any] | PredictRequestInstancesType0ItemType1] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                instances_type_0 = []
                _instances_type_0 = data
                for instances_type_0_item_data in _instances_type_0:

                    def _parse_instances_type_0_item(data: object) -> list[Any] | PredictRequestInstancesType0ItemType1:
                        try:
                            if not isinstance(data, list):
                                raise TypeError()
                            instances_type_0_item_type_0 = cast(list[Any], data)

                            return instances_type_0_item_type_0
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        if not isinstance(data, dict):
                            raise TypeError()
                        instances_type_0_item_type_1 = PredictRequestInstancesType0ItemType1.from_dict(data)

                        return instances_type_0_item_type_1

                    instances_type_0_item = _parse_instances_type_0_item(instances_type_0_item_data)

                    instances_type_0.append(instances_type_0_item)

                return instances_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[list[Any] | PredictRequestInstancesType0ItemType1] | None | Unset, data)

        instances = _parse_instances(d.pop("instances", UNSET))

        def _parse_records(data: object) -> list[PredictRequestRecordsType0Item] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                records_type_0 = []
                _records_type_0 = data
                for records_type_0_item_data in _records_type_0:
                    records_type_0_item = PredictRequestRecordsType0Item.from_dict(records_type_0_item_data)

                    records_type_0.append(records_type_0_item)

                return records_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[PredictRequestRecordsType0Item] | None | Unset, data)

        records = _parse_records(d.pop("records", UNSET))

        def _parse_dataframe_split(data: object) -> DataframeSplit | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                dataframe_split_type_0 = DataframeSplit.from_dict(data)

                return dataframe_split_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DataframeSplit | None | Unset, data)

        dataframe_split = _parse_dataframe_split(d.pop("dataframe_split", UNSET))

        def _parse_dataframe_records(data: object) -> list[PredictRequestDataframeRecordsType0Item] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                dataframe_records_type_0 = []
                _dataframe_records_type_0 = data
                for dataframe_records_type_0_item_data in _dataframe_records_type_0:
                    dataframe_records_type_0_item = PredictRequestDataframeRecordsType0Item.from_dict(
                        dataframe_records_type_0_item_data
                    )

                    dataframe_records_type_0.append(dataframe_records_type_0_item)

                return dataframe_records_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[PredictRequestDataframeRecordsType0Item] | None | Unset, data)

        dataframe_records = _parse_dataframe_records(d.pop("dataframe_records", UNSET))

        def _parse_inputs(
            data: object,
        ) -> list[list[Any] | PredictRequestInputsType0Type0ItemType1] | None | PredictRequestInputsType0Type1 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                inputs_type_0_type_0 = []
                _inputs_type_0_type_0 = data
                for inputs_type_0_type_0_item_data in _inputs_type_0_type_0:

                    def _parse_inputs_type_0_type_0_item(
                        data: object,
                    ) -> list[Any] | PredictRequestInputsType0Type0ItemType1:
                        try:
                            if not isinstance(data, list):
                                raise TypeError()
                            inputs_type_0_type_0_item_type_0 = cast(list[Any], data)

                            return inputs_type_0_type_0_item_type_0
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        if not isinstance(data, dict):
                            raise TypeError()
                        inputs_type_0_type_0_item_type_1 = PredictRequestInputsType0Type0ItemType1.from_dict(data)

                        return inputs_type_0_type_0_item_type_1

                    inputs_type_0_type_0_item = _parse_inputs_type_0_type_0_item(inputs_type_0_type_0_item_data)

                    inputs_type_0_type_0.append(inputs_type_0_type_0_item)

                return inputs_type_0_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                inputs_type_0_type_1 = PredictRequestInputsType0Type1.from_dict(data)

                return inputs_type_0_type_1
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(
                list[list[Any] | PredictRequestInputsType0Type0ItemType1]
                | None
                | PredictRequestInputsType0Type1
                | Unset,
                data,
            )

        inputs = _parse_inputs(d.pop("inputs", UNSET))

        def _parse_params(data: object) -> None | PredictRequestParamsType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                params_type_0 = PredictRequestParamsType0.from_dict(data)

                return params_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PredictRequestParamsType0 | Unset, data)

        params = _parse_params(d.pop("params", UNSET))

        predict_request = cls(
            instances=instances,
            records=records,
            dataframe_split=dataframe_split,
            dataframe_records=dataframe_records,
            inputs=inputs,
            params=params,
        )

        return predict_request
