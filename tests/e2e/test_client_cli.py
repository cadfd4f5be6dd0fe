"""`nnservice train` and `nnservice predict` against a live server."""

import csv
import io
import subprocess
import sys

from .conftest import REPO


def nnservice(server, *args: str, key: str | None = None) -> subprocess.CompletedProcess:
    env_key = key or server.client.headers["Authorization"].removeprefix("Bearer ")
    command = [sys.executable, "-m", "service", *args, "--url", server.url, "--key", env_key]
    return subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120)


def test_train_shows_progress_and_metrics_then_predict_prints_predictions(start_server, tmp_path):
    server = start_server(workers=1)
    trained = nnservice(
        server,
        "train",
        "examples/breast_cancer.csv",
        "--target",
        "diagnosis",
        "--exclude",
        "id",
        "--hidden",
        "14",
        "--epochs",
        "200",
        "--set",
        "validation_fraction=0.1",
    )
    assert trained.returncode == 0, trained.stderr
    assert "200/200" in trained.stderr  # the progress bar reached the end
    assert "validation=" in trained.stderr  # with the live validation cost
    model_line, metrics_line = trained.stdout.splitlines()[:2]
    model_id = model_line.removeprefix("model ")
    accuracy = float(metrics_line.split("accuracy ")[1].split(",")[0])
    assert accuracy > 0.9
    assert server.client.get(f"/v1/models/{model_id}").status_code == 200

    printed = nnservice(server, "predict", model_id, "examples/breast_cancer_new_rows.csv")
    assert printed.returncode == 0, printed.stderr
    rows = list(csv.reader(io.StringIO(printed.stdout)))
    with open(REPO / "examples/breast_cancer_new_rows.csv") as file:
        expected_rows = sum(1 for _ in file) - 1
    assert rows[0] == ["prediction", "p(B)", "p(M)"]
    assert len(rows) == expected_rows + 1 and {row[0] for row in rows[1:]} <= {"B", "M"}
    written = nnservice(
        server, "predict", model_id, "examples/breast_cancer_new_rows.csv", "-o", str(tmp_path / "p.csv")
    )
    assert written.returncode == 0 and (tmp_path / "p.csv").read_text() == printed.stdout


def test_client_errors_are_one_line_and_exit_1(start_server):
    server = start_server(workers=0)
    wrong_target = nnservice(server, "train", "examples/breast_cancer.csv", "--target", "nope")
    assert wrong_target.returncode == 1
    assert "422" in wrong_target.stderr and "no column 'nope'" in wrong_target.stderr
    bad_key = nnservice(server, "predict", "00000000-0000-4000-8000-000000000000", "x.csv", key="nns_wrong")
    assert bad_key.returncode == 1 and "401" in bad_key.stderr
    missing = nnservice(server, "predict", "00000000-0000-4000-8000-000000000000", "examples/breast_cancer.csv")
    assert missing.returncode == 1 and "404" in missing.stderr


def test_train_on_a_mixed_table_prints_what_each_column_became(start_server, tmp_path):
    server = start_server(workers=1)
    table = subprocess.run(
        [sys.executable, "examples/make_mixed_table.py", "--rows", "400"], cwd=REPO, capture_output=True, check=True
    )
    (tmp_path / "customers.csv").write_bytes(table.stdout)
    trained = nnservice(server, "train", str(tmp_path / "customers.csv"), "--target", "churned", "--epochs", "20")
    assert trained.returncode == 0, trained.stderr
    columns = dict(line.strip().split(": ", 1) for line in trained.stdout.splitlines()[2:] if line.startswith("  "))
    assert columns["customer_id"].startswith("left out (") and "distinct values in" in columns["customer_id"], columns
    assert columns["plan"].startswith("categorical, one-hot") and "3 levels" in columns["plan"]
    assert columns["signup_date"].startswith("datetime") and "values imputed" in columns["age"]
    model_id = trained.stdout.splitlines()[0].removeprefix("model ")
    header, first, second = list(csv.reader(io.StringIO(table.stdout.decode())))[:3]
    second[header.index("plan")], second[header.index("age")] = "gold", ""  # a level never seen, a gap
    with open(tmp_path / "new.csv", "w", newline="") as file:
        csv.writer(file).writerows([header, first, second])
    printed = nnservice(server, "predict", model_id, str(tmp_path / "new.csv"))
    assert printed.returncode == 0, printed.stderr
    assert len(printed.stdout.splitlines()) == 3
    assert "row 1, plan: level 'gold' never seen in training" in printed.stderr
    assert "row 1, age: missing value: imputed" in printed.stderr
