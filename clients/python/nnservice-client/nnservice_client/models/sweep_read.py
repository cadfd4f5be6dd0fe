from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.sweep_read_metric import SweepReadMetric
from ..models.sweep_read_status import SweepReadStatus
from ..models.sweep_read_task import SweepReadTask
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.leaderboard_row import LeaderboardRow
    from ..models.sweep_counts import SweepCounts
    from ..models.sweep_read_hyperparameters import SweepReadHyperparameters
    from ..models.sweep_read_search import SweepReadSearch


T = TypeVar("T", bound="SweepRead")


@_attrs_define
class SweepRead:
    """
    Attributes:
        id (str):
        status (SweepReadStatus): running while a trial is queued or running; then cancelled if the sweep was cancelled,
            succeeded if a trial succeeded, cancelled if its trials were, else failed
        dataset_id (None | str):
        target (str):
        features (list[str]):
        task (SweepReadTask):
        hyperparameters (SweepReadHyperparameters): the base of every trial
        search (SweepReadSearch):
        cv (int | None):
        metric (SweepReadMetric):
        greater_is_better (bool): the metric's direction: the leaderboard's order
        trials (int): trials (child jobs) in all: see GET /v1/jobs?sweep_id=
        counts (SweepCounts):
        cancel_requested (bool):
        leaderboard (list[LeaderboardRow]): the trials that succeeded, best first
        best (LeaderboardRow | None): the top of the leaderboard: its model is the sweep's best
        created_at (datetime.datetime):
        finished_at (datetime.datetime | None): when its last trial ended, once none is queued or running
        request_id (None | str | Unset):
    """

    id: str
    status: SweepReadStatus
    dataset_id: None | str
    target: str
    features: list[str]
    task: SweepReadTask
    hyperparameters: SweepReadHyperparameters
    search: SweepReadSearch
    cv: int | None
    metric: SweepReadMetric
    greater_is_better: bool
    trials: int
    counts: SweepCounts
    cancel_requested: bool
    leaderboard: list[LeaderboardRow]
    best: LeaderboardRow | None
    created_at: datetime.datetime
    finished_at: datetime.datetime | None
    request_id: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.leaderboard_row import LeaderboardRow  # noqa: PLC0415

        id = self.id

        status = self.status.value

        dataset_id: None | str
        dataset_id = self.dataset_id

        target = self.target

        features = self.features

        task = self.task.value

        hyperparameters = self.hyperparameters.to_dict()

        search = self.search.to_dict()

        cv: int | None
        cv = self.cv

        metric = self.metric.value

        greater_is_better = self.greater_is_better

        trials = self.trials

        counts = self.counts.to_dict()

        cancel_requested = self.cancel_requested

        leaderboard = []
        for leaderboard_item_data in self.leaderboard:
            leaderboard_item = leaderboard_item_data.to_dict()
            leaderboard.append(leaderboard_item)

        best: dict[str, Any] | None
        if isinstance(self.best, LeaderboardRow):
            best = self.best.to_dict()
        else:
            best = self.best

        created_at = self.created_at.isoformat()

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        request_id: None | str | Unset
        if isinstance(self.request_id, Unset):
            request_id = UNSET
        else:
            request_id = self.request_id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "status": status,
                "dataset_id": dataset_id,
                "target": target,
                "features": features,
                "task": task,
                "hyperparameters": hyperparameters,
                "search": search,
                "cv": cv,
                "metric": metric,
                "greater_is_better": greater_is_better,
                "trials": trials,
                "counts": counts,
                "cancel_requested": cancel_requested,
                "leaderboard": leaderboard,
                "best": best,
                "created_at": created_at,
                "finished_at": finished_at,
            }
        )
        if request_id is not UNSET:
            field_dict["request_id"] = request_id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.leaderboard_row import LeaderboardRow  # noqa: PLC0415
        from ..models.sweep_counts import SweepCounts  # noqa: PLC0415
        from ..models.sweep_read_hyperparameters import SweepReadHyperparameters  # noqa: PLC0415
        from ..models.sweep_read_search import SweepReadSearch  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        status = SweepReadStatus(d.pop("status"))

        def _parse_dataset_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        dataset_id = _parse_dataset_id(d.pop("dataset_id"))

        target = d.pop("target")

        features = cast(list[str], d.pop("features"))

        task = SweepReadTask(d.pop("task"))

        hyperparameters = SweepReadHyperparameters.from_dict(d.pop("hyperparameters"))

        search = SweepReadSearch.from_dict(d.pop("search"))

        def _parse_cv(data: object) -> int | None:
            if data is None:
                return data
            return cast(int | None, data)

        cv = _parse_cv(d.pop("cv"))

        metric = SweepReadMetric(d.pop("metric"))

        greater_is_better = d.pop("greater_is_better")

        trials = d.pop("trials")

        counts = SweepCounts.from_dict(d.pop("counts"))

        cancel_requested = d.pop("cancel_requested")

        leaderboard = []
        _leaderboard = d.pop("leaderboard")
        for leaderboard_item_data in _leaderboard:
            leaderboard_item = LeaderboardRow.from_dict(leaderboard_item_data)

            leaderboard.append(leaderboard_item)

        def _parse_best(data: object) -> LeaderboardRow | None:
            if data is None:
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                best_type_0 = LeaderboardRow.from_dict(data)

                return best_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(LeaderboardRow | None, data)

        best = _parse_best(d.pop("best"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_finished_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                finished_at_type_0 = datetime.datetime.fromisoformat(data)

                return finished_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        finished_at = _parse_finished_at(d.pop("finished_at"))

        def _parse_request_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        request_id = _parse_request_id(d.pop("request_id", UNSET))

        sweep_read = cls(
            id=id,
            status=status,
            dataset_id=dataset_id,
            target=target,
            features=features,
            task=task,
            hyperparameters=hyperparameters,
            search=search,
            cv=cv,
            metric=metric,
            greater_is_better=greater_is_better,
            trials=trials,
            counts=counts,
            cancel_requested=cancel_requested,
            leaderboard=leaderboard,
            best=best,
            created_at=created_at,
            finished_at=finished_at,
            request_id=request_id,
        )

        sweep_read.additional_properties = d
        return sweep_read

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
