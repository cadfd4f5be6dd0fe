"""Dataset upload: a 1,000,000-row x 31-column CSV (about 200 MB) through the real service.

    python benchmarks/bench_upload.py                           # full run (about a minute); prints the table
    python benchmarks/bench_upload.py --markdown BENCHMARKS.md  # and rewrites its generated block of that file
    python benchmarks/bench_upload.py --quick                   # 20,000 rows: CI smoke run

The file is the breast-cancer table resampled with noise (the diagnosis and 30 measurements, four
significant digits). It is posted to `POST /v1/datasets` as a `text/csv` body and as a multipart file,
on SQLite, and timed until the answer says the dataset is ready. The API process's extra memory is
its peak resident set during the upload (VmHWM, reset before it) less its resident set before.
Targets: at most 10 s and at most 3 x the file's size. The reference, in the same run, is pyarrow's
own `read_csv` of the same file in a fresh process: the parse alone, without checks, statistics or
storage.
"""

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import numpy as np
import pyarrow as pa
import pyarrow.csv as pa_csv
from harness import REPO, admin_key, start_service  # benchmarks/harness.py, beside this script
from report import verdict, write_generated

BREAST_CANCER = REPO / "examples" / "breast_cancer.csv"
FULL_ROWS, QUICK_ROWS = 1_000_000, 20_000
SECONDS_TARGET = 10.0
MEMORY_TARGET = 3.0  # peak extra memory / file size

# The reference: pyarrow's parse alone, in a process of its own so its peak memory is its own.
REFERENCE = """
import resource, sys, time
import pyarrow.csv as pa_csv
started = time.perf_counter()
table = pa_csv.read_csv(sys.argv[1])
seconds = time.perf_counter() - started
print(seconds, resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024, table.num_rows)
"""


def make_csv(path: Path, rows: int) -> None:
    """Breast-cancer rows drawn at random, each measurement times (1 + 5 % noise), four significant digits."""
    source = pa_csv.read_csv(BREAST_CANCER)
    measurements = [field.name for field in source.schema if pa.types.is_floating(field.type)]
    rng = np.random.default_rng(0)
    picks = rng.integers(0, source.num_rows, rows)
    columns = {"diagnosis": source.column("diagnosis").take(picks)}
    for name in measurements:
        values = source.column(name).to_numpy()[picks] * (1 + 0.05 * rng.standard_normal(rows))
        columns[name] = significant(values, 4)
    pa_csv.write_csv(pa.table(columns), path)


def significant(values: np.ndarray, digits: int) -> np.ndarray:
    magnitude = np.floor(np.log10(np.abs(values), where=values != 0, out=np.zeros_like(values)))
    scale = 10.0 ** (digits - 1 - magnitude)
    return np.round(values * scale) / scale  # a correctly rounded division: the shortest repr has `digits` digits


