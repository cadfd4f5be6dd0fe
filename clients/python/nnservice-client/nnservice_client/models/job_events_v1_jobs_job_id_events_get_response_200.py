from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="JobEventsV1JobsJobIdEventsGetResponse200")


@_attrs_define
class JobEventsV1JobsJobIdEventsGetResponse200:
    """
    Attributes:
        event (str | Unset):
        id (str | Unset):
        data (str | Unset):
    """

    event: str | Unset = UNSET
    id: str | Unset = UNSET
    data: str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        event = self.event

        id = self.id

        data = self.data

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if event is not UNSET:
            field_dict["event"] = event
        if id is not UNSET:
            field_dict["id"] = id
        if data is not UNSET:
            field_dict["data"] = data

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        event = d.pop("event", UNSET)

        id = d.pop("id", UNSET)

        data = d.pop("data", UNSET)

        job_events_v1_jobs_job_id_events_get_response_200 = cls(
            event=event,
            id=id,
            data=data,
        )

        job_events_v1_jobs_job_id_events_get_response_200.additional_properties = d
        return job_events_v1_jobs_job_id_events_get_response_200

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
