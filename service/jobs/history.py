"""One epoch of a job's history as clients see it, in JSON, CSV and the event stream alike."""

from service.core.tables import EpochRecord
from service.datasets.stats import finite_or_none

COSTS = ("train_cost", "validation_cost", "train_loss", "train_l2", "validation_l2")
DIAGNOSTICS = ("grad_norms", "dead_units", "saturation")  # lists, one value per layer
CSV_PREFIX = {"grad_norms": "grad_norm_layer", "dead_units": "dead_units_layer", "saturation": "saturation_layer"}


def row(r: EpochRecord) -> dict:
    out = {"epoch": r.epoch, **{name: finite_or_none(getattr(r, name)) for name in COSTS}}
    diagnostics = r.diagnostics or {}
    out.update({name: diagnostics.get(name) for name in DIAGNOSTICS})
    return out


def csv_table(rows: list[EpochRecord]) -> list[list]:
    """Header and rows: the costs, then one column per layer for each diagnostic."""
    widths = {name: max((len((r.diagnostics or {}).get(name) or []) for r in rows), default=0) for name in DIAGNOSTICS}
    header = ["epoch", *COSTS]
    for name in DIAGNOSTICS:
        header += [f"{CSV_PREFIX[name]}{i}" for i in range(1, widths[name] + 1)]
    table: list[list] = [header]
    for r in rows:
        line = [r.epoch, *("" if getattr(r, name) is None else repr(getattr(r, name)) for name in COSTS)]
        for name in DIAGNOSTICS:
            values = (r.diagnostics or {}).get(name) or []
            line += [repr(v) for v in values] + [""] * (widths[name] - len(values))
        table.append(line)
    return table