def rss_bytes(pid: int, field: str) -> int:
    """VmRSS (now) or VmHWM (peak since the last reset) of a process."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) * 1024
    raise KeyError(field)


def reset_peak(pid: int) -> None:
    Path(f"/proc/{pid}/clear_refs").write_text("5")  # 5: reset the peak resident set to the current one


def upload(url: str, key: str, pid: int, path: Path, how: str) -> dict:
    headers = {"Authorization": f"Bearer {key}"}
    reset_peak(pid)
    before = rss_bytes(pid, "VmRSS")
    with open(path, "rb") as f, httpx.Client(base_url=url, headers=headers, timeout=300) as client:
        started = time.perf_counter()
        if how == "text/csv":
            response = client.post("/v1/datasets", content=f, headers={"Content-Type": "text/csv"})
        else:
            response = client.post("/v1/datasets", files={"file": (path.name, f, "text/csv")})
        seconds = time.perf_counter() - started
    peak = rss_bytes(pid, "VmHWM")
    assert response.status_code == 201, response.text[:500]
    dataset = response.json()
    assert dataset["row_count"] > 0 and dataset["column_count"] == 31, dataset
    with httpx.Client(base_url=url, headers=headers) as client:
        assert client.delete(f"/v1/datasets/{dataset['id']}").status_code == 204  # keep the database small
    return {"seconds": seconds, "extra_bytes": peak - before, "rows": dataset["row_count"]}


def reference(path: Path) -> dict:
    out = subprocess.run([sys.executable, "-c", REFERENCE, str(path)], capture_output=True, text=True, check=True)
    seconds, peak, rows = out.stdout.split()
    return {"seconds": float(seconds), "peak_bytes": int(peak), "rows": int(rows)}


def measure(rows: int, repeats: int, workdir: Path) -> dict:
    path = workdir / f"upload-{rows}.csv"
    make_csv(path, rows)
    runs: dict[str, list[dict]] = {"text/csv": [], "multipart": [], "reference": []}
    for _ in range(repeats):  # interleaved, so drift on the shared machine hits each alike
        for how in ("text/csv", "multipart"):
            # a service of its own per upload: memory an earlier upload freed, but the process kept,
            # would otherwise hide part of this one's peak
            service = start_service(workdir, workers=0)
            try:
                key = admin_key(workdir)
                runs[how].append(upload(service.url, key, service.pid, path, how))
            finally:
                service.stop()
        runs["reference"].append(reference(path))
    return {"rows": rows, "size": path.stat().st_size, "runs": runs}


def summary(runs: list[dict], field: str) -> float:
    return statistics.median(run[field] for run in runs)


def render(result: dict, quick: bool) -> str:
    size, rows = result["size"], result["rows"]
    reference_s = summary(result["runs"]["reference"], "seconds")
    reference_mb = summary(result["runs"]["reference"], "peak_bytes") / 1e6
    lines = [
        "### Dataset upload" + (" (quick run: a small file, not a measurement)" if quick else ""),
        "",
        f"A CSV of {rows:,} rows x 31 columns ({size / 1e6:.0f} MB), posted to `POST /v1/datasets` on SQLite until the "
        "answer says it is ready (parsed, checked, described and stored); medians of "
        f"{len(result['runs']['reference'])} runs, each upload to a newly started service. Extra memory: the API "
        "process's peak resident set during the upload less its resident set before, the worst of the runs. The reference is pyarrow's `read_csv` alone in a fresh process, in the "
        f"same run: {reference_s:.2f} s and {reference_mb:.0f} MB peak (its whole process).",
        "",
        "| body | seconds | rows/s | MB/s | x pyarrow's parse | target <= 10 s | extra memory (MB) | / file size | target <= 3 |",
        "|---|---|---|---|---|---|---|---|---|",
    ]
    for how in ("text/csv", "multipart"):
        seconds = summary(result["runs"][how], "seconds")
        extra = max(run["extra_bytes"] for run in result["runs"][how])  # the worst run
        lines.append(
            f"| {how} | {seconds:.2f} | {rows / seconds:,.0f} | {size / 1e6 / seconds:.0f} | {seconds / reference_s:.1f} "
            f"| {verdict(seconds <= SECONDS_TARGET)} | {extra / 1e6:.0f} | {extra / size:.2f} "
            f"| {verdict(extra <= MEMORY_TARGET * size)} |"
        )
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--markdown", type=Path, help="rewrite this file's generated block with the results")
    parser.add_argument("--quick", action="store_true", help="a small file (a smoke test, not a measurement)")
    parser.add_argument("--json", action="store_true", help="print the raw figures as JSON too")
    args = parser.parse_args(argv)
    rows, repeats = (QUICK_ROWS, 1) if args.quick else (FULL_ROWS, 3)
    with tempfile.TemporaryDirectory() as tmp:
        result = measure(rows, repeats, Path(tmp))
    report = render(result, args.quick)
    if args.json:
        print(json.dumps(result, indent=1))
    print(report)
    if args.markdown:
        write_generated(args.markdown, "bench_upload.py", report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
