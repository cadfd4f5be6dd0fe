from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define

from ..types import UNSET, Unset

T = TypeVar("T", bound="AliasCreate")


@_attrs_define
class AliasCreate:
    """
    Attributes:
        name (str): the name to register the model under: 1 to 64 characters: lower-case letters, digits, '.', '_' or
            '-', starting with a letter or a digit
        alias (None | str | Unset): an alias of that name to point at this model's version; none: register only
    """

    name: str
    alias: None | str | Unset = UNSET

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        alias: None | str | Unset
        if isinstance(self.alias, Unset):
            alias = UNSET
        else:
            alias = self.alias

        field_dict: dict[str, Any] = {}

        field_dict.update(
            {
                "name": name,
            }
        )
        if alias is not UNSET:
            field_dict["alias"] = alias

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        name = d.pop("name")

        def _parse_alias(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        alias = _parse_alias(d.pop("alias", UNSET))

        alias_create = cls(
            name=name,
            alias=alias,
        )

        return alias_create
