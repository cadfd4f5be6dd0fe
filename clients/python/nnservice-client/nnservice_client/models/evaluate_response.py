from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.evaluate_response_metrics import EvaluateResponseMetrics


T = TypeVar("T", bound="EvaluateResponse")


@_attrs_define
class EvaluateResponse:
    """
    Attributes:
        model_id (str):
        dataset_id (str):
        rows (int):
        metrics (EvaluateResponseMetrics):
    """

    model_id: str
    dataset_id: str
    rows: int
    metrics: EvaluateResponseMetrics
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        model_id = self.model_id

        dataset_id = self.dataset_id

        rows = self.rows

        metrics = self.metrics.to_dict()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "model_id": model_id,
                "dataset_id": dataset_id,
                "rows": rows,
                "metrics": metrics,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.evaluate_response_metrics import EvaluateResponseMetrics  # noqa: PLC0415

        d = dict(src_dict)
        model_id = d.pop("model_id")

        dataset_id = d.pop("dataset_id")

        rows = d.pop("rows")

        metrics = EvaluateResponseMetrics.from_dict(d.pop("metrics"))

        evaluate_response = cls(
            model_id=model_id,
            dataset_id=dataset_id,
            rows=rows,
            metrics=metrics,
        )

        evaluate_response.additional_properties = d
        return evaluate_response

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
