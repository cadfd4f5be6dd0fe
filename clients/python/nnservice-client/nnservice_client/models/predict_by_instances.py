from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.predict_by_instances_instances_item_type_1 import PredictByInstancesInstancesItemType1
    from ..models.predict_by_instances_params_type_0 import PredictByInstancesParamsType0


T = TypeVar("T", bound="PredictByInstances")


@_attrs_define
class PredictByInstances:
    """A prediction request by `instances`.

    Attributes:
        instances (list[list[Any] | PredictByInstancesInstancesItemType1]): rows of numbers in the model's feature
            order, or objects by feature name (MLflow)
        params (None | PredictByInstancesParamsType0 | Unset): MLflow's inference parameters: accepted and ignored
            (these models take none)
    """

    instances: list[list[Any] | PredictByInstancesInstancesItemType1]
    params: None | PredictByInstancesParamsType0 | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.predict_by_instances_params_type_0 import PredictByInstancesParamsType0  # noqa: PLC0415

        instances = []
        for instances_item_data in self.instances:
            instances_item: dict[str, Any] | list[Any]
            if isinstance(instances_item_data, list):
                instances_item = instances_item_data

            else:
                instances_item = instances_item_data.to_dict()

            instances.append(instances_item)

        params: dict[str, Any] | None | Unset
        if isinstance(self.params, Unset):
            params = UNSET
        elif isinstance(self.params, PredictByInstancesParamsType0):
            params = self.params.to_dict()
        else:
            params = self.params

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "instances": instances,
            }
        )
        if params is not UNSET:
            field_dict["params"] = params

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.predict_by_instances_instances_item_type_1 import PredictByInstancesInstancesItemType1  # noqa: PLC0415
        from ..models.predict_by_instances_params_type_0 import PredictByInstancesParamsType0  # noqa: PLC0415

        d = dict(src_dict)
        instances = []
        _instances = d.pop("instances")
        for instances_item_data in _instances:

            def _parse_instances_item(data: object) -> list[Any] | PredictByInstancesInstancesItemType1:
                try:
                    if not isinstance(data, list):
                        raise TypeError()
                    instances_item_type_0 = cast(list[Any], data)

                    return instances_item_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                instances_item_type_1 = PredictByInstancesInstancesItemType1.from_dict(data)

                return instances_item_type_1

            instances_item = _parse_instances_item(instances_item_data)

            instances.append(instances_item)

        def _parse_params(data: object) -> None | PredictByInstancesParamsType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                params_type_0 = PredictByInstancesParamsType0.from_dict(data)

                return params_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PredictByInstancesParamsType0 | Unset, data)

        params = _parse_params(d.pop("params", UNSET))

        predict_by_instances = cls(
            instances=instances,
            params=params,
        )

        return predict_by_instances
