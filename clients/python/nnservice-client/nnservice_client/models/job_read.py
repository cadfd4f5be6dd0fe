from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.job_read_task import JobReadTask
from ..models.job_status import JobStatus
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.job_read_columns_type_0_item import JobReadColumnsType0Item
    from ..models.job_read_encoding_type_0 import JobReadEncodingType0
    from ..models.job_read_hyperparameters import JobReadHyperparameters
    from ..models.job_read_replay_type_0 import JobReadReplayType0
    from ..models.progress import Progress


T = TypeVar("T", bound="JobRead")


@_attrs_define
class JobRead:
    """
    Attributes:
        id (str):
        status (JobStatus):
        dataset_id (None | str):
        target (str):
        features (list[str]):
        task (JobReadTask):
        hyperparameters (JobReadHyperparameters):
        progress (Progress):
        attempts (int):
        max_attempts (int):
        cancel_requested (bool):
        error (None | str):
        model_id (None | str):
        created_at (datetime.datetime):
        started_at (datetime.datetime | None):
        finished_at (datetime.datetime | None):
        sample_weight_column (None | str | Unset):
        init_model_id (None | str | Unset):
        keep_partial (bool | Unset): a cancel asked to keep the best weights as a partial model Default: False.
        replay_of (None | str | Unset): the job this one runs again
        replay (JobReadReplayType0 | None | Unset): once a replay ends: whether its cost history and weights equal the
            original's
        request_id (None | str | Unset): the X-Request-ID of the request that created it: its logs, API and worker,
            carry it
        cv (int | None | Unset): k-fold cross-validation before the final training
        encoding (JobReadEncodingType0 | None | Unset): how the columns are encoded, defaults filled in; null for jobs
            from before encodings
        columns (list[JobReadColumnsType0Item] | None | Unset): per feature column: its type and the inputs it becomes,
            or why it is left out; planned from the dataset's statistics when queued, then what training did (strategy,
            levels kept and pooled, values imputed)
        sweep_id (None | str | Unset): the sweep this job is a trial of
        sweep_trial (int | None | Unset): its trial's number in that sweep, from 1
    """

    id: str
    status: JobStatus
    dataset_id: None | str
    target: str
    features: list[str]
    task: JobReadTask
    hyperparameters: JobReadHyperparameters
    progress: Progress
    attempts: int
    max_attempts: int
    cancel_requested: bool
    error: None | str
    model_id: None | str
    created_at: datetime.datetime
    started_at: datetime.datetime | None
    finished_at: datetime.datetime | None
    sample_weight_column: None | str | Unset = UNSET
    init_model_id: None | str | Unset = UNSET
    keep_partial: bool | Unset = False
    replay_of: None | str | Unset = UNSET
    replay: JobReadReplayType0 | None | Unset = UNSET
    request_id: None | str | Unset = UNSET
    cv: int | None | Unset = UNSET
    encoding: JobReadEncodingType0 | None | Unset = UNSET
    columns: list[JobReadColumnsType0Item] | None | Unset = UNSET
    sweep_id: None | str | Unset = UNSET
    sweep_trial: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.job_read_encoding_type_0 import JobReadEncodingType0  # noqa: PLC0415
        from ..models.job_read_replay_type_0 import JobReadReplayType0  # noqa: PLC0415

        id = self.id

        status = self.status.value

        dataset_id: None | str
        dataset_id = self.dataset_id

        target = self.target

        features = self.features

        task = self.task.value

        hyperparameters = self.hyperparameters.to_dict()

        progress = self.progress.to_dict()

        attempts = self.attempts

        max_attempts = self.max_attempts

        cancel_requested = self.cancel_requested

        error: None | str
        error = self.error

        model_id: None | str
        model_id = self.model_id

        created_at = self.created_at.isoformat()

        started_at: None | str
        if isinstance(self.started_at, datetime.datetime):
            started_at = self.started_at.isoformat()
        else:
            started_at = self.started_at

        finished_at: None | str
        if isinstance(self.finished_at, datetime.datetime):
            finished_at = self.finished_at.isoformat()
        else:
            finished_at = self.finished_at

        sample_weight_column: None | str | Unset
        if isinstance(self.sample_weight_column, Unset):
            sample_weight_column = UNSET
        else:
            sample_weight_column = self.sample_weight_column

        init_model_id: None | str | Unset
        if isinstance(self.init_model_id, Unset):
            init_model_id = UNSET
        else:
            init_model_id = self.init_model_id

        keep_partial = self.keep_partial

        replay_of: None | str | Unset
        if isinstance(self.replay_of, Unset):
            replay_of = UNSET
        else:
            replay_of = self.replay_of

        replay: dict[str, Any] | None | Unset
        if isinstance(self.replay, Unset):
            replay = UNSET
        elif isinstance(self.replay, JobReadReplayType0):
            replay = self.replay.to_dict()
        else:
            replay = self.replay

        request_id: None | str | Unset
        if isinstance(self.request_id, Unset):
            request_id = UNSET
        else:
            request_id = self.request_id

        cv: int | None | Unset
        if isinstance(self.cv, Unset):
            cv = UNSET
        else:
            cv = self.cv

        encoding: dict[str, Any] | None | Unset
        if isinstance(self.encoding, Unset):
            encoding = UNSET
        elif isinstance(self.encoding, JobReadEncodingType0):
            encoding = self.encoding.to_dict()
        else:
            encoding = self.encoding

        columns: list[dict[str, Any]] | None | Unset
        if isinstance(self.columns, Unset):
            columns = UNSET
        elif isinstance(self.columns, list):
            columns = []
            for columns_type_0_item_data in self.columns:
                columns_type_0_item = columns_type_0_item_data.to_dict()
                columns.append(columns_type_0_item)

        else:
            columns = self.columns

        sweep_id: None | str | Unset
        if isinstance(self.sweep_id, Unset):
            sweep_id = UNSET
        else:
            sweep_id = self.sweep_id

        sweep_trial: int | None | Unset
        if isinstance(self.sweep_trial, Unset):
            sweep_trial = UNSET
        else:
            sweep_trial = self.sweep_trial

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
                "progress": progress,
                "attempts": attempts,
                "max_attempts": max_attempts,
                "cancel_requested": cancel_requested,
                "error": error,
                "model_id": model_id,
                "created_at": created_at,
                "started_at": started_at,
                "finished_at": finished_at,
            }
        )
        if sample_weight_column is not UNSET:
            field_dict["sample_weight_column"] = sample_weight_column
        if init_model_id is not UNSET:
            field_dict["init_model_id"] = init_model_id
        if keep_partial is not UNSET:
            field_dict["keep_partial"] = keep_partial
        if replay_of is not UNSET:
            field_dict["replay_of"] = replay_of
        if replay is not UNSET:
            field_dict["replay"] = replay
        if request_id is not UNSET:
            field_dict["request_id"] = request_id
        if cv is not UNSET:
            field_dict["cv"] = cv
        if encoding is not UNSET:
            field_dict["encoding"] = encoding
        if columns is not UNSET:
            field_dict["columns"] = columns
        if sweep_id is not UNSET:
            field_dict["sweep_id"] = sweep_id
        if sweep_trial is not UNSET:
            field_dict["sweep_trial"] = sweep_trial

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.job_read_columns_type_0_item import JobReadColumnsType0Item  # noqa: PLC0415
        from ..models.job_read_encoding_type_0 import JobReadEncodingType0  # noqa: PLC0415
        from ..models.job_read_hyperparameters import JobReadHyperparameters  # noqa: PLC0415
        from ..models.job_read_replay_type_0 import JobReadReplayType0  # noqa: PLC0415
        from ..models.progress import Progress  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        status = JobStatus(d.pop("status"))

        def _parse_dataset_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        dataset_id = _parse_dataset_id(d.pop("dataset_id"))

        target = d.pop("target")

        features = cast(list[str], d.pop("features"))

        task = JobReadTask(d.pop("task"))

        hyperparameters = JobReadHyperparameters.from_dict(d.pop("hyperparameters"))

        progress = Progress.from_dict(d.pop("progress"))

        attempts = d.pop("attempts")

        max_attempts = d.pop("max_attempts")

        cancel_requested = d.pop("cancel_requested")

        def _parse_error(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        error = _parse_error(d.pop("error"))

        def _parse_model_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        model_id = _parse_model_id(d.pop("model_id"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        def _parse_started_at(data: object) -> datetime.datetime | None:
            if data is None:
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                started_at_type_0 = datetime.datetime.fromisoformat(data)

                return started_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None, data)

        started_at = _parse_started_at(d.pop("started_at"))

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

        def _parse_sample_weight_column(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sample_weight_column = _parse_sample_weight_column(d.pop("sample_weight_column", UNSET))

        def _parse_init_model_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        init_model_id = _parse_init_model_id(d.pop("init_model_id", UNSET))

        keep_partial = d.pop("keep_partial", UNSET)

        def _parse_replay_of(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        replay_of = _parse_replay_of(d.pop("replay_of", UNSET))

        def _parse_replay(data: object) -> JobReadReplayType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                replay_type_0 = JobReadReplayType0.from_dict(data)

                return replay_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JobReadReplayType0 | None | Unset, data)

        replay = _parse_replay(d.pop("replay", UNSET))

        def _parse_request_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        request_id = _parse_request_id(d.pop("request_id", UNSET))

        def _parse_cv(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        cv = _parse_cv(d.pop("cv", UNSET))

        def _parse_encoding(data: object) -> JobReadEncodingType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                encoding_type_0 = JobReadEncodingType0.from_dict(data)

                return encoding_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(JobReadEncodingType0 | None | Unset, data)

        encoding = _parse_encoding(d.pop("encoding", UNSET))

        def _parse_columns(data: object) -> list[JobReadColumnsType0Item] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                columns_type_0 = []
                _columns_type_0 = data
                for columns_type_0_item_data in _columns_type_0:
                    columns_type_0_item = JobReadColumnsType0Item.from_dict(columns_type_0_item_data)

                    columns_type_0.append(columns_type_0_item)

                return columns_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[JobReadColumnsType0Item] | None | Unset, data)

        columns = _parse_columns(d.pop("columns", UNSET))

        def _parse_sweep_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        sweep_id = _parse_sweep_id(d.pop("sweep_id", UNSET))

        def _parse_sweep_trial(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        sweep_trial = _parse_sweep_trial(d.pop("sweep_trial", UNSET))

        job_read = cls(
            id=id,
            status=status,
            dataset_id=dataset_id,
            target=target,
            features=features,
            task=task,
            hyperparameters=hyperparameters,
            progress=progress,
            attempts=attempts,
            max_attempts=max_attempts,
            cancel_requested=cancel_requested,
            error=error,
            model_id=model_id,
            created_at=created_at,
            started_at=started_at,
            finished_at=finished_at,
            sample_weight_column=sample_weight_column,
            init_model_id=init_model_id,
            keep_partial=keep_partial,
            replay_of=replay_of,
            replay=replay,
            request_id=request_id,
            cv=cv,
            encoding=encoding,
            columns=columns,
            sweep_id=sweep_id,
            sweep_trial=sweep_trial,
        )

        job_read.additional_properties = d
        return job_read

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
