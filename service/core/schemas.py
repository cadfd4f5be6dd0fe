"""What every resource's schemas share: the id and name patterns, the strictness of request bodies."""

from collections.abc import Iterable
from typing import Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
)

Task = Literal["classification", "regression"]

# A dataset's name and a column's named in a job (its target, its weights): String(255) in core/tables.py,
# checked by each schema and route so that a longer one is a 422 naming its field on every database.
MAX_NAME_LENGTH = 255
ID_PATTERN = r"^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$"  # every id is a lowercase UUID
# A model's name and an alias of it: lower case, so that "Cancer" and "cancer" are never two names.
NAME_PATTERN = r"^[a-z0-9][a-z0-9_.-]{0,63}$"
NAME_RULE = "1 to 64 characters: lower-case letters, digits, '.', '_' or '-', starting with a letter or a digit"
ALIAS_RULE = NAME_RULE + ", and not all digits (digits name a version: cancer@3)"
# NAME_PATTERN and not all digits, without a look-ahead (which JSON Schema's regex dialects differ on)
ALIAS_PATTERN = r"^(?:[a-z][a-z0-9_.-]{0,63}|[0-9]{1,63}[a-z_.-][a-z0-9_.-]{0,62})$"
# Where a model is named in a path: its id, or "name@alias", or "name@version".
MODEL_REF_PATTERN = (
    r"^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"
    r"|[a-z0-9][a-z0-9_.-]{0,63}@[a-z0-9][a-z0-9_.-]{0,63})$"
)


def one_of(names: Iterable[str]) -> Any:
    """`Literal[...]` of these names, built from a table of the engine's at import: a choice is spelt once,
    where it is implemented, and the request check and the OpenAPI enum follow it."""
    return Literal.__getitem__(tuple(names))


class Strict(BaseModel):
    """Unknown fields are rejected, not ignored: a typo must not silently train with a default. And
    values are not coerced (pydantic's strict mode): `true` is not 1 epoch, nor "5" five; a float
    field takes an integer, and an integer field only an integer."""

    model_config = ConfigDict(extra="forbid", strict=True)
