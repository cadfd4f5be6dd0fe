"""The repository's own habits, checked like any behaviour: short front pages, a flat service top,
and hooks that run here (hook repositories cannot be cloned on these machines)."""

import subprocess
import sys
from pathlib import Path

import yaml

REPO = Path(__file__).resolve().parents[1]


def lines(path: str) -> int:
    return len((REPO / path).read_text().splitlines())


def test_the_readme_stays_a_front_page():
    assert lines("README.md") <= 300


def test_the_architecture_map_stays_short():
    assert lines("ARCHITECTURE.md") < 150


def test_the_service_top_level_holds_at_most_eight_modules():
    modules = [p.name for p in (REPO / "service").glob("*.py")]
    assert len(modules) <= 8, modules


def test_every_pre_commit_hook_is_local_and_the_file_is_valid():
    config = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())
    assert [repo["repo"] for repo in config["repos"]] == ["local"]
    done = subprocess.run(
        [sys.executable, "-m", "pre_commit", "validate-config", ".pre-commit-config.yaml"],
        cwd=REPO,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stdout + done.stderr
