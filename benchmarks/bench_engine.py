"""Speed and accuracy of nn_engine against scikit-learn and PyTorch, measured side by side in one run.

    python benchmarks/bench_engine.py                          # full run, a few minutes; prints Markdown
    python benchmarks/bench_engine.py --markdown BENCHMARKS.md # also rewrites the generated part of that file
    python benchmarks/bench_engine.py --quick                  # tiny sizes: a smoke run of every code path

The machine is shared and noisy, so every figure is a median (or best-of-N for kernel timings) over
repeats, the implementations are interleaved round by round, and targets are checked on ratios
between figures of the same run, never against numbers from another day.
"""

import argparse
import datetime
import math
import os
import platform
import re
import sys
import time
import warnings
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path

import numpy as np
import sklearn
from report import write_generated  # benchmarks/report.py, beside this script
from sklearn.datasets import load_breast_cancer, load_digits
from sklearn.exceptions import ConvergenceWarning
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier as SklearnMLP
from sklearn.preprocessing import StandardScaler

import nn_engine
from nn_engine import MLPClassifier
from nn_engine.initializers import init_weights
from nn_engine.losses import LOSS_FUNCTIONS
from nn_engine.network import Network, Workspace
from nn_engine.optimizers import make_optimizer

try:  # PyTorch is optional: without it the comparison is skipped, the rest still runs
    import torch
except (ImportError, OSError):
    torch = None


# Targets, as ratios measured within one run.
TUTORIAL_SPEEDUP_TARGET = 8.0  # sklearn fit time / nn_engine fit time >= 8
TORCH_RATIO_TARGET = 0.8  # nn_engine s/epoch <= 0.8 x PyTorch's
GEMM_RATIO_TARGET = 1.3  # nn_engine s/epoch <= 1.3 x the GEMM-bound limit

MNIST_LAYERS = [784, 256, 128, 10]
TUTORIAL_LAYERS = [30, 14, 1]


@dataclass(frozen=True)
class Sizes:
    tutorial_repeats: int  # fits per implementation for the fit-time median
    tutorial_epochs: int
    mnist_rows: int
    mnist_rounds: int  # rounds of (nn_engine, PyTorch, sklearn), interleaved against drift
    mnist_epochs: int  # timed epochs per round, after one warm-up epoch
    cancer_splits: int  # accuracy: stratified 80/20 splits of breast cancer
    digits_splits: int
    accuracy_epochs: int
    kernel_repeats: int  # best-of-N for micro timings (GEMMs, step breakdown)


FULL = Sizes(7, 200, 48_000, 7, 3, 20, 5, 200, 7)
QUICK = Sizes(2, 10, 2_048, 1, 1, 2, 1, 10, 2)


# -- helpers ---------------------------------------------------------------------------------------------------------


def best_time(fn, number: int, repeats: int) -> float:
    """Seconds per call: the best of `repeats` loops of `number` calls (the least disturbed loop)."""
    fn()  # warm caches and lazily allocated buffers
    best = math.inf
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        best = min(best, (time.perf_counter() - start) / number)
    return best


def timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def cancer_split(split: int):
    """The tutorial protocol: stratified 80/20 split, scaler fitted on the training part."""
    X, y = load_breast_cancer(return_X_y=True)
    return scaled_split(X, y, split)


def scaled_split(X, y, split: int):
    X_train, X_test, y_train, y_test = train_test_split(X, y, test_size=0.2, stratify=y, random_state=split)
    scaler = StandardScaler().fit(X_train)
    return scaler.transform(X_train), scaler.transform(X_test), y_train, y_test


def ours(hidden, *, epochs: int, batch_size: int, seed: int = 0, dtype: str = "float64") -> MLPClassifier:
    # standardize=False: data arrive scaled, as they do for scikit-learn, so both do the same work.
    return MLPClassifier(
        hidden_layers=list(hidden),
        activation="relu",
        optimizer="adam",
        learning_rate=0.001,
        epochs=epochs,
        batch_size=batch_size,
        l2=1e-4,
        seed=seed,
        standardize=False,
        dtype=dtype,
    )


