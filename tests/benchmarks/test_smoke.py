"""The benchmarks are not timed tests; this only proves that every code path of the script runs."""

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def quick_run(script: str, *args: str) -> str:
    """The script's output from a `--quick` run, which must succeed."""
    result = subprocess.run(
        [sys.executable, f"benchmarks/{script}", "--quick", *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_engine_benchmark_quick_run_renders_every_table():
    out = quick_run("bench_engine.py", "--no-torch")
    for heading in ("a. Tutorial task", "b. MNIST-sized task", "c. Test accuracy", "Where nn_engine's step goes"):
        assert heading in out


def test_queue_benchmark_quick_run_measures_every_setup():
    out = quick_run("bench_queue.py")
    for setup in ("SQLite, polling", "PostgreSQL, LISTEN/NOTIFY", "PostgreSQL, polling"):
        assert setup in out


def test_prediction_benchmark_quick_run_measures_service_and_ceiling():
    out = quick_run("bench_predict.py")
    table = [line for line in out.splitlines() if line.startswith("| ") and line[2].isdigit()]
    assert [line.split(" | ")[0] for line in table] == ["| 1", "| 16", "| 64"]
    assert "10,000 rows in one request" in out
    assert "| `application/x-npy` |" in out


def test_upload_benchmark_quick_run_measures_both_bodies():
    out = quick_run("bench_upload.py")
    rows = [line.split(" | ") for line in out.splitlines() if line.startswith("| ") and "|---" not in line]
    assert [row[0] for row in rows[1:]] == ["| text/csv", "| multipart"]
    assert all(float(row[1]) > 0 and float(row[6]) > 0 for row in rows[1:])  # seconds and extra memory measured


def test_training_benchmark_quick_run_measures_overhead_and_sharing():
    out = quick_run("bench_training.py")
    for row in ("| service: `created_at` to `finished_at` |", "| nn_engine alone", "| every core"):
        assert row in out
    assert "Service over the engine alone:" in out


def test_encoding_benchmark_quick_run_measures_both_steps():
    out = quick_run("bench_encoding.py")
    for row in ("| fit_transform |", "| transform |"):
        assert row in out


def test_mixed_tables_benchmark_quick_run_scores_every_table_on_both_sides():
    out = quick_run("bench_mixed_tables.py")
    rows = [line.split(" | ") for line in out.splitlines() if line.startswith("| ") and "|---" not in line]
    assert [row[0] for row in rows[1:]] == ["| penguins", "| cars", "| seattle-weather"]
    assert all("±" in cell for row in rows[1:] for cell in row[4:7])  # both nn_engine runs and scikit-learn


def test_mixed_prediction_benchmark_quick_run_times_both_bodies():
    out = quick_run("bench_predict_mixed.py")
    rows = [line.split(" | ") for line in out.splitlines() if line.startswith("| ") and "ms" not in line]
    assert [row[0] for row in rows[1:]] == [
        "| numeric-only model, `instances` of 2 numbers",
        "| every column: 6 raw values (text, a date, a boolean) by name",
    ]
    assert all(float(row[1]) > 0 and float(row[2].rstrip(" |")) > 0 for row in rows[1:])


def test_soak_short_run_checks_every_expectation():
    """18 s of traffic from 3 clients, one worker SIGKILLed (a 5 s lease, so its job is taken again soon).
    The memory verdict is not asserted: a run this short measures warm-up, not a leak."""
    result = subprocess.run(
        [sys.executable, "benchmarks/soak.py", "--minutes", "0.3", "--clients", "3", "--kill-every", "10"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=180,
        env={**os.environ, "NNSERVICE_LEASE_SECONDS": "5"},
    )
    for expectation in ("no 5xx", "no transport error", "no lost job", "no doubled job", "workers replaced"):
        assert f"| {expectation} | met |" in result.stdout, result.stdout + result.stderr
