from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

if TYPE_CHECKING:
    from ..models.search_parameters_range import SearchParametersRange


T = TypeVar("T", bound="SearchParameters")


@_attrs_define
class SearchParameters:
    """hyperparameter name: a list of values, or (random) a range {min, max, log}; the other hyperparameters are the
    sweep's `hyperparameters`

    """

    additional_properties: dict[str, list[Any] | SearchParametersRange] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:

        field_dict: dict[str, Any] = {}
        for prop_name, prop in self.additional_properties.items():
            if isinstance(prop, list):
                field_dict[prop_name] = prop

            else:
                field_dict[prop_name] = prop.to_dict()

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.search_parameters_range import SearchParametersRange  # noqa: PLC0415

        d = dict(src_dict)
        search_parameters = cls()

        additional_properties = {}
        for prop_name, prop_dict in d.items():

            def _parse_additional_property(data: object) -> list[Any] | SearchParametersRange:
                try:
                    if not isinstance(data, list):
                        raise TypeError()
                    additional_property_type_0 = cast(list[Any], data)

                    return additional_property_type_0
                except (TypeError, ValueError, AttributeError, KeyError):
                    pass
                if not isinstance(data, dict):
                    raise TypeError()
                additional_property_range = SearchParametersRange.from_dict(data)

                return additional_property_range

            additional_property = _parse_additional_property(prop_dict)

            additional_properties[prop_name] = additional_property

        search_parameters.additional_properties = additional_properties
        return search_parameters

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> list[Any] | SearchParametersRange:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: list[Any] | SearchParametersRange) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
