"""The one reader of JSON bodies, for the routes that read their body by hand (predict, the dataset
upload) and, through `JSONBodyRoute`, for every route whose body FastAPI validates.

orjson first: it refuses a number beyond a float64 and a lone surrogate. Where it refuses, the
standard library reads the body again, for it takes NaN and Infinity, which each route's own checks
then refuse naming the field. Read that way, the body is bounded as orjson bounds it: a number
beyond a float64 (an integer of 5,000 digits, 1e999) and a string holding a lone surrogate (which
neither PostgreSQL nor Arrow can store) are refused with a 422 naming where they are. A body that
is not JSON fails as FastAPI fails it, so the answers to bad bodies are the same on every route."""

import json
import math
import re
import sys
from collections.abc import Callable, Coroutine
from typing import Any, TypeVar

import orjson
from fastapi import HTTPException, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import BaseModel, ValidationError

from service.api.deps import is_json, media_type
from service.core.errors import unprocessable

M = TypeVar("M", bound=BaseModel)
FLOAT64_DIGITS = len(str(int(sys.float_info.max)))  # 309: an integer of more digits is beyond a float64
SURROGATE_ESCAPE = re.compile(rb"\\u[dD][89a-fA-F]")  # how a (lone) surrogate gets into JSON text
SHOWN_DIGITS = 12  # of a number refused, this many characters are quoted


class _Unreadable:
    """In place of a value the body may not hold, until its place is known."""

    def __init__(self, message: str):
        self.message = message


def _number(text: str, value: float | int) -> object:
    if (isinstance(value, float) and math.isinf(value)) or (isinstance(value, int) and not _fits_a_float(value)):
        shown = text if len(text) <= SHOWN_DIGITS else f"{text[:SHOWN_DIGITS]}... ({len(text)} characters)"
        return _Unreadable(f"{shown} is beyond the range of a float64 (±1.8e308): not a finite number")
    return value


def _fits_a_float(value: int) -> bool:
    try:
        float(value)
    except OverflowError:
        return False
    return True


def _int(text: str) -> object:
    if len(text.lstrip("-")) > FLOAT64_DIGITS:  # never int() it: Python refuses 4,300 digits, slowly
        return _number(text, math.inf)
    return _number(text, int(text))


def _float(text: str) -> object:
    return _number(text, float(text))


def parse(raw: bytes) -> object:
    """`raw` as a JSON value; a 422 naming the place of a number beyond a float64 or a lone surrogate."""
    try:
        return orjson.loads(raw)
    except orjson.JSONDecodeError:
        pass
    marked: list[_Unreadable] = []

    def mark(value: object) -> object:
        if isinstance(value, _Unreadable):
            marked.append(value)
        return value

    try:
        value = json.loads(raw, parse_int=lambda text: mark(_int(text)), parse_float=lambda text: mark(_float(text)))
    except json.JSONDecodeError as e:  # FastAPI's own error for it (problems.py words it)
        error = {"type": "json_invalid", "loc": ("body", e.pos), "msg": "JSON decode error", "input": {}}
        raise RequestValidationError([{**error, "ctx": {"error": e.msg}}], body=e.doc) from None
    except Exception as e:  # a RecursionError or a bad encoding, as FastAPI reports them
        raise HTTPException(status_code=400, detail="There was an error parsing the body") from e
    surrogates = SURROGATE_ESCAPE.search(raw) is not None
    if marked or surrogates:  # else nothing to look for: no walk over a large body
        _refuse_unreadable(value, strings=surrogates)
    return value


def _refuse_unreadable(value: object, *, strings: bool) -> None:
    """The first value `parse` marked, or (with `strings`) a string or key with a lone surrogate, as a 422."""
    stack: list[tuple[str, object]] = [("", value)]  # a loop, not recursion: the body may be nested deep
    while stack:
        path, item = stack.pop()
        if isinstance(item, _Unreadable):
            raise unprocessable(path or "body", item.message)
        if strings and isinstance(item, str) and not _is_text(item):
            raise unprocessable(path or "body", f"{item[:SHOWN_DIGITS]!r} holds a lone surrogate: not text")
        if isinstance(item, dict):
            for key in reversed(item):
                where = f"{path}.{key}" if path else str(key)
                if strings and not _is_text(key):  # named with the surrogate escaped, as the body wrote it
                    raise unprocessable(
                        where.encode("utf-8", "backslashreplace").decode(), "a key with a lone surrogate"
                    )
                stack.append((where, item[key]))
        elif isinstance(item, list):
            stack.extend((f"{path}.{i}" if path else str(i), v) for i, v in reversed(list(enumerate(item))))


def _is_text(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:  # a surrogate alone: UTF-8 has no bytes for it
        return False
    return True


class _ParsedBody(Request):
    """A request whose JSON body `parse` has read: what FastAPI's validation reads."""

    def __init__(self, request: Request, raw: bytes, parsed: object):
        super().__init__(request.scope, request.receive)
        self.raw, self.parsed = raw, parsed

    async def body(self) -> bytes:
        return self.raw

    async def json(self) -> Any:
        return self.parsed


class JSONBodyRoute(APIRoute):
    """A route whose JSON body is read by `parse`, before FastAPI validates it: its refusals are
    answered as problems (FastAPI's own reading, the standard library's unbounded `json.loads`,
    would answer a 5,000-digit integer with a 400 and store a lone surrogate)."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handler = super().get_route_handler()
        if self.body_field is None:
            return handler

        async def read_json_first(request: Request) -> Response:
            raw = await request.body()
            if raw and is_json(media_type(request.headers)):
                request = _ParsedBody(request, raw, parse(raw))
            return await handler(request)

        return read_json_first


def validate(model: type[M], value: object) -> M:
    """`value` as `model`, with FastAPI's 422 naming each bad field under `body`."""
    try:
        return model.model_validate(value)
    except ValidationError as exc:
        errors = [{**e, "loc": ("body", *e["loc"])} for e in exc.errors(include_url=False)]
        raise RequestValidationError(errors) from None


def dumps(value: object) -> bytes:
    """JSON of dicts, lists and NumPy arrays, without a Python object per number."""
    return orjson.dumps(value, option=orjson.OPT_SERIALIZE_NUMPY)
