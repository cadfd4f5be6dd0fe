"""The benchmarks are not timed tests; this only proves that every code path of the script runs."""

import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]


def test_engine_benchmark_quick_run_renders_every_table(tmp_path):
    result = subprocess.run(
        [sys.executable, "benchmarks/bench_engine.py", "--quick", "--no-torch"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    for heading in ("a. Tutorial task", "b. MNIST-sized task", "c. Test accuracy", "Where nn_engine's step goes"):
        assert heading in result.stdout


def test_queue_benchmark_quick_run_measures_every_setup():
    result = subprocess.run(
        [sys.executable, "benchmarks/bench_queue.py", "--quick"], cwd=REPO, capture_output=True, text=True, timeout=300
    )
    assert result.returncode == 0, result.stderr
    for setup in ("SQLite, polling", "PostgreSQL, LISTEN/NOTIFY", "PostgreSQL, polling"):
        assert setup in result.stdout


def test_prediction_benchmark_quick_run_measures_service_and_ceiling():
    result = subprocess.run(
        [sys.executable, "benchmarks/bench_predict.py", "--quick"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    table = [line for line in result.stdout.splitlines() if line.startswith("| ") and line[2].isdigit()]
    assert [line.split(" | ")[0] for line in table] == ["| 1", "| 16", "| 64"]
    assert "10,000 rows in one request" in result.stdout


def test_upload_benchmark_quick_run_measures_both_bodies():
    result = subprocess.run(
        [sys.executable, "benchmarks/bench_upload.py", "--quick"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    rows = [line.split(" | ") for line in result.stdout.splitlines() if line.startswith("| ") and "|---" not in line]
    assert [row[0] for row in rows[1:]] == ["| text/csv", "| multipart"]
    assert all(float(row[1]) > 0 and float(row[6]) > 0 for row in rows[1:])  # seconds and extra memory measured


def test_training_benchmark_quick_run_measures_overhead_and_sharing():
    result = subprocess.run(
        [sys.executable, "benchmarks/bench_training.py", "--quick"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    for row in ("| service: `created_at` to `finished_at` |", "| nn_engine alone", "| every core"):
        assert row in result.stdout
    assert "Service over the engine alone:" in result.stdout
