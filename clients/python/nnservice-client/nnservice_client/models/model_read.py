from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.model_read_task import ModelReadTask
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.model_read_architecture import ModelReadArchitecture
    from ..models.model_read_hyperparameters import ModelReadHyperparameters
    from ..models.model_read_input_columns_item import ModelReadInputColumnsItem
    from ..models.model_read_metrics import ModelReadMetrics
    from ..models.model_read_preprocessing import ModelReadPreprocessing
    from ..models.model_read_reproducibility_type_0 import ModelReadReproducibilityType0


T = TypeVar("T", bound="ModelRead")


@_attrs_define
class ModelRead:
    """
    Attributes:
        id (str):
        job_id (None | str):
        dataset_id (None | str):
        task (ModelReadTask):
        target (str):
        features (list[str]): the columns the model takes, in order
        input_columns (list[ModelReadInputColumnsItem]): each column the model takes: its name, type (numeric, boolean,
            categorical, datetime) and, for a categorical column, the levels it knows; `preprocessing.columns` says how each
            was encoded
        classes (list[Any] | None):
        architecture (ModelReadArchitecture):
        hyperparameters (ModelReadHyperparameters):
        preprocessing (ModelReadPreprocessing):
        metrics (ModelReadMetrics):
        n_epochs (int):
        size_bytes (int):
        created_at (datetime.datetime):
        partial (bool | Unset): the best weights of a cancelled job, kept on request Default: False.
        reproducibility (ModelReadReproducibilityType0 | None | Unset): the dataset's SHA-256, the resolved
            hyperparameters and seed, and the versions of the engine, NumPy, Python and the BLAS with its thread count
        name (None | str | Unset): the name it is registered under; null if none
        version (int | None | Unset): its version of that name
        aliases (list[str] | Unset): the aliases of that name pointing at it
    """

    id: str
    job_id: None | str
    dataset_id: None | str
    task: ModelReadTask
    target: str
    features: list[str]
    input_columns: list[ModelReadInputColumnsItem]
    classes: list[Any] | None
    architecture: ModelReadArchitecture
    hyperparameters: ModelReadHyperparameters
    preprocessing: ModelReadPreprocessing
    metrics: ModelReadMetrics
    n_epochs: int
    size_bytes: int
    created_at: datetime.datetime
    partial: bool | Unset = False
    reproducibility: ModelReadReproducibilityType0 | None | Unset = UNSET
    name: None | str | Unset = UNSET
    version: int | None | Unset = UNSET
    aliases: list[str] | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.model_read_reproducibility_type_0 import ModelReadReproducibilityType0  # noqa: PLC0415

        id = self.id

        job_id: None | str
        job_id = self.job_id

        dataset_id: None | str
        dataset_id = self.dataset_id

        task = self.task.value

        target = self.target

        features = self.features

        input_columns = []
        for input_columns_item_data in self.input_columns:
            input_columns_item = input_columns_item_data.to_dict()
            input_columns.append(input_columns_item)

        classes: list[Any] | None
        if isinstance(self.classes, list):
            classes = self.classes

        else:
            classes = self.classes

        architecture = self.architecture.to_dict()

        hyperparameters = self.hyperparameters.to_dict()

        preprocessing = self.preprocessing.to_dict()

        metrics = self.metrics.to_dict()

        n_epochs = self.n_epochs

        size_bytes = self.size_bytes

        created_at = self.created_at.isoformat()

        partial = self.partial

        reproducibility: dict[str, Any] | None | Unset
        if isinstance(self.reproducibility, Unset):
            reproducibility = UNSET
        elif isinstance(self.reproducibility, ModelReadReproducibilityType0):
            reproducibility = self.reproducibility.to_dict()
        else:
            reproducibility = self.reproducibility

        name: None | str | Unset
        if isinstance(self.name, Unset):
            name = UNSET
        else:
            name = self.name

        version: int | None | Unset
        if isinstance(self.version, Unset):
            version = UNSET
        else:
            version = self.version

        aliases: list[str] | Unset = UNSET
        if not isinstance(self.aliases, Unset):
            aliases = self.aliases

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "id": id,
                "job_id": job_id,
                "dataset_id": dataset_id,
                "task": task,
                "target": target,
                "features": features,
                "input_columns": input_columns,
                "classes": classes,
                "architecture": architecture,
                "hyperparameters": hyperparameters,
                "preprocessing": preprocessing,
                "metrics": metrics,
                "n_epochs": n_epochs,
                "size_bytes": size_bytes,
                "created_at": created_at,
            }
        )
        if partial is not UNSET:
            field_dict["partial"] = partial
        if reproducibility is not UNSET:
            field_dict["reproducibility"] = reproducibility
        if name is not UNSET:
            field_dict["name"] = name
        if version is not UNSET:
            field_dict["version"] = version
        if aliases is not UNSET:
            field_dict["aliases"] = aliases

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.model_read_architecture import ModelReadArchitecture  # noqa: PLC0415
        from ..models.model_read_hyperparameters import ModelReadHyperparameters  # noqa: PLC0415
        from ..models.model_read_input_columns_item import ModelReadInputColumnsItem  # noqa: PLC0415
        from ..models.model_read_metrics import ModelReadMetrics  # noqa: PLC0415
        from ..models.model_read_preprocessing import ModelReadPreprocessing  # noqa: PLC0415
        from ..models.model_read_reproducibility_type_0 import ModelReadReproducibilityType0  # noqa: PLC0415

        d = dict(src_dict)
        id = d.pop("id")

        def _parse_job_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        job_id = _parse_job_id(d.pop("job_id"))

        def _parse_dataset_id(data: object) -> None | str:
            if data is None:
                return data
            return cast(None | str, data)

        dataset_id = _parse_dataset_id(d.pop("dataset_id"))

        task = ModelReadTask(d.pop("task"))

        target = d.pop("target")

        features = cast(list[str], d.pop("features"))

        input_columns = []
        _input_columns = d.pop("input_columns")
        for input_columns_item_data in _input_columns:
            input_columns_item = ModelReadInputColumnsItem.from_dict(input_columns_item_data)

            input_columns.append(input_columns_item)

        def _parse_classes(data: object) -> list[Any] | None:
            if data is None:
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                classes_type_0 = cast(list[Any], data)

                return classes_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[Any] | None, data)

        classes = _parse_classes(d.pop("classes"))

        architecture = ModelReadArchitecture.from_dict(d.pop("architecture"))

        hyperparameters = ModelReadHyperparameters.from_dict(d.pop("hyperparameters"))

        preprocessing = ModelReadPreprocessing.from_dict(d.pop("preprocessing"))

        metrics = ModelReadMetrics.from_dict(d.pop("metrics"))

        n_epochs = d.pop("n_epochs")

        size_bytes = d.pop("size_bytes")

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        partial = d.pop("partial", UNSET)

        def _parse_reproducibility(data: object) -> ModelReadReproducibilityType0 | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                reproducibility_type_0 = ModelReadReproducibilityType0.from_dict(data)

                return reproducibility_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(ModelReadReproducibilityType0 | None | Unset, data)

        reproducibility = _parse_reproducibility(d.pop("reproducibility", UNSET))

        def _parse_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        name = _parse_name(d.pop("name", UNSET))

        def _parse_version(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        version = _parse_version(d.pop("version", UNSET))

        aliases = cast(list[str], d.pop("aliases", UNSET))

        model_read = cls(
            id=id,
            job_id=job_id,
            dataset_id=dataset_id,
            task=task,
            target=target,
            features=features,
            input_columns=input_columns,
            classes=classes,
            architecture=architecture,
            hyperparameters=hyperparameters,
            preprocessing=preprocessing,
            metrics=metrics,
            n_epochs=n_epochs,
            size_bytes=size_bytes,
            created_at=created_at,
            partial=partial,
            reproducibility=reproducibility,
            name=name,
            version=version,
            aliases=aliases,
        )

        model_read.additional_properties = d
        return model_read

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
