"""The generated Python client in clients/python/ is what `make client` writes from today's document,
the generator had nothing to warn about (a warning is an endpoint, a body or an answer left out), and
the code it wrote type-checks (a shape it accepts without a warning can still come out wrong)."""

import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CLIENTS = REPO / "clients" / "python"
GENERATED = ["openapi.json", "nnservice-client"]
LEFT_BY_RUNS = {"__pycache__", ".ruff_cache", ".mypy_cache", ".pytest_cache"}  # imports and tools, not the generator


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> tuple[Path, subprocess.CompletedProcess]:
    into = tmp_path_factory.mktemp("client")
    done = subprocess.run(
        [sys.executable, str(CLIENTS / "generate.py"), "--into", str(into)],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=300,
    )
    return into, done


def files(root: Path) -> dict[str, bytes]:
    found = {}
    for name in GENERATED:
        top = root / name
        paths = [top] if top.is_file() else sorted(top.rglob("*"))
        for path in paths:
            relative = path.relative_to(root)
            if path.is_file() and not LEFT_BY_RUNS & set(relative.parts) and not path.name.endswith(".egg-info"):
                found[relative.as_posix()] = path.read_bytes()
    return found


def test_the_generator_prints_nothing_but_where_it_wrote(regenerated):
    _, done = regenerated
    assert done.returncode == 0, done.stdout + done.stderr
    # openapi-python-client prints "Warning(s) encountered while generating" and one "WARNING parsing ..."
    # per piece it skipped, and "Skipping Integration" when a post hook (ruff) cannot run.
    assert (done.stdout + done.stderr).strip() == "Generating nnservice-client", done.stdout + done.stderr


def test_the_committed_client_is_what_make_client_writes(regenerated):
    into, done = regenerated
    assert done.returncode == 0, done.stdout + done.stderr
    committed, fresh = files(CLIENTS), files(into)
    missing, extra = sorted(fresh.keys() - committed.keys()), sorted(committed.keys() - fresh.keys())
    differ = sorted(path for path in fresh.keys() & committed.keys() if committed[path] != fresh[path])
    assert not (missing or extra or differ), (
        f"clients/python/ is stale: run `make client` and commit it (missing {missing[:5]}, not generated "
        f"{extra[:5]}, different {differ[:5]})"
    )


def test_the_generated_client_type_checks(regenerated, tmp_path):
    into, done = regenerated
    assert done.returncode == 0, done.stdout + done.stderr
    project = into / "nnservice-client"
    checked = subprocess.run(
        [
            sys.executable,
            "-m",
            "mypy",
            "--cache-dir",
            str(tmp_path),
            "--config-file",
            "pyproject.toml",
            "nnservice_client",
        ],
        cwd=project,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert checked.returncode == 0, checked.stdout + checked.stderr
