"""Regenerate the typed Python client from the service's OpenAPI document (`make client`).

Writes `openapi.json` (the document, dumped from the app without a server) and `nnservice-client/`
(the project openapi-python-client makes of it) into `clients/python/`, or into `--into DIR`, which
tests/clients/test_python_client.py uses to check that the committed client is not stale. The
generator's own output (its warnings) is printed as it came.

    python clients/python/generate.py [--into DIR]
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
CONFIG = HERE / "config.yaml"
TEMPLATES = HERE / "templates"  # the generator's templates that we replace (each says what it changes, and why)
DOCUMENT = "openapi.json"
PROJECT = "nnservice-client"  # the generated project: setup.py and the package nnservice_client/
GENERATOR_CACHES = {"__pycache__", ".ruff_cache"}  # what a run or an import leaves beside the code

# Dumped in a child process with no NNSERVICE_* variable set: the request schemas read the limits from
# the settings when they are imported, and the committed document states the defaults.
DUMP = """
import json, sys
from service.core.config import Settings
from service.main import create_app
app = create_app(Settings(database_url="sqlite:///:memory:"))
sys.stdout.write(json.dumps(app.openapi(), indent=2, ensure_ascii=False) + "\\n")
"""


def clean_environment() -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("NNSERVICE_") and k != "DATABASE_URL"}
    # The generator's hooks run `ruff` by name: this interpreter's, the version pyproject.toml pins.
    env["PATH"] = os.pathsep.join([str(Path(sys.executable).parent), env.get("PATH", "")])
    env["RUFF_NO_CACHE"] = "true"
    return env


def dump_document(env: dict[str, str]) -> str:
    done = subprocess.run([sys.executable, "-c", DUMP], cwd=REPO, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"could not dump the OpenAPI document:\n{done.stderr}")
    json.loads(done.stdout)  # a document, not a stray print
    return done.stdout


def generate(into: Path) -> tuple[int, str]:
    """Write the document and the client into `into`; the generator's exit code and output."""
    env = clean_environment()
    into.mkdir(parents=True, exist_ok=True)
    (into / DOCUMENT).write_text(dump_document(env))
    with tempfile.TemporaryDirectory() as scratch:
        # Generated in a fresh directory, whatever `into` is, so that every run sees the same tree:
        # nothing left from an earlier run, and the same ruff configuration (the generated pyproject.toml).
        project = Path(scratch) / PROJECT
        command = [
            sys.executable,
            "-m",
            "openapi_python_client",
            "generate",
            "--path",
            str(into / DOCUMENT),
            "--config",
            str(CONFIG),
            "--custom-template-path",
            str(TEMPLATES),
            "--meta",
            "setup",
            "--output-path",
            str(project),
        ]
        done = subprocess.run(command, cwd=scratch, env=env, capture_output=True, text=True, check=False)
        output = (done.stdout + done.stderr).replace(str(project), PROJECT)
        if done.returncode == 0:
            shutil.rmtree(into / PROJECT, ignore_errors=True)
            shutil.copytree(project, into / PROJECT, ignore=shutil.ignore_patterns(*GENERATOR_CACHES))
    return done.returncode, output


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--into", type=Path, default=HERE, help="where openapi.json and nnservice-client/ go")
    args = parser.parse_args()
    code, output = generate(args.into.resolve())
    sys.stdout.write(output)
    return code


if __name__ == "__main__":
    sys.exit(main())
