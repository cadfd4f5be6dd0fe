"""nn_engine: feed-forward neural networks trained by backpropagation, in pure NumPy.

from nn_engine import MLPClassifier
model = MLPClassifier(hidden_layers=[14], seed=0).fit(X_train, y_train)
model.score(X_test, y_test)
"""

__version__ = "0.1.0"

from .encoding import ColumnEncoder  # noqa: E402
from .estimators import MLPClassifier, MLPRegressor  # noqa: E402
from .exceptions import InvalidInputError, ModelFormatError, NNEngineError, NotFittedError, TrainingDivergedError  # noqa: E402
from .persistence import load, model_from_bytes, model_to_bytes, save  # noqa: E402

__all__ = [
    "ColumnEncoder",
    "InvalidInputError",
    "MLPClassifier",
    "MLPRegressor",
    "ModelFormatError",
    "NNEngineError",
    "NotFittedError",
    "TrainingDivergedError",
    "load",
    "model_from_bytes",
    "model_to_bytes",
    "save",
]
