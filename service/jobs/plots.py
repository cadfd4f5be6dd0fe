"""Cost curves drawn on the server with matplotlib, as SVG or PNG."""

import io
from typing import cast

import matplotlib

matplotlib.use("Agg")  # no display; must precede any other matplotlib import
matplotlib.rcParams["svg.fonttype"] = "none"  # labels as SVG text: smaller, selectable, searchable
matplotlib.rcParams["path.simplify"] = False  # every epoch is a point of its curve
matplotlib.rcParams["svg.hashsalt"] = "nnservice"  # element ids from the content, not at random

from matplotlib.figure import Figure  # noqa: E402  (Figure, not pyplot: no global state, safe in threads)

from service.core.tables import EpochRecord, Job  # noqa: E402

FORMATS = {"svg": "image/svg+xml", "png": "image/png"}
SIZE_INCHES = (8, 4.5)
SIZE_WITH_GRADIENTS = (8, 7)
PNG_DPI = 100  # 800 x 450 pixels (800 x 700 with the gradient panel)


def cost_history_plot(job: Job, rows: list[EpochRecord], fmt: str) -> bytes:
    """The costs against epochs; with an L2 penalty, the training data loss and the penalty apart;
    below, when recorded, each weight layer's gradient norm (log scale)."""
    gradients = [row for row in rows if row.diagnostics and row.diagnostics.get("grad_norms")]
    figure = Figure(figsize=SIZE_WITH_GRADIENTS if gradients else SIZE_INCHES, layout="constrained")
    if gradients:
        axes, gradient_axes = figure.subplots(2, 1, sharex=True, height_ratios=[3, 2])
    else:
        axes = figure.subplots()
    epochs = [row.epoch for row in rows]
    axes.plot(epochs, [row.train_cost for row in rows], label="training cost", color="tab:blue")
    split = [row for row in rows if row.train_l2]  # rows with a penalty (older rows have no split)
    if split:
        split_epochs = [row.epoch for row in split]
        axes.plot(
            split_epochs,
            [row.train_loss for row in split],
            label="training data loss",
            color="tab:blue",
            linestyle="--",
        )
        axes.plot(split_epochs, [row.train_l2 for row in split], label="L2 penalty", color="tab:gray", linestyle=":")
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
    axes.set_ylabel("cost")
    axes.set_title(f"job {job.id[:8]}: {job.status}, {len(rows)} of {job.epochs} epochs")
    axes.grid(alpha=0.3)
    if rows:
        axes.legend()
    if gradients:
        norms = [cast(dict, row.diagnostics)["grad_norms"] for row in gradients]  # each has them
        for layer in range(len(norms[0])):
            gradient_axes.plot(
                [row.epoch for row in gradients],
                [n[layer] if layer < len(n) else None for n in norms],
                label=f"gradient norm, layer {layer + 1}",
            )
        gradient_axes.set_yscale("log")
        gradient_axes.set_ylabel("||dCost/dW||")
        gradient_axes.grid(alpha=0.3)
        gradient_axes.legend()
        gradient_axes.set_xlabel("epoch")
    else:
        axes.set_xlabel("epoch")
    out = io.BytesIO()
    # No creation date in the file: the same history draws the same bytes.
    metadata = {"Date": None} if fmt == "svg" else {"Software": None}
    figure.savefig(out, format=fmt, dpi=PNG_DPI, metadata=metadata)
    return out.getvalue()
