from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="CostHistoryRow")


@_attrs_define
class CostHistoryRow:
    """
    Attributes:
        epoch (int):
        train_cost (float): train_loss + train_l2
        validation_cost (float | None): the data loss on the validation rows
        train_loss (float | None | Unset): the data loss of the epoch's batches
        train_l2 (float | None | Unset): the L2 penalty of the epoch's batches
        validation_l2 (float | None | Unset): the L2 penalty of the epoch's final weights
        grad_norms (list[float] | None | Unset): per weight layer, the norm of the gradient on the epoch's first (full)
            batch
        dead_units (list[float] | None | Unset): per ReLU hidden layer, the fraction of units that output 0 for every
            row
        saturation (list[float] | None | Unset): per sigmoid/tanh hidden layer, the fraction of outputs within 0.01 of a
            bound
    """

    epoch: int
    train_cost: float
    validation_cost: float | None
    train_loss: float | None | Unset = UNSET
    train_l2: float | None | Unset = UNSET
    validation_l2: float | None | Unset = UNSET
    grad_norms: list[float] | None | Unset = UNSET
    dead_units: list[float] | None | Unset = UNSET
    saturation: list[float] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        epoch = self.epoch

        train_cost = self.train_cost

        validation_cost: float | None
        validation_cost = self.validation_cost

        train_loss: float | None | Unset
        if isinstance(self.train_loss, Unset):
            train_loss = UNSET
        else:
            train_loss = self.train_loss

        train_l2: float | None | Unset
        if isinstance(self.train_l2, Unset):
            train_l2 = UNSET
        else:
            train_l2 = self.train_l2

        validation_l2: float | None | Unset
        if isinstance(self.validation_l2, Unset):
            validation_l2 = UNSET
        else:
            validation_l2 = self.validation_l2

        grad_norms: list[float] | None | Unset
        if isinstance(self.grad_norms, Unset):
            grad_norms = UNSET
        elif isinstance(self.grad_norms, list):
            grad_norms = self.grad_norms

        else:
            grad_norms = self.grad_norms

        dead_units: list[float] | None | Unset
        if isinstance(self.dead_units, Unset):
            dead_units = UNSET
        elif isinstance(self.dead_units, list):
            dead_units = self.dead_units

        else:
            dead_units = self.dead_units

        saturation: list[float] | None | Unset
        if isinstance(self.saturation, Unset):
            saturation = UNSET
        elif isinstance(self.saturation, list):
            saturation = self.saturation

        else:
            saturation = self.saturation

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "epoch": epoch,
                "train_cost": train_cost,
                "validation_cost": validation_cost,
            }
        )
        if train_loss is not UNSET:
            field_dict["train_loss"] = train_loss
        if train_l2 is not UNSET:
            field_dict["train_l2"] = train_l2
        if validation_l2 is not UNSET:
            field_dict["validation_l2"] = validation_l2
        if grad_norms is not UNSET:
            field_dict["grad_norms"] = grad_norms
        if dead_units is not UNSET:
            field_dict["dead_units"] = dead_units
        if saturation is not UNSET:
            field_dict["saturation"] = saturation

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        epoch = d.pop("epoch")

        train_cost = d.pop("train_cost")

        def _parse_validation_cost(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        validation_cost = _parse_validation_cost(d.pop("validation_cost"))

        def _parse_train_loss(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        train_loss = _parse_train_loss(d.pop("train_loss", UNSET))

        def _parse_train_l2(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        train_l2 = _parse_train_l2(d.pop("train_l2", UNSET))

        def _parse_validation_l2(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        validation_l2 = _parse_validation_l2(d.pop("validation_l2", UNSET))

        def _parse_grad_norms(data: object) -> list[float] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                grad_norms_type_0 = cast(list[float], data)

                return grad_norms_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[float] | None | Unset, data)

        grad_norms = _parse_grad_norms(d.pop("grad_norms", UNSET))

        def _parse_dead_units(data: object) -> list[float] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                dead_units_type_0 = cast(list[float], data)

                return dead_units_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[float] | None | Unset, data)

        dead_units = _parse_dead_units(d.pop("dead_units", UNSET))

        def _parse_saturation(data: object) -> list[float] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                saturation_type_0 = cast(list[float], data)

                return saturation_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[float] | None | Unset, data)

        saturation = _parse_saturation(d.pop("saturation", UNSET))

        cost_history_row = cls(
            epoch=epoch,
            train_cost=train_cost,
            validation_cost=validation_cost,
            train_loss=train_loss,
            train_l2=train_l2,
            validation_l2=validation_l2,
            grad_norms=grad_norms,
            dead_units=dead_units,
            saturation=saturation,
        )

        cost_history_row.additional_properties = d
        return cost_history_row

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
