"""The database's clock in SQL, so leases never depend on which host's clock is right.

`db_now(seconds)` is the database server's current UTC time plus `seconds`, as the naive UTC
timestamp the tables store. Every lease is set and compared with it: a worker host whose clock
runs fast or slow can neither steal a live job nor keep a dead one.
"""

from sqlalchemy import Float, bindparam
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.functions import FunctionElement

from service.core.tables import UTCDateTime


class db_now(FunctionElement):  # noqa: N801 (an SQL function, named like one)
    type = UTCDateTime()
    inherit_cache = True
    name = "db_now"

    def __init__(self, seconds: float = 0.0):
        super().__init__(bindparam(None, float(seconds), type_=Float()))


@compiles(db_now, "sqlite")
def _sqlite_now(element, compiler, **kw) -> str:
    seconds = compiler.process(element.clauses, **kw)
    # '%f' gives seconds with milliseconds; '000' pads them to the microseconds SQLAlchemy writes,
    # so timestamps from both sources compare correctly as text.
    return f"(strftime('%Y-%m-%d %H:%M:%f', 'now', printf('%+.3f seconds', {seconds})) || '000')"


@compiles(db_now, "postgresql")
def _postgresql_now(element, compiler, **kw) -> str:
    seconds = compiler.process(element.clauses, **kw)
    return f"(timezone('utc', statement_timestamp()) + make_interval(secs => {seconds}))"


class elapsed_seconds(FunctionElement[float]):  # noqa: N801 (an SQL function, named like one)
    """Seconds from `start` to `end`, two timestamp expressions, as a float."""

    type = Float()
    inherit_cache = True
    name = "elapsed_seconds"

    def __init__(self, start, end):
        super().__init__(start, end)


@compiles(elapsed_seconds, "sqlite")
def _sqlite_elapsed(element, compiler, **kw) -> str:
    start, end = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"((julianday({end}) - julianday({start})) * 86400.0)"


@compiles(elapsed_seconds, "postgresql")
def _postgresql_elapsed(element, compiler, **kw) -> str:
    start, end = (compiler.process(clause, **kw) for clause in element.clauses)
    return f"EXTRACT(EPOCH FROM ({end} - {start}))"
