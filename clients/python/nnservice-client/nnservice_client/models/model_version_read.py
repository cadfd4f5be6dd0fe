from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.model_version_read_task import ModelVersionReadTask

if TYPE_CHECKING:
    from ..models.model_version_read_metrics import ModelVersionReadMetrics


T = TypeVar("T", bound="ModelVersionRead")


@_attrs_define
class ModelVersionRead:
    """
    Attributes:
        model_id (str):
        version (int):
        aliases (list[str]):
        task (ModelVersionReadTask):
        metrics (ModelVersionReadMetrics): the model's single-number test metrics (accuracy, log_loss; r2, mse)
        created_at (datetime.datetime): when the model was registered as this version
    """

    model_id: str
    version: int
    aliases: list[str]
    task: ModelVersionReadTask
    metrics: ModelVersionReadMetrics
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        model_id = self.model_id

        version = self.version

        aliases = self.aliases

        task = self.task.value

        metrics = self.metrics.to_dict()

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "model_id": model_id,
                "version": version,
                "aliases": aliases,
                "task": task,
                "metrics": metrics,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.model_version_read_metrics import ModelVersionReadMetrics  # noqa: PLC0415

        d = dict(src_dict)
        model_id = d.pop("model_id")

        version = d.pop("version")

        aliases = cast(list[str], d.pop("aliases"))

        task = ModelVersionReadTask(d.pop("task"))

        metrics = ModelVersionReadMetrics.from_dict(d.pop("metrics"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        model_version_read = cls(
            model_id=model_id,
            version=version,
            aliases=aliases,
            task=task,
            metrics=metrics,
            created_at=created_at,
        )

        model_version_read.additional_properties = d
        return model_version_read

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