def theirs(hidden, *, epochs: int, batch_size: int, seed: int = 0) -> SklearnMLP:
    # tol=0 and a huge n_iter_no_change: scikit-learn runs every epoch, like nn_engine.
    return SklearnMLP(
        tuple(hidden),
        activation="relu",
        solver="adam",
        learning_rate_init=0.001,
        max_iter=epochs,
        batch_size=batch_size,
        alpha=1e-4,
        tol=0,
        n_iter_no_change=10**9,
        random_state=seed,
    )


# -- a. the tutorial task: fit time --------------------------------------------------------------------------------


def bench_tutorial(sizes: Sizes) -> dict:
    X_train, _, y_train, _ = cancer_split(0)
    epochs = sizes.tutorial_epochs
    ours_s, sklearn_s = [], []
    for _ in range(sizes.tutorial_repeats):  # alternate the two so drift hits both alike
        ours_s.append(timed(lambda: ours([14], epochs=epochs, batch_size=200).fit(X_train, y_train)))
        sklearn_s.append(timed(lambda: theirs([14], epochs=epochs, batch_size=200).fit(X_train, y_train)))
    return {
        "epochs": epochs,
        "repeats": sizes.tutorial_repeats,
        "rows": len(X_train),
        "ours": float(np.median(ours_s)),
        "ours_min": min(ours_s),
        "sklearn": float(np.median(sklearn_s)),
        "sklearn_min": min(sklearn_s),
    }


# -- b. the MNIST-sized task: seconds per epoch --------------------------------------------------------------------


