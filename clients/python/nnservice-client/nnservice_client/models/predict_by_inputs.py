from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.predict_by_inputs_inputs_type_0_item_type_1 import PredictByInputsInputsType0ItemType1
    from ..models.predict_by_inputs_inputs_type_1 import PredictByInputsInputsType1
    from ..models.predict_by_inputs_params_type_0 import PredictByInputsParamsType0


T = TypeVar("T", bound="PredictByInputs")


@_attrs_define
class PredictByInputs:
    """A prediction request by `inputs`.

    Attributes:
        inputs (list[list[Any] | PredictByInputsInputsType0ItemType1] | PredictByInputsInputsType1): MLflow: as
            `instances`, or columns: an object of feature name to a list of values
        params (None | PredictByInputsParamsType0 | Unset): MLflow's inference parameters: accepted and ignored (these
            models take none)
    """

    inputs: list[list[Any] | PredictByInputsInputsType0ItemType1] | PredictByInputsInputsType1
    params: None | PredictByInputsParamsType0 | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        from ..models.predict_by_inputs_params_type_0 import PredictByInputsParamsType0  # noqa: PLC0415

        inputs: dict[str, Any] | list[dict[str, Any] | list[Any]]
        if isinstance(self.inputs, list):
            inputs = []
            for inputs_type_0_item_data in self.inputs:
                inputs_type_0_item: dict[str, Any] | list[Any]
                if isinstance(inputs_type_0_item_data, list):
                    inputs_type_0_item = inputs_type_0_item_data

                else:
                    inputs_type_0_item = inputs_type_0_item_data.to_dict()

                inputs.append(inputs_type_0_item)

        else:
            inputs = self.inputs.to_dict()

        params: dict[str, Any] | None | Unset
        if isinstance(self.params, Unset):
            params = UNSET
        elif isinstance(self.params, PredictByInputsParamsType0):
            params = self.params.to_dict()
        else:
            params = self.params

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "inputs": inputs,
            }
        )
        if params is not UNSET:
            field_dict["params"] = params

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.predict_by_inputs_inputs_type_0_item_type_1 import PredictByInputsInputsType0ItemType1  # noqa: PLC0415
        from ..models.predict_by_inputs_inputs_type_1 import PredictByInputsInputsType1  # noqa: PLC0415
        from ..models.predict_by_inputs_params_type_0 import PredictByInputsParamsType0  # noqa: PLC0415

        d = dict(src_dict)

        def _parse_inputs(
            data: object,
        ) -> list[list[Any] | PredictByInputsInputsType0ItemType1] | PredictByInputsInputsType1:
            try:
                if not isinstance(data, list):
                    raise TypeError()
                inputs_type_0 = []
                _inputs_type_0 = data
                for inputs_type_0_item_data in _inputs_type_0:

                    def _parse_inputs_type_0_item(data: object) -> list[Any] | PredictByInputsInputsType0ItemType1:
                        try:
                            if not isinstance(data, list):
                                raise TypeError()
                            inputs_type_0_item_type_0 = cast(list[Any], data)

                            return inputs_type_0_item_type_0
                        except (TypeError, ValueError, AttributeError, KeyError):
                            pass
                        if not isinstance(data, dict):
                            raise TypeError()
                        inputs_type_0_item_type_1 = PredictByInputsInputsType0ItemType1.from_dict(data)

                        return inputs_type_0_item_type_1

                    inputs_type_0_item = _parse_inputs_type_0_item(inputs_type_0_item_data)

                    inputs_type_0.append(inputs_type_0_item)

                return inputs_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            if not isinstance(data, dict):
                raise TypeError()
            inputs_type_1 = PredictByInputsInputsType1.from_dict(data)

            return inputs_type_1

        inputs = _parse_inputs(d.pop("inputs"))

        def _parse_params(data: object) -> None | PredictByInputsParamsType0 | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                params_type_0 = PredictByInputsParamsType0.from_dict(data)

                return params_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | PredictByInputsParamsType0 | Unset, data)

        params = _parse_params(d.pop("params", UNSET))

        predict_by_inputs = cls(
            inputs=inputs,
            params=params,
        )

        return predict_by_inputs
