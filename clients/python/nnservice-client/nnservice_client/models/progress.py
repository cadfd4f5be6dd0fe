from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Progress")


@_attrs_define
class Progress:
    """
    Attributes:
        epoch (int): epochs done; a cv job counts its folds' epochs first, then its final model's
        epochs (int): epochs in all: (cv + 1) x the hyperparameters' epochs for a cv job
        train_cost (float | None):
        validation_cost (float | None):
        fold (int | None | Unset): a cv job: the fold training now (1..cv); null once the final model trains, or without
            cv
    """

    epoch: int
    epochs: int
    train_cost: float | None
    validation_cost: float | None
    fold: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        epoch = self.epoch

        epochs = self.epochs

        train_cost: float | None
        train_cost = self.train_cost

        validation_cost: float | None
        validation_cost = self.validation_cost

        fold: int | None | Unset
        if isinstance(self.fold, Unset):
            fold = UNSET
        else:
            fold = self.fold

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "epoch": epoch,
                "epochs": epochs,
                "train_cost": train_cost,
                "validation_cost": validation_cost,
            }
        )
        if fold is not UNSET:
            field_dict["fold"] = fold

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        epoch = d.pop("epoch")

        epochs = d.pop("epochs")

        def _parse_train_cost(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        train_cost = _parse_train_cost(d.pop("train_cost"))

        def _parse_validation_cost(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        validation_cost = _parse_validation_cost(d.pop("validation_cost"))

        def _parse_fold(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        fold = _parse_fold(d.pop("fold", UNSET))

        progress = cls(
            epoch=epoch,
            epochs=epochs,
            train_cost=train_cost,
            validation_cost=validation_cost,
            fold=fold,
        )

        progress.additional_properties = d
        return progress

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
