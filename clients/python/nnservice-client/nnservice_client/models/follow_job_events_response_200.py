from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..models.follow_job_events_response_200_event import FollowJobEventsResponse200Event
from ..types import UNSET, Unset

T = TypeVar("T", bound="FollowJobEventsResponse200")


@_attrs_define
class FollowJobEventsResponse200:
    """
    Attributes:
        event (FollowJobEventsResponse200Event):
        data (str):
        id (str | Unset):
    """

    event: FollowJobEventsResponse200Event
    data: str
    id: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        event = self.event.value

        data = self.data

        id = self.id

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "event": event,
                "data": data,
            }
        )
        if id is not UNSET:
            field_dict["id"] = id

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        event = FollowJobEventsResponse200Event(d.pop("event"))

        data = d.pop("data")

        id = d.pop("id", UNSET)

        follow_job_events_response_200 = cls(
            event=event,
            data=data,
            id=id,
        )

        follow_job_events_response_200.additional_properties = d
        return follow_job_events_response_200

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