def synthetic_mnist(rows: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """MNIST-shaped float32 data (rows x 784, 10 classes) that can be learnt: a class mean plus noise."""
    rng = np.random.default_rng(seed)
    means = rng.standard_normal((10, 784), dtype=np.float32)
    y = rng.integers(0, 10, rows)
    X = rng.standard_normal((rows, 784), dtype=np.float32)
    X += 0.05 * means[y]  # two class means ~2 noise sd apart: learnable, not trivial
    return X, y


def engine_epochs(X, y, epochs: int) -> dict:
    """Per-epoch seconds of nn_engine, from callback timestamps; the first epoch is the warm-up."""
    stamps = []
    model = ours(MNIST_LAYERS[1:-1], epochs=epochs + 1, batch_size=256, dtype="float32")
    start = time.perf_counter()
    model.fit(X, y, callback=lambda *_: stamps.append(time.perf_counter()))
    epoch_s = np.diff(stamps).tolist()
    # What the first epoch costs beyond a steady one: input checks, copies, first touch of buffers.
    setup = stamps[0] - start - float(np.median(epoch_s))
    return {"epochs": epoch_s, "loss": model.cost_history_["train"][-1], "setup": setup}


def torch_epochs(X, y, epochs: int) -> dict:
    """The fastest honest PyTorch loop: one randperm gather per epoch, contiguous slices, fused Adam."""
    torch.set_num_threads(2)
    torch.manual_seed(0)
    X_all, y_all = torch.from_numpy(X), torch.from_numpy(y)
    model = torch.nn.Sequential(
        torch.nn.Linear(784, 256), torch.nn.ReLU(), torch.nn.Linear(256, 128), torch.nn.ReLU(), torch.nn.Linear(128, 10)
    )
    weights = [p for name, p in model.named_parameters() if name.endswith("weight")]
    biases = [p for name, p in model.named_parameters() if name.endswith("bias")]
    # Same L2 as nn_engine and sklearn: gradient += l2 / batch * W, on weights only.
    groups = [{"params": weights, "weight_decay": 1e-4 / 256}, {"params": biases, "weight_decay": 0.0}]
    optimizer = torch.optim.Adam(groups, lr=0.001, **adam_fastest_options())
    loss_fn = torch.nn.CrossEntropyLoss()
    n = len(X_all)
    epoch_s = []
    for _ in range(epochs + 1):
        start = time.perf_counter()
        order = torch.randperm(n)
        X_epoch, y_epoch = X_all[order], y_all[order]
        total = 0.0
        for first in range(0, n, 256):
            xb, yb = X_epoch[first : first + 256], y_epoch[first : first + 256]
            optimizer.zero_grad(set_to_none=True)
            loss = loss_fn(model(xb), yb)
            loss.backward()
            optimizer.step()
            total += loss.item() * len(xb)
        epoch_s.append(time.perf_counter() - start)
    return {"epochs": epoch_s[1:], "loss": total / n}


def adam_fastest_options() -> dict:
    """Fused Adam (one kernel for the whole update) where this torch has it on CPU, else foreach."""
    try:
        torch.optim.Adam([torch.nn.Parameter(torch.zeros(1))], fused=True)
        return {"fused": True}
    except (RuntimeError, TypeError, ValueError):
        return {"foreach": True}


def sklearn_epochs(X, y, epochs: int) -> dict:
    """scikit-learn has no epoch callback: (fit(1 + k epochs) - fit(1 epoch)) / k cancels the setup."""
    one = timed(lambda: theirs(MNIST_LAYERS[1:-1], epochs=1, batch_size=256).fit(X, y))
    model = theirs(MNIST_LAYERS[1:-1], epochs=1 + epochs, batch_size=256)
    many = timed(lambda: model.fit(X, y))
    assert model.coefs_[0].dtype == np.float32, "scikit-learn should keep float32 input in float32"
    return {"epochs": [(many - one) / epochs], "loss": model.loss_curve_[-1]}


def gemm_shapes(layers: list[int], batch: int) -> list[tuple[str, tuple, tuple]]:
    """The matmuls of one training step, with the operand layouts the engine uses (transposed views)."""
    shapes = []
    for i, (fan_in, fan_out) in enumerate(pairwise(layers)):
        shapes.append((f"forward {i + 1}", (batch, fan_in), (fan_in, fan_out)))
        shapes.append((f"dW {i + 1} = A^T delta", (fan_in, batch, "T"), (batch, fan_out)))
        if i > 0:  # no input-gradient for the first layer: nothing learns from the input
            shapes.append((f"delta {i} = delta W^T", (batch, fan_out), (fan_out, fan_in, "T")))
    return shapes


def operand(shape: tuple, rng, dtype) -> np.ndarray:
    """A random matrix; ("rows", "cols", "T") is a transposed view, as A.T and W.T are in backprop."""
    if len(shape) == 3:
        return rng.standard_normal(shape[1::-1], dtype=dtype).T
    return rng.standard_normal(shape, dtype=dtype)


def gemm_times(layers: list[int], batch: int, dtype, repeats: int) -> list[dict]:
    """Best-of-N seconds of np.matmul(a, b, out=c) on every matmul shape of one training step."""
    rng = np.random.default_rng(0)
    rows = []
    for name, a_shape, b_shape in gemm_shapes(layers, batch):
        a, b = operand(a_shape, rng, dtype), operand(b_shape, rng, dtype)
        out = np.empty((a.shape[0], b.shape[1]), dtype)
        seconds = best_time(lambda a=a, b=b, out=out: np.matmul(a, b, out=out), number=20, repeats=repeats)
        flops = 2 * a.shape[0] * a.shape[1] * b.shape[1]
        rows.append(
            {
                "name": name,
                "shape": f"({a.shape[0]}x{a.shape[1]}) @ ({b.shape[0]}x{b.shape[1]})",
                "seconds": seconds,
                "flops": flops,
            }
        )
    return rows


def epoch_flops(layers: list[int], rows: int) -> int:
    """Forward + weight gradients (2 n sum fan_in fan_out each) + input gradients of layers 2.. (2 n sum)."""
    products = [a * b for a, b in pairwise(layers)]
    return 2 * rows * (2 * sum(products) + sum(products[1:]))


def bench_mnist(sizes: Sizes, torch_skipped: str | None) -> dict:
    """Seconds per epoch of each implementation; torch_skipped: why PyTorch is left out, or None."""
    X, y = synthetic_mnist(sizes.mnist_rows)
    runners = {"nn_engine": engine_epochs, "sklearn": sklearn_epochs}
    if not torch_skipped:
        runners["PyTorch"] = torch_epochs
    runs = {name: [] for name in runners}
    gemm_rounds = []
    names = list(runners)
    for round_ in range(sizes.mnist_rounds):
        # Rotate the order each round so no implementation always runs right after another.
        for name in names[round_ % len(names) :] + names[: round_ % len(names)]:
            runs[name].append(runners[name](X, y, sizes.mnist_epochs))
            print(f"  round {round_ + 1}: {name} done", file=sys.stderr)
        gemm_rounds.append(gemm_times(MNIST_LAYERS, 256, np.float32, sizes.kernel_repeats))

    # GEMM rate of each round: all FLOPs of one step over the summed best times of its matmuls.
    rates = [sum(r["flops"] for r in rows) / sum(r["seconds"] for r in rows) for rows in gemm_rounds]
    rate = float(np.median(rates))
    flops = epoch_flops(MNIST_LAYERS, sizes.mnist_rows)
    result = {
        "rows": sizes.mnist_rows,
        "rounds": sizes.mnist_rounds,
        "epochs": sizes.mnist_epochs,
        "gemm_rate": rate,
        "epoch_flops": flops,
        "gemm_limit": flops / rate,
        "gemm_shapes": median_gemm_rows(gemm_rounds),
        "engine_setup": float(np.median([run["setup"] for run in runs["nn_engine"]])),
        "torch_adam": None if torch_skipped else adam_fastest_options(),
        "torch_skipped": torch_skipped,
    }
    for name, name_runs in runs.items():
        epoch_s = [s for run in name_runs for s in run["epochs"]]
        result[name] = {
            "median": float(np.median(epoch_s)),
            "min": min(epoch_s),
            "n": len(epoch_s),
            "loss": float(np.median([run["loss"] for run in name_runs])),
        }
    return result


def median_gemm_rows(gemm_rounds: list[list[dict]]) -> list[dict]:
    rows = []
    for i, row in enumerate(gemm_rounds[0]):
        seconds = float(np.median([rounds[i]["seconds"] for rounds in gemm_rounds]))
        rows.append({**row, "seconds": seconds})
    return rows


# -- c. accuracy with the same budget ------------------------------------------------------------------------------


def bench_accuracy(sizes: Sizes) -> list[dict]:
    epochs = sizes.accuracy_epochs
    X_digits, y_digits = load_digits(return_X_y=True)
    tasks = [
        ("breast cancer, 30-14-1", [14], sizes.cancer_splits, cancer_split),
        ("digits, 64-64-10", [64], sizes.digits_splits, lambda split: scaled_split(X_digits, y_digits, split)),
    ]
    results = []
    for label, hidden, splits, split_fn in tasks:
        ours_acc, sklearn_acc = [], []
        for split in range(splits):
            X_train, X_test, y_train, y_test = split_fn(split)
            ours_acc.append(
                ours(hidden, epochs=epochs, batch_size=200, seed=split).fit(X_train, y_train).score(X_test, y_test)
            )
            sklearn_acc.append(
                theirs(hidden, epochs=epochs, batch_size=200, seed=split).fit(X_train, y_train).score(X_test, y_test)
            )
        results.append({"task": label, "splits": splits, "epochs": epochs, "ours": ours_acc, "sklearn": sklearn_acc})
    return results


# -- where the engine's time goes: one training step, component by component ---------------------------------------


def step_breakdown(layers: list[int], batch: int, dtype, rows: int, repeats: int) -> dict:
    """Best-of-N microseconds per step of the engine's own forward, loss, backward, L2 and Adam,
    run on its real objects (Network, Workspace, optimizer), plus the per-epoch shuffle gather."""
    rng = np.random.default_rng(0)
    output = "sigmoid" if layers[-1] == 1 else "softmax"
    loss = LOSS_FUNCTIONS["binary_cross_entropy" if layers[-1] == 1 else "categorical_cross_entropy"]
    network = Network(layers, "relu", output, dtype)
    for W in network.weights:
        init_weights(W, "he_uniform", rng)
    work = Workspace(network, batch)
    optimizer = make_optimizer(
        "adam", network.params, learning_rate=0.001, momentum=0.9, beta_1=0.9, beta_2=0.999, epsilon=1e-8
    )
    X = rng.standard_normal((batch, layers[0])).astype(dtype)
    Y = np.eye(max(layers[-1], 2), dtype=dtype)[rng.integers(0, layers[-1], batch)][:, : layers[-1]]
    activations, deltas, ones = work.sized(batch)
    network.forward(X, activations)  # valid activations for the backward timing
    np.subtract(activations[-1], Y, out=deltas[-1])

    def us(fn, number=50):
        return 1e6 * best_time(fn, number, repeats)

    parts = {
        "forward": us(lambda: network.forward(X, activations)),
        "loss value": us(lambda: loss(Y, activations[-1])),
        "backward": us(lambda: network.backward(X, activations, deltas, work.grad_weights, work.grad_biases, ones)),
    }
    cost_and_gradient = us(lambda: network.cost_and_gradient(loss, X, Y, 1e-4, work))
    parts["output delta + L2 term"] = cost_and_gradient - sum(parts.values())
    parts["Adam update"] = us(lambda: optimizer.update_params(work.grads))
    step = cost_and_gradient + parts["Adam update"]
    gemms = 1e6 * sum(r["seconds"] for r in gemm_times(layers, batch, dtype, repeats))
    vector = np.ones(network.n_params, dtype)
    one_call = us(lambda: np.multiply(vector, 1.0, out=vector), number=1000)

    # ReLU of the first hidden layer as activations.py does it (a scalar 0), and against a row of zeros.
    Z = np.abs(X[:, :1]) * np.ones(layers[1], dtype)
    zeros = np.zeros(layers[1], dtype)
    relu = us(lambda: np.maximum(Z, 0, out=Z))
    relu_row = us(lambda: np.maximum(Z, zeros, out=Z))

    # The per-epoch shuffle with the default mode="raise" (NumPy buffers `out`), and with mode="clip" as training.py;
    # once into a fresh buffer (the first epoch) and then at steady state.
    data = rng.standard_normal((rows, layers[0])).astype(dtype)
    order = rng.permutation(rows)
    first_gather = 1e6 * timed(lambda: np.take(data, order, axis=0, out=np.empty_like(data)))
    first_gather_clip = 1e6 * timed(lambda: np.take(data, order, axis=0, out=np.empty_like(data), mode="clip"))
    shuffled = np.empty_like(data)
    gather = 1e6 * best_time(lambda: np.take(data, order, axis=0, out=shuffled), 1, repeats)
    gather_clip = 1e6 * best_time(lambda: np.take(data, order, axis=0, out=shuffled, mode="clip"), 1, repeats)
    return {
        "layers": layers,
        "batch": batch,
        "dtype": np.dtype(dtype).name,
        "rows": rows,
        "steps": math.ceil(rows / batch),
        "n_params": network.n_params,
        "parts": parts,
        "step": step,
        "gemms": gemms,
        "one_call": one_call,
        "relu": relu,
        "relu_row": relu_row,
        "gather": (gather, first_gather),
        "gather_clip": (gather_clip, first_gather_clip),
    }


# -- the machine ---------------------------------------------------------------------------------------------------


def machine_info() -> dict:
    return {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "cpu": cpu_model(),
        "cpu_count": os.cpu_count(),
        "python": platform.python_version(),
        "numpy": np.__version__,
        "blas": numpy_blas(),
        "sklearn": sklearn.__version__,
        "nn_engine": nn_engine.__version__,
        "torch": f"{torch.__version__}, {torch.get_num_threads()} threads" if torch else "not importable",
        "load": os.getloadavg() if hasattr(os, "getloadavg") else None,
    }


def cpu_model() -> str:
    try:
        text = Path("/proc/cpuinfo").read_text()
        match = re.search(r"^model name\s*:\s*(.+)$", text, re.MULTILINE)
        family = re.search(r"^cpu family\s*:\s*(\d+)$", text, re.MULTILINE)
        if match:
            return match.group(1) + (f" (family {family.group(1)})" if family else "")
    except OSError:
        pass
    return platform.processor() or platform.machine()


def numpy_blas() -> str:
    """NumPy's BLAS as loaded: library, version, kernel set (architecture) and thread count."""
    try:
        from threadpoolctl import threadpool_info

        for lib in threadpool_info():
            if lib["user_api"] == "blas" and "numpy" in lib["filepath"]:
                return f"{lib['internal_api']} {lib['version']}, kernels {lib.get('architecture')}, {lib['num_threads']} threads"
    except ImportError:
        pass
    blas = np.show_config(mode="dicts")["Build Dependencies"]["blas"]
    return f"{blas['name']} {blas['version']} (threadpoolctl missing: threads unknown)"


# -- the report ----------------------------------------------------------------------------------------------------


def table(headers: list[str], rows: list[list]) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "|".join("---" for _ in headers) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return lines + [""]


def target_table(targets: list[list]) -> list[str]:
    """Rows of (target, ratio of medians, ratio of best times, passed on medians); None: not measured."""
    rows = []
    for label, median_ratio, best_ratio, ok in targets:
        if ok is None:
            rows.append([label, "skipped", "", "n/a"])
        else:
            rows.append([label, f"{median_ratio:.2f}x", f"{best_ratio:.2f}x", "**PASS**" if ok else "**MISS**"])
    return table(["target", "measured (medians)", "(best times)", "result, on medians"], rows)


def render(
    machine: dict, tutorial: dict, mnist: dict, accuracy: list[dict], breakdowns: list[dict], quick: bool
) -> str:
    out = [
        f"Measured {machine['date']}" + (" with `--quick` (tiny sizes: figures are not meaningful)" if quick else "")
    ]
    out += [""] + table(
        ["machine", ""],
        [
            ["CPU", f"{machine['cpu']}, `os.cpu_count()` = {machine['cpu_count']}"],
            ["load average at start", " / ".join(f"{x:.2f}" for x in machine["load"]) if machine["load"] else "n/a"],
            ["Python / NumPy", f"{machine['python']} / {machine['numpy']}"],
            ["NumPy BLAS", machine["blas"]],
            ["scikit-learn", machine["sklearn"]],
            ["PyTorch", machine["torch"]],
            ["nn_engine", machine["nn_engine"]],
        ],
    )
    out += render_tutorial(tutorial) + render_mnist(mnist) + render_accuracy(accuracy)
    out += render_breakdowns(breakdowns, step_budgets(tutorial, mnist, breakdowns))
    return "\n".join(out)


def render_tutorial(t: dict) -> list[str]:
    speedup = t["sklearn"] / t["ours"]
    out = [
        f"### a. Tutorial task: breast cancer 30-14-1, fit time ({t['rows']} training rows, adam, batch 200, "
        f"{t['epochs']} epochs, float64; median of {t['repeats']} fits)",
        "",
    ]
    out += table(
        ["implementation", "fit time, median (s)", "best (s)"],
        [
            ["nn_engine", f"{t['ours']:.4f}", f"{t['ours_min']:.4f}"],
            ["scikit-learn", f"{t['sklearn']:.4f}", f"{t['sklearn_min']:.4f}"],
        ],
    )
    label = f"sklearn / nn_engine >= {TUTORIAL_SPEEDUP_TARGET:g} (nn_engine at most 1/8 of sklearn's time)"
    out += target_table([[label, speedup, t["sklearn_min"] / t["ours_min"], speedup >= TUTORIAL_SPEEDUP_TARGET]])
    return out


def render_mnist(m: dict) -> list[str]:
    ours_s = m["nn_engine"]["median"]
    out = [
        f"### b. MNIST-sized task: {m['rows']:,} x 784 float32, 784-256-128-10 relu/softmax, adam, batch 256, "
        f"one shuffle per epoch ({m['rounds']} interleaved rounds x {m['epochs']} timed epochs after a warm-up)",
        "",
    ]
    rows = []
    for name in ("nn_engine", "PyTorch", "sklearn"):
        if name not in m:
            rows.append([name, f"skipped: {m['torch_skipped']}", "", "", ""])
            continue
        r = m[name]
        rows.append([name, f"{r['median']:.3f}", f"{r['min']:.3f}", f"{ours_s / r['median']:.2f}", f"{r['loss']:.3f}"])
    rows.append(["GEMM-bound limit", f"{m['gemm_limit']:.3f}", "", f"{ours_s / m['gemm_limit']:.2f}", ""])
    out += table(["implementation", "s/epoch, median", "best", "nn_engine / this", "train loss, last epoch"], rows)
    torch_note = f"; PyTorch uses Adam({m['torch_adam']})" if m["torch_adam"] else ""
    out += [
        f"nn_engine setup + first-epoch extra (input checks, copies, first touch; not in s/epoch): "
        f"{m['engine_setup']:.3f} s. sklearn's s/epoch is (fit(1+k) - fit(1)) / k{torch_note}.",
        "",
    ]

    ours_best = m["nn_engine"]["min"]
    torch_label = f"nn_engine <= {TORCH_RATIO_TARGET:g} x PyTorch"
    if "PyTorch" in m:
        ratio = ours_s / m["PyTorch"]["median"]
        targets = [[torch_label, ratio, ours_best / m["PyTorch"]["min"], ratio <= TORCH_RATIO_TARGET]]
    else:
        targets = [[torch_label, None, None, None]]
    ratio = ours_s / m["gemm_limit"]
    targets.append(
        [
            f"nn_engine <= {GEMM_RATIO_TARGET:g} x GEMM-bound limit",
            ratio,
            ours_best / m["gemm_limit"],
            ratio <= GEMM_RATIO_TARGET,
        ]
    )
    out += target_table(targets)

    out += [
        f"GEMM-bound limit = {m['epoch_flops'] / 1e9:.1f} GFLOP per epoch / {m['gemm_rate'] / 1e9:.0f} GFLOP/s, "
        "the float32 rate of `np.matmul(a, b, out=c)` on one step's shapes (best of N per shape, median over rounds):",
        "",
    ]
    out += table(
        ["matmul", "shape", "us/call", "GFLOP/s"],
        [
            [r["name"], r["shape"], f"{1e6 * r['seconds']:.1f}", f"{r['flops'] / r['seconds'] / 1e9:.0f}"]
            for r in m["gemm_shapes"]
        ],
    )
    return out


def render_accuracy(results: list[dict]) -> list[str]:
    out = [
        f"### c. Test accuracy with the same budget (adam, batch 200, {results[0]['epochs']} epochs, l2/alpha 1e-4, "
        "stratified 80/20 splits with random_state 0..k-1, scaler fitted on the training part; no target)",
        "",
    ]
    rows = []
    for r in results:
        ours_mean, sklearn_mean = np.mean(r["ours"]), np.mean(r["sklearn"])
        rows.append(
            [
                r["task"],
                r["splits"],
                f"{ours_mean:.4f} ± {np.std(r['ours']):.4f}",
                f"{sklearn_mean:.4f} ± {np.std(r['sklearn']):.4f}",
                f"{100 * (ours_mean - sklearn_mean):+.2f}",
            ]
        )
    out += table(["task", "splits", "nn_engine mean ± sd", "scikit-learn mean ± sd", "difference (points)"], rows)
    return out


def step_budgets(tutorial: dict, mnist: dict, breakdowns: list[dict]) -> list[float]:
    """Microseconds per step that would meet each task's target(s): the target epoch time / steps per epoch."""
    tutorial_steps = tutorial["epochs"] * breakdowns[0]["steps"]
    tutorial_budget = tutorial["sklearn"] / TUTORIAL_SPEEDUP_TARGET / tutorial_steps
    mnist_epoch = GEMM_RATIO_TARGET * mnist["gemm_limit"]
    if "PyTorch" in mnist:
        mnist_epoch = min(mnist_epoch, TORCH_RATIO_TARGET * mnist["PyTorch"]["median"])
    return [1e6 * tutorial_budget, 1e6 * mnist_epoch / breakdowns[1]["steps"]]


def render_breakdowns(breakdowns: list[dict], budgets: list[float]) -> list[str]:
    out = ["### Where nn_engine's step goes (best-of-N per component, the engine's own objects)", ""]
    headers = ["component"] + [
        f"{'-'.join(map(str, b['layers']))}, batch {b['batch']}, {b['dtype']}: us/step" for b in breakdowns
    ]
    rows = [[name] + [f"{b['parts'][name]:.1f}" for b in breakdowns] for name in breakdowns[0]["parts"]]
    rows.append(["**whole step**"] + [f"**{b['step']:.1f}**" for b in breakdowns])
    rows.append(["step budget that would meet the target(s)"] + [f"{budget:.1f}" for budget in budgets])
    rows.append(["its matmuls alone (GEMM table shapes)"] + [f"{b['gemms']:.1f}" for b in breakdowns])
    rows.append(
        ["one ufunc pass over the params vector"]
        + [f"{b['one_call']:.2f} ({b['n_params']:,} values)" for b in breakdowns]
    )
    rows.append(
        ["ReLU of hidden layer 1, `np.maximum(Z, 0)` as activations.py"] + [f"{b['relu']:.1f}" for b in breakdowns]
    )
    rows.append(["same with a row of zeros, `np.maximum(Z, zeros)`"] + [f"{b['relu_row']:.1f}" for b in breakdowns])
    rows.append(
        ["per-epoch gather `np.take(out=)`, default mode='raise': steady / first epoch, us"]
        + ["{:.0f} / {:.0f}".format(*b["gather"]) for b in breakdowns]
    )
    rows.append(
        ["same gather with `mode='clip'`, as training.py: steady / first epoch, us"]
        + ["{:.0f} / {:.0f}".format(*b["gather_clip"]) for b in breakdowns]
    )
    rows.append(["steps per epoch (rows)"] + [f"{b['steps']} ({b['rows']:,})" for b in breakdowns])
    out += table(headers, rows)
    return out


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny sizes: a smoke run of every code path")
    parser.add_argument("--markdown", type=Path, metavar="PATH", help="rewrite the generated block of this file")
    parser.add_argument("--no-torch", action="store_true", help="skip PyTorch even if it is importable")
    args = parser.parse_args(argv)
    sizes = QUICK if args.quick else FULL
    torch_skipped = "torch is not importable" if torch is None else "--no-torch given" if args.no_torch else None
    if torch_skipped:
        print(f"PyTorch skipped: {torch_skipped}", file=sys.stderr)
    warnings.simplefilter("ignore", ConvergenceWarning)  # max_iter is the budget on purpose

    started = time.perf_counter()
    machine = machine_info()
    print("a. tutorial task ...", file=sys.stderr)
    tutorial = bench_tutorial(sizes)
    print("b. MNIST-sized task ...", file=sys.stderr)
    mnist = bench_mnist(sizes, torch_skipped)
    print("c. accuracy ...", file=sys.stderr)
    accuracy = bench_accuracy(sizes)
    print("step breakdown ...", file=sys.stderr)
    breakdowns = [
        step_breakdown(TUTORIAL_LAYERS, 200, np.float64, tutorial["rows"], sizes.kernel_repeats),
        step_breakdown(MNIST_LAYERS, 256, np.float32, sizes.mnist_rows, sizes.kernel_repeats),
    ]
    generated = render(machine, tutorial, mnist, accuracy, breakdowns, args.quick)
    generated += f"\nTotal benchmark run time: {time.perf_counter() - started:.0f} s.\n"
    print(generated)
    if args.markdown:
        write_generated(args.markdown, "bench_engine.py", generated)
        print(f"wrote {args.markdown}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
