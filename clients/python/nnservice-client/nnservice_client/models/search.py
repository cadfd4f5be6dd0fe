from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define

from ..models.search_method import SearchMethod
from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.search_parameters import SearchParameters


T = TypeVar("T", bound="Search")


@_attrs_define
class Search:
    """
    Attributes:
        method (SearchMethod): grid: every combination of the lists; random: `trials` draws from lists and ranges
        parameters (SearchParameters): hyperparameter name: a list of values, or (random) a range {min, max, log}; the
            other hyperparameters are the sweep's `hyperparameters`
        trials (int | None | Unset): random search: how many to draw, at most 200 on this service
            (NNSERVICE_MAX_SWEEP_TRIALS; a grid's combinations count the same)
        seed (int | Unset): of the random draws: the same seed, the same trials Default: 0.
    """

    method: SearchMethod
    parameters: SearchParameters
    trials: int | None | Unset = UNSET
    seed: int | Unset = 0

    def to_dict(self) -> dict[str, Any]:
        method = self.method.value

        parameters = self.parameters.to_dict()

        trials: int | None | Unset
        if isinstance(self.trials, Unset):
            trials = UNSET
        else:
            trials = self.trials

        seed = self.seed

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "method": method,
                "parameters": parameters,
            }
        )
        if trials is not UNSET:
            field_dict["trials"] = trials
        if seed is not UNSET:
            field_dict["seed"] = seed

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.search_parameters import SearchParameters  # noqa: PLC0415

        d = dict(src_dict)
        method = SearchMethod(d.pop("method"))

        parameters = SearchParameters.from_dict(d.pop("parameters"))

        def _parse_trials(data: object) -> int | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(int | None | Unset, data)

        trials = _parse_trials(d.pop("trials", UNSET))

        seed = d.pop("seed", UNSET)

        search = cls(
            method=method,
            parameters=parameters,
            trials=trials,
            seed=seed,
        )

        return search
