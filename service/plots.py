"""Cost curves drawn on the server with matplotlib, as SVG or PNG."""

import io

import matplotlib

matplotlib.use("Agg")  # no display; must precede any other matplotlib import
matplotlib.rcParams["svg.fonttype"] = "none"  # labels as SVG text: smaller, selectable, searchable
matplotlib.rcParams["path.simplify"] = False  # every epoch is a point of its curve
matplotlib.rcParams["svg.hashsalt"] = "nnservice"  # element ids from the content, not at random

from matplotlib.figure import Figure  # noqa: E402  (Figure, not pyplot: no global state, safe in threads)

from .tables import CostHistory, Job  # noqa: E402

FORMATS = {"svg": "image/svg+xml", "png": "image/png"}
SIZE_INCHES = (8, 4.5)
PNG_DPI = 100  # 800 x 450 pixels


def cost_history_plot(job: Job, rows: list[CostHistory], fmt: str) -> bytes:
    figure = Figure(figsize=SIZE_INCHES, layout="constrained")
    axes = figure.subplots()
    epochs = [row.epoch for row in rows]
    axes.plot(epochs, [row.train_cost for row in rows], label="training cost", color="tab:blue")
    validated = [row for row in rows if row.validation_cost is not None]
    if validated:
        axes.plot(
            [row.epoch for row in validated],
            [row.validation_cost for row in validated],
            label="validation cost",
            color="tab:orange",
        )
    if not rows:
        axes.text(0.5, 0.5, "no epochs yet", ha="center", va="center", transform=axes.transAxes)
    axes.set_xlabel("epoch")
    axes.set_ylabel("cost")
    axes.set_title(f"job {job.id[:8]}: {job.status}, {len(rows)} of {job.epochs} epochs")
    axes.grid(alpha=0.3)
    if rows:
        axes.legend()
    out = io.BytesIO()
    # No creation date in the file: the same history draws the same bytes.
    metadata = {"Date": None} if fmt == "svg" else {"Software": None}
    figure.savefig(out, format=fmt, dpi=PNG_DPI, metadata=metadata)
    return out.getvalue()
