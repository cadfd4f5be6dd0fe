"""MLflow's `mlflow models serve` of an equivalent scikit-learn pipeline: the prediction benchmark's
second reference. MLflow lives in a virtual environment of its own (benchmarks/.mlflow-venv, made on
first use, about 850 MB and a minute), never in the product's dependencies.

The pipeline is StandardScaler + MLPClassifier((14,)), adam, 200 epochs: the tutorial network the
service's model has, fitted on the same breast-cancer rows (the 30 measurements, no id).
"""

import subprocess
import sys
from pathlib import Path

from harness import REPO, Process, free_port

VENV = REPO / "benchmarks" / ".mlflow-venv"
REQUIREMENTS = ["mlflow==3.17.2", "scikit-learn==1.9.1"]  # the versions measured in BENCHMARKS.md

SAVE_PIPELINE = """
import sys
import mlflow.sklearn, pandas
from sklearn.neural_network import MLPClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
table = pandas.read_csv(sys.argv[1])
X = table.iloc[:, 2:32].to_numpy()  # the 30 measurements (the file ends in an empty column)
pipeline = make_pipeline(StandardScaler(), MLPClassifier((14,), max_iter=200, random_state=0))
pipeline.fit(X, table["diagnosis"])
# MLflow 3 stores with skops, which must be told that the fitted optimiser's type is safe to load
optimizer = "sklearn.neural_network._stochastic_optimizers.AdamOptimizer"
mlflow.sklearn.save_model(pipeline, sys.argv[2], skops_trusted_types=[optimizer])
"""


def ensure_venv() -> Path:
    """The environment's bin folder, made (or brought to REQUIREMENTS) when it is missing them."""
    python = VENV / "bin" / "python"
    marker = VENV / ".installed"
    if not marker.exists() or marker.read_text() != "\n".join(REQUIREMENTS):
        print(f"installing {', '.join(REQUIREMENTS)} into {VENV} (once)", file=sys.stderr)
        subprocess.run([sys.executable, "-m", "venv", str(VENV)], check=True)
        subprocess.run([str(python), "-m", "pip", "install", "--quiet", *REQUIREMENTS], check=True)
        marker.write_text("\n".join(REQUIREMENTS))
    return VENV / "bin"


def serve(breast_cancer: Path, workdir: Path) -> Process:
    """`mlflow models serve` of the fitted pipeline, one uvicorn worker (as the service's one API
    process), in the environment already active (no environment of its own per model)."""
    bin_dir = ensure_venv()
    model_dir = workdir / "mlflow-model"
    subprocess.run([str(bin_dir / "python"), "-c", SAVE_PIPELINE, str(breast_cancer), str(model_dir)], check=True)
    port = free_port()
    command = [str(bin_dir / "mlflow"), "models", "serve", "-m", str(model_dir), "-p", str(port), "-w", "1"]
    command += ["--env-manager", "local"]
    return Process(
        command,
        cwd=workdir,
        env={"PATH": f"{bin_dir}:/usr/bin:/bin", "HOME": str(workdir)},
        port=port,
        ready_path="/ping",
        log=workdir / "mlflow.log",
    )
