from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="SearchParametersRange")


@_attrs_define
class SearchParametersRange:
    """Random search: draw a number in [min, max], uniformly, or log-uniformly with `log`.

    Attributes:
        min_ (float):
        max_ (float):
        log (bool | Unset): log-uniform: as likely 1e-4..1e-3 as 1e-2..1e-1; needs min > 0 Default: False.
    """

    min_: float
    max_: float
    log: bool | Unset = False

    def to_dict(self) -> dict[str, Any]:
        min_ = self.min_

        max_ = self.max_

        log = self.log

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "min": min_,
                "max": max_,
            }
        )
        if log is not UNSET:
            field_dict["log"] = log

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        min_ = d.pop("min")

        max_ = d.pop("max")

        log = d.pop("log", UNSET)

        search_parameters_range = cls(
            min_=min_,
            max_=max_,
            log=log,
        )

        return search_parameters_range
