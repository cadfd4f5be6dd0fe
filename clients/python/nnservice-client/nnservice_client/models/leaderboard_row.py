from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.leaderboard_row_parameters import LeaderboardRowParameters


T = TypeVar("T", bound="LeaderboardRow")


@_attrs_define
class LeaderboardRow:
    """
    Attributes:
        job_id (str):
        trial (int): the trial's number, from 1
        parameters (LeaderboardRowParameters): the searched hyperparameters' values in this trial
        value (float | None): the sweep's metric: the mean over the folds with cv, else on the test split
        model_id (None | str):
        std (float | None | Unset): with cv: its standard deviation over the folds
    """

    job_id: str
    trial: int
    parameters: LeaderboardRowParameters
    value: float | None
    model_id: None | str
    std: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        job_id = self.job_id

        trial = self.trial

        parameters = self.parameters.to_dict()

        value: float | None
        value = self.value

        model_id: None | str
        model_id = self.model_id

        std: float | None | Unset
        if isinstance(self.std, Unset):
            std = UNSET
        else:
            std = self.std

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "job_id": job_id,
                "trial": trial,
                "parameters": parameters,
                "value": value,
                "model_id": model_id,
            }
        )
        if std is not UNSET:
            field_dict["std"] = std

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.leaderboard_row_parameters import LeaderboardRowParameters  # noqa: PLC0415

        d = dict(src_dict)
        job_id = d.pop("job_id")

        trial = d.pop("trial")

        parameters = LeaderboardRowParameters.from_dict(d.pop("parameters"))

        def _parse_value(data: object) -> float | None:
            if data is None:
                return data
            return cast(float | None, data)

        value = _parse_value(d.pop("value"))

        def _parse_model_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        model_id = _parse_model_id(d.pop("model_id"))

        def _parse_std(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        std = _parse_std(d.pop("std", UNSET))

        leaderboard_row = cls(
            job_id=job_id,
            trial=trial,
            parameters=parameters,
            value=value,
            model_id=model_id,
            std=std,
        )

        leaderboard_row.additional_properties = d
        return leaderboard_row

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
