"""Trained models: read, list, delete, and the in-process cache that serves predictions."""

import threading
from collections import OrderedDict
from dataclasses import dataclass
from functools import cached_property
from typing import cast

from sqlalchemy import update

from nn_engine import MLPClassifier, MLPRegressor, ModelFormatError, model_from_bytes
from service.core import repository
from service.core.db import Database
from service.core.errors import NotFound, StoredDataUnreadable
from service.core.tables import Job, Model
from service.models import names as model_names


def get_or_raise(db: Database, *, model_id: str, owner: str | None) -> Model:
    with db.read_session() as session:
        return repository.get_or_raise(session, Model, model_id, owner, what="model")


def list_(db: Database, *, owner: str | None, limit: int, offset: int) -> tuple[list[Model], int]:
    with db.read_session() as session:
        return repository.paginate(session, repository.owned(Model, owner), limit=limit, offset=offset)


def delete(db: Database, *, model_id: str, owner: str | None) -> None:
    with db.write_session() as session:
        model = repository.get_or_raise(session, Model, model_id, owner, what="model")
        session.execute(update(Job).where(Job.model_id == model_id).values(model_id=None))
        model_names.unregister(session, model_id=model_id)  # its version, and every alias pointing at it
        session.delete(model)


@dataclass(frozen=True)
class LoadedModel:
    id: str
    owner: str
    task: str
    target: str
    features: list[str]
    feature_index: dict[str, int]  # name -> column, for predictions by record
    estimator: MLPClassifier | MLPRegressor
    known_columns: frozenset[str]  # the training table's feature columns: the features and those left out

    @property
    def takes_raw_columns(self) -> bool:
        """An encoder model: records hold raw values (text, null, dates) and may lack a column."""
        return self.estimator.encoder_ is not None

    @cached_property
    def numeric_inputs(self) -> bool:
        """Every column it takes is numeric: a matrix of finite numbers is one of its bodies too."""
        encoder = self.estimator.encoder_
        return encoder is None or all(plan.type == "numeric" for plan in encoder.plans_ if plan.outputs())


class ModelCache:
    """Least-recently-used models, loaded once from the database; the prediction hot path
    reads only this dict."""

    def __init__(self, db: Database, *, size: int):
        self.db, self.size = db, size
        self._models: OrderedDict[str, LoadedModel] = OrderedDict()
        self._lock = threading.Lock()

    def get_loaded(self, model_id: str, *, owner: str | None) -> LoadedModel | None:
        """The model if it is loaded already (never the database: safe on the event loop); None if not."""
        with self._lock:
            loaded = self._models.get(model_id)
            if loaded is not None:
                self._models.move_to_end(model_id)
        if loaded is not None and owner is not None and loaded.owner != owner:
            raise NotFound(f"model {model_id} does not exist")
        return loaded

    def get(self, model_id: str, *, owner: str | None) -> LoadedModel:
        """The model, if `owner` may see it (None: an admin); else NotFound, as for a missing one."""
        loaded = self.get_loaded(model_id, owner=owner)
        if loaded is None:
            loaded = self._load(model_id)
            self._remember(loaded)
            if owner is not None and loaded.owner != owner:
                raise NotFound(f"model {model_id} does not exist")
        return loaded

    def _remember(self, loaded: LoadedModel) -> None:
        with self._lock:
            self._models[loaded.id] = loaded
            while len(self._models) > self.size:
                self._models.popitem(last=False)

    def evict(self, model_id: str) -> None:
        with self._lock:
            self._models.pop(model_id, None)

    def _load(self, model_id: str) -> LoadedModel:
        with self.db.read_session() as session:
            model = session.get(Model, model_id)
            if model is None:
                raise NotFound(f"model {model_id} does not exist")
            payload = model.payload
            features, task, target, owner = list(model.features), model.task, model.target, model.owner
            report = model.preprocessing.get("columns") or []
        try:
            estimator = model_from_bytes(payload)  # an npz read without pickle: nothing in it is executed
        except ModelFormatError as exc:
            raise StoredDataUnreadable(f"model {model_id} cannot be loaded: {exc}") from None
        return LoadedModel(
            id=model_id,
            owner=owner,
            task=task,
            target=target,
            features=features,
            feature_index={name: i for i, name in enumerate(features)},
            estimator=cast(MLPClassifier | MLPRegressor, estimator),  # model_from_bytes builds one of the two
            known_columns=frozenset([*features, *(column["name"] for column in report)]),
        )
