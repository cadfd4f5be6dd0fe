from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.model_name_read_aliases import ModelNameReadAliases
    from ..models.model_version_read import ModelVersionRead


T = TypeVar("T", bound="ModelNameRead")


@_attrs_define
class ModelNameRead:
    """
    Attributes:
        name (str):
        versions (list[ModelVersionRead]): newest first
        aliases (ModelNameReadAliases): each alias and the version it points at
        created_at (datetime.datetime):
    """

    name: str
    versions: list[ModelVersionRead]
    aliases: ModelNameReadAliases
    created_at: datetime.datetime
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        name = self.name

        versions = []
        for versions_item_data in self.versions:
            versions_item = versions_item_data.to_dict()
            versions.append(versions_item)

        aliases = self.aliases.to_dict()

        created_at = self.created_at.isoformat()

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "name": name,
                "versions": versions,
                "aliases": aliases,
                "created_at": created_at,
            }
        )

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.model_name_read_aliases import ModelNameReadAliases  # noqa: PLC0415
        from ..models.model_version_read import ModelVersionRead  # noqa: PLC0415

        d = dict(src_dict)
        name = d.pop("name")

        versions = []
        _versions = d.pop("versions")
        for versions_item_data in _versions:
            versions_item = ModelVersionRead.from_dict(versions_item_data)

            versions.append(versions_item)

        aliases = ModelNameReadAliases.from_dict(d.pop("aliases"))

        created_at = datetime.datetime.fromisoformat(d.pop("created_at"))

        model_name_read = cls(
            name=name,
            versions=versions,
            aliases=aliases,
            created_at=created_at,
        )

        model_name_read.additional_properties = d
        return model_name_read

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
