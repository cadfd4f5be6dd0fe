from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.predict_warning import PredictWarning


T = TypeVar("T", bound="PredictResponse")


@_attrs_define
class PredictResponse:
    """
    Attributes:
        model_id (str):
        predictions (list[Any]):
        classes (list[Any] | None | Unset):
        probabilities (list[list[float]] | None | Unset):
        warnings (list[PredictWarning] | None | Unset): models that take raw columns: each cell scored as missing
            (imputed, or its missing level) or as a level never seen in training, by row; never an error
    """

    model_id: str
    predictions: list[Any]
    classes: list[Any] | None | Unset = UNSET
    probabilities: list[list[float]] | None | Unset = UNSET
    warnings: list[PredictWarning] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        model_id = self.model_id

        predictions = self.predictions

        classes: list[Any] | None | Unset
        if isinstance(self.classes, Unset):
            classes = UNSET
        elif isinstance(self.classes, list):
            classes = self.classes

        else:
            classes = self.classes

        probabilities: list[list[float]] | None | Unset
        if isinstance(self.probabilities, Unset):
            probabilities = UNSET
        elif isinstance(self.probabilities, list):
            probabilities = []
            for probabilities_type_0_item_data in self.probabilities:
                probabilities_type_0_item = probabilities_type_0_item_data

                probabilities.append(probabilities_type_0_item)

        else:
            probabilities = self.probabilities

        warnings: list[dict[str, Any]] | None | Unset
        if isinstance(self.warnings, Unset):
            warnings = UNSET
        elif isinstance(self.warnings, list):
            warnings = []
            for warnings_type_0_item_data in self.warnings:
                warnings_type_0_item = warnings_type_0_item_data.to_dict()
                warnings.append(warnings_type_0_item)

        else:
            warnings = self.warnings

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "model_id": model_id,
                "predictions": predictions,
            }
        )
        if classes is not UNSET:
            field_dict["classes"] = classes
        if probabilities is not UNSET:
            field_dict["probabilities"] = probabilities
        if warnings is not UNSET:
            field_dict["warnings"] = warnings

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.predict_warning import PredictWarning  # noqa: PLC0415

        d = dict(src_dict)
        model_id = d.pop("model_id")

        predictions = cast(list[Any], d.pop("predictions"))

        def _parse_classes(data: object) -> list[Any] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                classes_type_0 = cast(list[Any], data)

                return classes_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Any] | None | Unset, data)

        classes = _parse_classes(d.pop("classes", UNSET))

        def _parse_probabilities(data: object) -> list[list[float]] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                probabilities_type_0 = []
                _probabilities_type_0 = data
                for probabilities_type_0_item_data in _probabilities_type_0:
                    probabilities_type_0_item = cast(list[float], probabilities_type_0_item_data)

                    probabilities_type_0.append(probabilities_type_0_item)

                return probabilities_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[list[float]] | None | Unset, data)

        probabilities = _parse_probabilities(d.pop("probabilities", UNSET))

        def _parse_warnings(data: object) -> list[PredictWarning] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                warnings_type_0 = []
                _warnings_type_0 = data
                for warnings_type_0_item_data in _warnings_type_0:
                    warnings_type_0_item = PredictWarning.from_dict(warnings_type_0_item_data)

                    warnings_type_0.append(warnings_type_0_item)

                return warnings_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[PredictWarning] | None | Unset, data)

        warnings = _parse_warnings(d.pop("warnings", UNSET))

        predict_response = cls(
            model_id=model_id,
            predictions=predictions,
            classes=classes,
            probabilities=probabilities,
            warnings=warnings,
        )

        predict_response.additional_properties = d
        return predict_response

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
